import Benefits
import EventStore
import Foundation
import Planning
import Testing

/// A new PMT threshold admits the registry's assessed-but-ineligible households between the two thresholds, times take-up.
@Suite struct CostPlannerThresholdTests {
    typealias F = PlanningFixtures

    @Test func raisingTheThresholdAdmitsExactlyTheScoresBetweenTimesTakeUp() async throws {
        // Enrolled: 10 households below 11.8. Candidates with scores 11.80 … 12.29 (50 of them), and 5 unscored.
        let enrolled = (0..<10).map { F.household($0, score: "11.5") }
        let scored = (0..<50).map { n -> CohortHousehold in
            let hundredths = 1180 + n  // 11.80 … 12.29
            return F.household(100 + n, standing: .candidate, score: "\(hundredths / 100).\(String(format: "%02d", hundredths % 100))")
        }
        let unscored = (0..<5).map { F.household(200 + $0, standing: .candidate, score: nil) }
        let cohort = Cohort(programme: F.programme([F.rule(threshold: "11.8"), F.flat(100_000)]), pin: 1, households: enrolled + scored + unscored)
        let change = ScenarioChange.pmtThreshold(from: F.month("2025-03"), threshold: Decimal(string: "12.05")!, takeUp: TakeUp(F.rate("0.4")))
        let result = try await CostPlanner(cohort: cohort, scenario: F.fixed(changes: [change]), from: F.month("2025-01"), months: 4).run()
        let byMonth = Dictionary(grouping: result.rows, by: \.month).mapValues { $0.reduce(0) { $0 + $1.scheduledMinor } }
        // Scores 11.80 … 12.04 lie in [11.8, 12.05): 25 households, 40 % of whom take up.
        #expect(byMonth[F.month("2025-01")] == 1_000_000)
        #expect(byMonth[F.month("2025-02")] == 1_000_000)
        let march: Int64 = 1_000_000 + 25 * 100_000 * 4 / 10
        #expect(byMonth[F.month("2025-03")] == march, "\(result.rows)")
        #expect(byMonth[F.month("2025-04")] == 2_000_000)
        #expect(result.rows.first { $0.month == F.month("2025-03") }?.households == 20)
    }

    @Test func aTakeUpCurveRampsEntrantsIn() async throws {
        let candidates = (0..<10).map { F.household($0, standing: .candidate, score: "12.0") }
        let cohort = Cohort(programme: F.programme([F.rule(threshold: "11.8"), F.flat(10_000)]), pin: 1, households: candidates)
        let change = ScenarioChange.pmtThreshold(
            from: F.month("2025-01"), threshold: 13, takeUp: TakeUp(curve: [F.rate("0.1"), F.rate("0.5"), F.rate("0.8")]))
        let result = try await CostPlanner(cohort: cohort, scenario: F.fixed(changes: [change]), from: F.month("2025-01"), months: 5).run()
        #expect(result.rows.map(\.scheduledMinor) == [10_000, 50_000, 80_000, 80_000, 80_000])
    }

    @Test func anExpansionAdmitsTheEligibleOfItsGovernorates() async throws {
        let there = (0..<4).map { F.household($0, governorate: "IQ-AR", standing: .candidate, score: "11.0") }
        let richer = F.household(10, governorate: "IQ-AR", standing: .candidate, score: "12.5")
        let elsewhere = F.household(11, governorate: "IQ-BG", standing: .candidate, score: "11.0")
        let cohort = Cohort(programme: F.programme([F.rule(threshold: "11.8"), F.flat(10_000)]), pin: 1, households: there + [richer, elsewhere])
        let change = ScenarioChange.expansion(from: F.month("2025-02"), governorates: [GovernorateCode("IQ-AR")], takeUp: TakeUp(.one))
        let result = try await CostPlanner(cohort: cohort, scenario: F.fixed(changes: [change]), from: F.month("2025-01"), months: 2).run()
        #expect(result.rows.map(\.scheduledMinor) == [40_000])
        #expect(result.rows.map(\.governorate) == [GovernorateCode("IQ-AR")])
    }
}
