import Benefits
import DaftarJSON
import DemoCountry
import EventStore
import Testing

/// The configured countries cost-projection backtests ask for: the emergency top-up moved or left out.
@Suite struct DemoCountryOptionsTests {
    /// The months whose cycle an event falls in, by the cycles opened before it.
    func month(of index: Int, in log: [(stream: String, event: NewEvent)]) -> Int {
        log[..<index].filter { $0.event.type == "PaymentCycleOpened" }.count + 1
    }

    @Test func withoutATopUpNoneIsDeclaredGrantedOrPaid() async throws {
        let configuration = try DemoCountryConfiguration(seed: 7, households: 300, months: 6, topUp: .never)
        #expect(configuration.topUpMonth == nil)
        #expect(configuration.keyPrefix == "demo-7-300x6-notopup")
        let (summary, requests) = try await generateCountry(configuration)
        let log = events(requests)
        #expect(!log.contains { $0.event.type == "EmergencyTopUpDeclared" })
        #expect(!log.contains { $0.event.type == "TopUpGranted" })
        #expect(!log.contains { $0.event.type == "PaymentScheduled" && $0.event.data["topUpIds"] != nil })
        #expect(summary.topUpGrants == 0 && summary.topUpGovernorates.isEmpty)
        #expect(summary.paymentsScheduled > 0)
        #expect(requests.allSatisfy { $0.idempotencyKey.hasPrefix("demo-7-300x6-notopup/") })
    }

    @Test func aTopUpInMonthThreeIsDeclaredThenAndPaidForThreeCycles() async throws {
        let configuration = try DemoCountryConfiguration(seed: 7, households: 300, months: 6, topUp: .month(3))
        #expect(configuration.topUpMonth == 3)
        #expect(configuration.keyPrefix == "demo-7-300x6-topup3")
        let (summary, requests) = try await generateCountry(configuration)
        let log = events(requests)
        let declared = log.indices.filter { log[$0].event.type == "EmergencyTopUpDeclared" }
        #expect(declared.count == 1)
        let index = try #require(declared.first)
        #expect(month(of: index, in: log) == 3)
        #expect(log[index].event.data["declaredOn"] == "2025-03-01")
        #expect(log[index].event.data["cycles"] == .array(["2025-03", "2025-04", "2025-05"]))
        #expect(summary.topUpGrants > 0)
        let paidCycles = Set(
            log.filter { $0.event.type == "PaymentScheduled" && $0.event.data["topUpIds"] != nil }.compactMap { $0.event.data["cycle"]?.stringValue })
        #expect(paidCycles == ["2025-03", "2025-04", "2025-05"])
    }

    @Test func theStandardMonthNamedOutrightIsTheStandardCountry() async throws {
        // 6 months: the standard rule declares in month max(1, min(7, 6 − 2)) = 4.
        let named = try DemoCountryConfiguration(seed: 1, households: 60, months: 6, topUp: .month(4))
        let standard = try DemoCountryConfiguration(seed: 1, households: 60, months: 6)
        #expect(named.keyPrefix == standard.keyPrefix)
        let (_, a) = try await generateCountry(named)
        let (_, b) = try await generateCountry(standard)
        #expect(digest(a) == digest(b))
        let (_, c) = try await generateCountry(try DemoCountryConfiguration(seed: 1, households: 60, months: 6, topUp: .month(5)))
        #expect(digest(a) != digest(c))
    }

    @Test func aTopUpMonthOutsideTheRunIsRefusedNamingIt() {
        for month in [0, 7, -1] {
            let error = #expect(throws: DemoCountryError.self) {
                try DemoCountryConfiguration(seed: 1, households: 10, months: 6, topUp: .month(month))
            }
            #expect(error?.field == "topUp")
            #expect(error?.code == "invalid_option")
        }
    }
}
