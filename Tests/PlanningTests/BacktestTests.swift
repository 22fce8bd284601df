import Benefits
import DemoCountry
import EventStore
import Foundation
import Planning
import PlanningLedger
import Postgres
import Testing

/// The baseline against what the demo country actually scheduled: projected from the ledger as known
/// at the close of month 6, months 7–12 are compared with `reporting.cost`.
@Suite(.serialized) struct BacktestTests {
    /// One month and governorate (or the whole country, governorate `nil`): projected and actual scheduled amounts.
    struct Comparison: CustomStringConvertible {
        var month: PaymentCycle
        var governorate: String?
        var projected: Int64
        var actual: Int64

        /// Relative error, in per cent of the actual.
        var errorPercent: Double { actual == 0 ? (projected == 0 ? 0 : 100) : Double(projected - actual) * 100 / Double(actual) }

        var description: String {
            "\(month) \((governorate ?? "all").padding(toLength: 6, withPad: " ", startingAt: 0)) projected \(projected) actual \(actual) "
                + String(format: "error %+.2f %%", errorPercent)
        }
    }

    static let households = 8_000

    /// Projects months 7–12 from the close of month 6 and compares them with `reporting.cost`.
    static func backtest(_ configuration: DemoCountryConfiguration) async throws -> (national: [Comparison], governorates: [Comparison], result: PlanResult) {
        let demo = try await DemoLedger.make(configuration)
        let pinText = try await demo.scalar(
            """
            SELECT l.ledger_seq FROM event_store.events e JOIN event_store.ledger l ON l.position = e.position
            WHERE e.event_type = 'PaymentCycleClosed' AND e.data->>'cycle' = '2025-06'
            """)
        let pin = try #require(pinText.flatMap { Int64($0) }, "the close of June is sequenced")
        let cohort = try await demo.withConnection {
            try await CohortLoader.loadExact(programme: DemoLedger.programme, asOf: pin, includeCandidates: false, on: $0)
        }
        let from = PaymentCycle(year: 2025, month: 7)!
        let result = try await CostPlanner(cohort: cohort, scenario: .baseline(currency: .iqd), from: from, months: 6).run()
        let actualRows = try await demo.withConnection {
            try await $0.query(
                """
                SELECT to_char(month::date, 'YYYY-MM'), governorate, sum(scheduled_minor)::bigint FROM reporting.cost
                WHERE programme_id = 'iq-spn' AND month::date >= '2025-07-01' GROUP BY 1, 2
                """
            ).rows.map { (try $0.decode(String.self, 0), try $0.decode(String.self, 1), try $0.decode(Int64.self, 2)) }
        }
        var actual: [String: Int64] = [:]
        for (month, governorate, amount) in actualRows { actual["\(month) \(governorate)"] = amount }
        var national: [Comparison] = []
        var governorates: [Comparison] = []
        for month in result.cycles {
            let rows = result.rows.filter { $0.month == month }
            let names = Set(rows.map(\.governorate.rawValue)).union(actualRows.filter { $0.0 == month.description }.map(\.1)).sorted()
            for name in names {
                governorates.append(
                    Comparison(
                        month: month, governorate: name, projected: rows.filter { $0.governorate.rawValue == name }.reduce(0) { $0 + $1.scheduledMinor },
                        actual: actual["\(month) \(name)"] ?? 0))
            }
            national.append(
                Comparison(
                    month: month, governorate: nil, projected: rows.reduce(0) { $0 + $1.scheduledMinor },
                    actual: actualRows.filter { $0.0 == month.description }.reduce(0) { $0 + $1.2 }))
        }
        print("Backtest \(configuration.keyPrefix) pinned at ledger_seq \(pin):")
        for comparison in national + governorates { print("  \(comparison)") }
        return (national, governorates, result)
    }

    @Test func theBaselineFromMonth6MatchesWhatWasScheduledInMonths7To12() async throws {
        let (national, governorates, _) = try await Self.backtest(
            try DemoCountryConfiguration(seed: 11, households: Self.households, months: 12, topUp: .never))
        #expect(national.count == 6)
        for month in national {
            #expect(month.actual > 0)
            #expect(abs(month.errorPercent) <= 2, "\(month)")
        }
        for cell in governorates { #expect(abs(cell.errorPercent) <= 5, "\(cell)") }
    }

    @Test func theBaselineCarriesAPublishedScheduleAndATopUpDeclaredBeforeThePin() async throws {
        // Schedule v2 published in month 5, in force from month 9; a flood top-up declared in month 5 for months 5–7.
        let configuration = try DemoCountryConfiguration(
            seed: 12, households: Self.households, months: 12, topUp: .month(5),
            scheduleChange: ScheduleChangePlan(publishedInMonth: 5, effectiveMonth: 9))
        let (national, governorates, result) = try await Self.backtest(configuration)
        for month in national { #expect(abs(month.errorPercent) <= 2, "\(month)") }
        for cell in governorates { #expect(abs(cell.errorPercent) <= 5, "\(cell)") }
        // Not vacuous: the top-up is in month 7 only, and month 9's cost jumps with the new schedule.
        let topUps = Dictionary(grouping: result.rows.filter { $0.component == .emergencyTopUp }, by: \.month)
        #expect(Set(topUps.keys) == [PaymentCycle(year: 2025, month: 7)!])
        #expect(national[2].projected > national[1].projected * 105 / 100)
    }
}
