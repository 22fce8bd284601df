import DemoCountry
import EventStore

/// Generates a country into memory.
func generateCountry(seed: UInt64, households: Int, months: Int) async throws -> (DemoCountrySummary, [AppendRequest]) {
    try await generateCountry(try DemoCountryConfiguration(seed: seed, households: households, months: months))
}

/// Generates a configured country into memory.
func generateCountry(_ configuration: DemoCountryConfiguration) async throws -> (DemoCountrySummary, [AppendRequest]) {
    let generator = DemoCountryGenerator(configuration)
    var requests: [AppendRequest] = []
    let summary = try await generator.generate { requests += $0 }
    return (summary, requests)
}

/// Every event of a country, with its stream, in log order.
func events(_ requests: [AppendRequest]) -> [(stream: String, event: NewEvent)] {
    requests.flatMap { r in r.streams.flatMap { s in s.events.map { (s.stream, $0) } } }
}

/// A 64-bit FNV-1a digest of a country's requests as `daftar events import` lines (every stream,
/// type, payload, metadata, expected version, idempotency key and effective time), joined by
/// newlines, in hex: a short fingerprint of a country, byte for byte.
func digest(_ requests: [AppendRequest]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    var first = true
    for line in requests.lazy.flatMap(\.importLines) {
        if !first {
            hash ^= 0x0A
            hash &*= 0x100_0000_01b3
        }
        first = false
        for byte in line.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
    }
    return String(hash, radix: 16)
}
