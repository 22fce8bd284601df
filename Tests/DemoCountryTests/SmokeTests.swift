import DemoCountry
import Testing

@Suite struct SmokeTests {
    @Test func aSmallCountryIsGenerated() async throws {
        let clock = ContinuousClock.now
        let (summary, requests) = try await generateCountry(seed: 1, households: 2000, months: 12)
        print(summary, requests.count, ContinuousClock.now - clock)
        #expect(summary.enrolled > 0)
    }
}
