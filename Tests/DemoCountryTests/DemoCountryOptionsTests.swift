import Benefits
import DaftarJSON
import DemoCountry
import EventStore
import Testing

/// The configured countries cost-projection backtests ask for: the emergency top-up moved or left
/// out, and a published change of the benefit schedule.
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

    /// Each household's head's sex and size, from its members as registered (the demo country never
    /// changes a composition after registration).
    func heads(_ log: [(stream: String, event: NewEvent)]) -> [String: (female: Bool, size: Int)] {
        var heads: [String: (female: Bool, size: Int)] = [:]
        for (_, event) in log where event.type == "MemberAdded" {
            let household = event.data["householdId"]?.stringValue ?? ""
            var entry = heads[household] ?? (false, 0)
            entry.size += 1
            if event.data["relationship"] == "head" { entry.female = event.data["sex"] == "female" }
            heads[household] = entry
        }
        return heads
    }

    @Test func aScheduleChangePublishedInMonthTwoPaysVersionTwoFromMonthFour() async throws {
        let change = try ScheduleChangePlan(publishedInMonth: 2, effectiveMonth: 4)
        let configuration = try DemoCountryConfiguration(seed: 7, households: 300, months: 6, scheduleChange: change)
        #expect(configuration.keyPrefix == "demo-7-300x6-schedule2to4")
        let (summary, requests) = try await generateCountry(configuration)
        let catalogue = try BenefitsCatalogue()
        for request in requests { try request.validate(limits: EventStoreLimits(), catalogue: catalogue) }
        #expect(requests.allSatisfy { $0.idempotencyKey.hasPrefix("demo-7-300x6-schedule2to4/") })
        let log = events(requests)

        // Version 2, published by the minister in month 2, in force from 1 April 2025.
        let published = log.indices.filter { log[$0].event.type == "BenefitSchedulePublished" }
        #expect(published.count == 2)
        let v2 = try #require(published.last)
        #expect(month(of: v2, in: log) == 2)
        #expect(log[v2].event.data["scheduleVersion"] == 2)
        #expect(log[v2].event.data["effectiveFrom"] == "2025-04-01")
        #expect(log[v2].event.data["legalBasis"] == log[published[0]].event.data["legalBasis"])
        #expect(log[v2].event.metadata.actor == "user:minister.molsa")
        #expect(summary.scheduleChangeEffectiveFrom == BusinessDate(year: 2025, month: 4, day: 1))

        // The caseload recalculated in month 4, before its cycle opens; the refused ones skipped.
        let changed = log.indices.filter { log[$0].event.type == "EntitlementChanged" }
        #expect(changed.count == summary.entitlementsRecalculated)
        #expect(summary.entitlementsRecalculated > 0)
        #expect(summary.entitlementsRecalculated + summary.recalculationsSkipped == summary.enrolled)
        for index in changed {
            let event = log[index].event
            #expect(month(of: index, in: log) == 4)
            #expect(event.data["cause"] == "scheduleChanged")
            #expect(event.data["effectiveOn"] == "2025-04-01")
            #expect(event.data["scheduleVersion"] == 2)
        }

        // Every payment of cycles 4 on pays version 2 for its size and sex; those before, version 1.
        let heads = heads(log)
        var checked = (v1: 0, v2: 0)
        for (_, event) in log where event.type == "PaymentScheduled" {
            let household = event.data["householdId"]?.stringValue ?? ""
            let cycle = try #require(event.data["cycle"]?.stringValue)
            let head = try #require(heads[household])
            let later = cycle >= "2025-04"
            let table =
                later
                ? (head.female ? ScheduleChangePlan.defaultFemaleHeaded : ScheduleChangePlan.defaultMaleHeaded)
                : (head.female ? CountryCalibration.benefitFemaleHeaded : CountryCalibration.benefitMaleHeaded)
            let entitlement = (event.data["components"]?.arrayValue ?? []).filter {
                !["emergencyTopUp", "oneOffGrant"].contains($0["component"]?.stringValue ?? "")
            }.reduce(Int64(0)) { $0 + ($1["amountMinor"]?.int64Value ?? 0) }
            #expect(event.data["scheduleVersion"] == (later ? 2 : 1), "\(household) \(cycle)")
            #expect(entitlement == table[min(head.size, 4) - 1], "\(household) \(cycle)")
            if later { checked.v2 += 1 } else { checked.v1 += 1 }
        }
        #expect(checked.v1 > 0 && checked.v2 > 0)
        #expect(checked.v1 + checked.v2 == summary.paymentsScheduled)
    }

    @Test func aScheduleChangeEffectiveAfterTheRunIsPublishedButNeverPaid() async throws {
        let change = try ScheduleChangePlan(publishedInMonth: 2, effectiveMonth: 9)
        let (summary, requests) = try await generateCountry(try DemoCountryConfiguration(seed: 7, households: 120, months: 3, scheduleChange: change))
        let log = events(requests)
        #expect(log.filter { $0.event.type == "BenefitSchedulePublished" }.last?.event.data["effectiveFrom"] == "2025-09-01")
        #expect(summary.entitlementsRecalculated == 0)
        #expect(!log.contains { $0.event.type == "EntitlementChanged" })
        #expect(log.filter { $0.event.type == "PaymentScheduled" }.allSatisfy { $0.event.data["scheduleVersion"] == 1 })
    }

    @Test func differentSchedulesNeverShareKeys() throws {
        func prefix(_ change: ScheduleChangePlan?, _ topUp: TopUpPlan = .standard) throws -> String {
            try DemoCountryConfiguration(seed: 7, households: 300, months: 12, topUp: topUp, scheduleChange: change).keyPrefix
        }
        let prefixes = [
            try prefix(nil), try prefix(nil, .never), try prefix(ScheduleChangePlan(publishedInMonth: 5, effectiveMonth: 9)),
            try prefix(ScheduleChangePlan(publishedInMonth: 5, effectiveMonth: 10)),
            try prefix(ScheduleChangePlan(publishedInMonth: 5, effectiveMonth: 9), .month(2)),
            try prefix(ScheduleChangePlan(publishedInMonth: 5, effectiveMonth: 9, maleHeaded: [150_000], femaleHeaded: [150_000])),
            try prefix(ScheduleChangePlan(publishedInMonth: 5, effectiveMonth: 9, maleHeaded: [150_000], femaleHeaded: [160_000])),
        ]
        #expect(Set(prefixes).count == prefixes.count, "\(prefixes)")
        #expect(prefixes[0] == "demo-7-300x12")
        #expect(prefixes[4] == "demo-7-300x12-topup2-schedule5to9")
        #expect(prefixes.allSatisfy { !$0.contains("/") && $0.count < 80 })
    }

    @Test func badScheduleChangesAreRefusedNamingTheField() {
        let cases: [(published: Int, effective: Int, months: Int, field: String)] = [
            (0, 3, 6, "scheduleChange.publishedInMonth"), (4, 4, 6, "scheduleChange.effectiveMonth"),
            (5, 3, 6, "scheduleChange.effectiveMonth"), (2, 121, 6, "scheduleChange.effectiveMonth"),
            (7, 9, 6, "scheduleChange.publishedInMonth"),
        ]
        for c in cases {
            let error = #expect(throws: DemoCountryError.self) {
                try DemoCountryConfiguration(
                    seed: 1, households: 10, months: c.months,
                    scheduleChange: ScheduleChangePlan(publishedInMonth: c.published, effectiveMonth: c.effective))
            }
            #expect(error?.field == c.field, "\(c)")
        }
        let table = #expect(throws: DemoCountryError.self) {
            try ScheduleChangePlan(publishedInMonth: 1, effectiveMonth: 2, maleHeaded: [], femaleHeaded: [1])
        }
        #expect(table?.field == "scheduleChange.maleHeaded")
    }
}
