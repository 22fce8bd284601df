import Benefits
import EventStore
import Foundation
import Planning
import Testing

/// The planner against the standard costing formula of the ILO and ESCAP calculators:
/// `annual cost = recipients × monthly transfer × 12 × (1 + administrative share)`.
@Suite struct CostPlannerMethodTests {
    typealias F = PlanningFixtures

    @Test func fixedRecipientsAndTransferReproduceTheStandardFormula() async throws {
        let recipients = 1_234
        let transfer: Int64 = 87_500
        let cohort = Cohort(
            programme: F.programme([F.rule(threshold: "12"), F.flat(transfer)]), pin: 1,
            households: (0..<recipients).map { F.household($0, governorate: $0 % 3 == 0 ? "IQ-BA" : "IQ-BG") })
        let scenario = F.fixed(
            changes: [.indexation(from: F.month("2026-01"), annualRate: F.rate("0.035"))], administrativeShare: "0.07")
        let result = try await CostPlanner(cohort: cohort, scenario: scenario, from: F.month("2025-01"), months: 36).run()
        for year in 2025...2027 {
            // The standard formula, with the transfer indexed by 3.5 % a year from 2026 (rounded to the dinar, as a schedule is).
            let steps = year - 2025
            var indexed = Decimal(transfer)
            for _ in 0..<steps { indexed *= Decimal(string: "1.035")! }
            var rounded = Decimal()
            NSDecimalRound(&rounded, &indexed, 0, .bankers)
            let monthly = Int64(truncating: rounded as NSNumber)
            let net = Int64(recipients) * monthly * 12
            let exact = Decimal(net) * Decimal(string: "1.07")!
            let cost = F.sum(result, \.costMinor) { $0.month.year == year }
            // To the dinar: the plan's fiscal-year total is the exact formula rounded, within one dinar.
            #expect(abs(Decimal(cost) - exact) < 1, "fiscal year \(year): \(cost) against \(exact)")
            #expect(F.sum(result, \.scheduledMinor) { $0.month.year == year } == net)
        }
        #expect(F.sum(result, \.failedMinor) == 0)
    }

    @Test func exitRatesCompoundMonthByMonth() async throws {
        let cohort = Cohort(programme: F.programme([F.rule(threshold: "12"), F.flat(100_000)]), pin: 1, households: (0..<1000).map { F.household($0) })
        var scenario = F.fixed()
        scenario.rates = .init(exit: F.rate("0.01"), entry: .zero, failure: F.rate("0.02"))
        let result = try await CostPlanner(cohort: cohort, scenario: scenario, from: F.month("2025-01"), months: 3).run()
        let scheduled = result.rows.map(\.scheduledMinor)
        // 1000 × 100,000 × 0.99^(i+1)
        #expect(scheduled == [99_000_000, 98_010_000, 97_029_900])
        #expect(result.rows.map(\.failedMinor) == [1_980_000, 1_960_200, 1_940_598])
        #expect(result.rows.first?.households == Decimal(990))
    }

    @Test func theSameInputsGiveTheSameResult() async throws {
        let cohort = Cohort(
            programme: F.programme([F.rule(threshold: "12"), F.sizeTable]), pin: 7,
            households: (0..<500).map { n in
                F.household(n, governorate: ["IQ-BG", "IQ-BA", "IQ-NI"][n % 3], others: (0..<(n % 6)).map { F.member("P-\(n)-\($0)", .female, born: "20\(10 + $0)-0\($0 + 1)-15") })
            },
            flows: [F.month("2024-12"): [GovernorateCode("IQ-BG"): ObservedFlows(payableHouseholds: 167, exits: 3, scheduledMinor: 1_000_000, failedMinor: 3_333)]])
        let scenario = Scenario(name: "observed", currency: .iqd, administrativeShare: F.rate("0.05"))
        let a = try await CostPlanner(cohort: cohort, scenario: scenario, from: F.month("2025-01"), months: 24).run()
        let b = try await CostPlanner(cohort: cohort, scenario: scenario, from: F.month("2025-01"), months: 24).run()
        #expect(a == b)
        #expect(a.assumptions.first { $0.governorate == GovernorateCode("IQ-BG") }?.exitRate == F.rate("0.017964071856"))
        // Governorates without flows of their own take the national rate.
        #expect(a.assumptions.first { $0.governorate == GovernorateCode("IQ-NI") }?.failureRate == F.rate("0.003333"))
    }

    @Test func badOptionsComputeNothing() async throws {
        let cohort = Cohort(programme: F.programme([F.rule(threshold: "12"), F.flat(1)]), pin: 1, households: [F.household(1)])
        await #expect(throws: PlanningError.self) { try await CostPlanner(cohort: cohort, scenario: F.fixed(), from: F.month("2025-01"), months: 0).run() }
        do {
            _ = try await CostPlanner(cohort: cohort, scenario: Scenario(name: "x", currency: .jod), from: F.month("2025-01"), months: 3).run()
            Issue.record("a scenario in JOD was accepted for an IQD programme")
        } catch {
            #expect(error.code == "currency_mismatch")
            #expect(error.field == "currency")
        }
        do {
            _ = try await CostPlanner(cohort: cohort, scenario: F.fixed(), from: F.month("2023-01"), months: 3).run()
            Issue.record("a month without a schedule was planned")
        } catch {
            #expect(error.code == "no_schedule")
        }
    }

    @Test func aCeilingPaysThePoorestFirst() async throws {
        // Ten households of 100,000 each; a ceiling of 450,000 pays the four poorest.
        let households = (0..<10).map { F.household($0, score: "11.\($0)") }
        let cohort = Cohort(programme: F.programme([F.rule(threshold: "12"), F.flat(100_000)]), pin: 1, households: households.reversed())
        let scenario = F.fixed(changes: [.budgetCeiling(from: F.month("2025-02"), ceiling: .monthly(450_000))])
        let result = try await CostPlanner(cohort: cohort, scenario: scenario, from: F.month("2025-01"), months: 2).run()
        #expect(result.rows.map(\.scheduledMinor) == [1_000_000, 400_000])
        #expect(result.monthlyBudgetMinor[F.month("2025-02")] == 450_000)
    }
}
