import Benefits
import EventStore
import Foundation
import Planning

/// Plans built by hand for the report tests: no engine, no ledger.
enum PlanFixtures {
    static func cycle(_ year: Int, _ month: Int) -> PaymentCycle { PaymentCycle(year: year, month: month)! }

    /// A plan of 16 months from November 2025 (so two partial fiscal years and a full one when fiscal
    /// years are calendar years), in two governorates, with three components, a budget, GDP and revenue.
    static func plan(
        scenario: String = "child grant 2026", fiscalYearStartMonth: Int = 1, perChildMinor: Int64 = 25_000, pin: Int64 = 1834,
        budgetMinor: Int64? = 40_000_000_000
    ) -> PlanResult {
        let governorates = [GovernorateCode("IQ-BA"), GovernorateCode("IQ-NI")]
        var rows: [PlanRow] = []
        var budget: [PaymentCycle: Int64] = [:]
        var month = cycle(2025, 11)
        for m in 0..<16 {
            for (g, governorate) in governorates.enumerated() {
                let households = Decimal(100_000 + 1_000 * m + 20_000 * g) + Decimal(string: "0.125")!
                let sizeTableMinor = Int64(100_000 + 1_000 * m + 20_000 * g) * 200_000
                let perChildMinor = Int64(60_000 + 500 * m) * perChildMinor
                for (component, scheduled, count) in [
                    (PaymentComponentCode.sizeTable, sizeTableMinor, households),
                    (.perChild, perChildMinor, Decimal(60_000 + 500 * m)),
                ] {
                    let failed = scheduled / 200
                    rows.append(
                        PlanRow(
                            month: month, governorate: governorate, component: component, households: count, scheduledMinor: scheduled,
                            failedMinor: failed, administrationMinor: (scheduled - failed) / 20))
                }
                if governorate == GovernorateCode("IQ-BA"), month == cycle(2026, 2) || month == cycle(2026, 3) {
                    rows.append(
                        PlanRow(
                            month: month, governorate: governorate, component: .emergencyTopUp, households: 5_000, scheduledMinor: 750_000_000,
                            failedMinor: 0, administrationMinor: 37_500_000))
                }
            }
            if let budgetMinor { budget[month] = budgetMinor }
            month = month.next!
        }
        rows.sort { ($0.month, $0.governorate, $0.component.rawValue) < ($1.month, $1.governorate, $1.component.rawValue) }
        return PlanResult(
            programmeId: ProgrammeID("iq-spn"), currency: .iqd, scenario: scenario, pin: pin, from: cycle(2025, 11), months: 16,
            fiscalYearStartMonth: fiscalYearStartMonth, administrativeShare: try! Rate(parsing: "0.05"),
            assumptions: governorates.map {
                PlanResult.Assumption(
                    governorate: $0, exitRate: try! Rate(parsing: "0.0025"), entryRate: try! Rate(parsing: "0.002"),
                    failureRate: try! Rate(parsing: "0.005"))
            },
            rows: rows, monthlyBudgetMinor: budget, gdpMinor: [2026: 354_000_000_000_000, 2025: 330_000_000_000_000],
            revenueMinor: [2026: 138_000_000_000_000])
    }
}
