import Benefits
import EventStore
import Foundation
import Planning
import Testing

/// Members age month by month: a birthday changes the per-member components from the month it falls in.
@Suite struct CostPlannerAgeingTests {
    typealias F = PlanningFixtures

    /// The calibrated size table, with 25,000 per child under 18 and 40,000 per member of 65 or more.
    static let grants = ScenarioChange.benefitSchedule(
        from: F.month("2026-01"),
        ScheduleChange(
            memberComponents: .init(perChildAmountMinor: 25_000, perElderlyAmountMinor: 40_000, childUnderAge: 18, elderlyFromAge: 65)))

    @Test func aChildTurning18AndAnAdultTurning65ChangeComponentsInThatMonth() async throws {
        // Plan from January 2026: month 3 is March 2026.
        let household = F.household(
            1,
            others: [
                F.member("P-C1", .male, born: "2008-03-20"),  // 18 on 20 March 2026
                F.member("P-C2", .female, born: "2012-07-01"),  // a child throughout
                F.member("P-G1", .female, born: "1961-03-05"),  // 65 on 5 March 2026
            ])
        let cohort = Cohort(programme: F.programme([F.rule(threshold: "12"), F.sizeTable]), pin: 1, households: [household])
        let result = try await CostPlanner(cohort: cohort, scenario: F.fixed(changes: [Self.grants]), from: F.month("2026-01"), months: 6).run()
        func amount(_ month: String, _ component: PaymentComponentCode) -> Int64 {
            result.rows.first { $0.month == F.month(month) && $0.component == component }?.scheduledMinor ?? 0
        }
        #expect(amount("2026-01", .perChild) == 50_000)
        #expect(amount("2026-02", .perChild) == 50_000)
        #expect(amount("2026-03", .perChild) == 25_000)
        #expect(amount("2026-06", .perChild) == 25_000)
        #expect(amount("2026-02", .perElderly) == 0)
        #expect(amount("2026-03", .perElderly) == 40_000)
        // The size table (4 members, male head) is untouched by ageing.
        #expect(result.rows.filter { $0.component == .sizeTable }.map(\.scheduledMinor) == Array(repeating: 275_000, count: 6))
    }

    @Test func anOrphanAgingOutLeavesARuleThatNeedsACategory() async throws {
        let rule = F.rule(threshold: "12", combination: .pmtAndCategory, categories: [.init(category: .orphan, maxAge: 18)])
        var orphan = F.member("P-O1", .female, born: "2008-04-10")
        orphan.orphanhood = .paternal
        let household = F.household(1, others: [orphan])
        let cohort = Cohort(programme: F.programme([rule, F.sizeTable]), pin: 1, households: [household])
        let result = try await CostPlanner(cohort: cohort, scenario: F.fixed(), from: F.month("2026-01"), months: 6).run()
        #expect(result.rows.map(\.month) == [F.month("2026-01"), F.month("2026-02"), F.month("2026-03")])
    }
}
