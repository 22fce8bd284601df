import DemoCountry
import EventStore

/// Generates a country into memory.
func generateCountry(seed: UInt64, households: Int, months: Int) async throws -> (DemoCountrySummary, [AppendRequest]) {
    let generator = DemoCountryGenerator(try DemoCountryConfiguration(seed: seed, households: households, months: months))
    var requests: [AppendRequest] = []
    let summary = try await generator.generate { requests += $0 }
    return (summary, requests)
}
