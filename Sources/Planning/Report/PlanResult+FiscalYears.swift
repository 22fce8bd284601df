import Benefits
import Foundation

extension PlanResult {
    /// The label of a fiscal year: `FY2026` when fiscal years are calendar years, `FY2025/26` when
    /// they start in another month (the year named by the calendar year it starts in).
    /// - Parameter fiscalYear: the calendar year the fiscal year starts in.
    /// - Returns: the label.
    public func fiscalYearLabel(_ fiscalYear: Int) -> String {
        guard fiscalYearStartMonth != 1 else { return "FY\(fiscalYear)" }
        let next = (fiscalYear + 1) % 100
        return "FY\(fiscalYear)/\(next < 10 ? "0" : "")\(next)"
    }

    /// The plan's total cost (scheduled − failed + administration, over governorates and components) by month.
    /// Months projected without any row cost 0.
    public var costByMonth: [PaymentCycle: Int64] {
        var result: [PaymentCycle: Int64] = [:]
        for cycle in cycles { result[cycle] = 0 }
        for row in rows { result[row.month, default: 0] &+= row.costMinor }
        return result
    }

    /// The totals of each fiscal year the plan reaches, in order: the years of the months projected
    /// (and of any row outside them). Sums of amounts wrap rather than trap beyond 9.2 × 10^18 ledger
    /// units, as ``PlanRow/costMinor`` does; no programme comes near.
    public var fiscalYearTotals: [FiscalYearTotals] {
        var monthsByYear: [Int: [PaymentCycle]] = [:]
        for cycle in cycles { monthsByYear[fiscalYear(of: cycle), default: []].append(cycle) }
        var totals: [Int: FiscalYearTotals] = [:]
        func empty(_ year: Int) -> FiscalYearTotals {
            FiscalYearTotals(
                fiscalYear: year, label: fiscalYearLabel(year), months: monthsByYear[year]?.count ?? 0, costByComponent: [:], scheduledMinor: 0,
                failedMinor: 0, administrationMinor: 0, costMinor: 0, averageHouseholds: 0, gdpMinor: gdpMinor[year],
                revenueMinor: revenueMinor[year])
        }
        for year in monthsByYear.keys { totals[year] = empty(year) }
        // Households paid: per month and governorate, the most of any component.
        var households: [PaymentCycle: [GovernorateCode: Decimal]] = [:]
        for row in rows {
            let year = fiscalYear(of: row.month)
            var t = totals[year] ?? empty(year)
            t.costByComponent[row.component, default: 0] &+= row.costMinor
            t.scheduledMinor &+= row.scheduledMinor
            t.failedMinor &+= row.failedMinor
            t.administrationMinor &+= row.administrationMinor
            t.costMinor &+= row.costMinor
            totals[year] = t
            let seen = households[row.month]?[row.governorate] ?? 0
            if row.households > seen { households[row.month, default: [:]][row.governorate] = row.households }
        }
        var result: [FiscalYearTotals] = []
        for year in totals.keys.sorted() {
            guard var t = totals[year] else { continue }
            var sum = Decimal(0)
            var monthsWithRows = Set<PaymentCycle>()
            for (month, byGovernorate) in households where fiscalYear(of: month) == year {
                monthsWithRows.insert(month)
                for value in byGovernorate.values { sum += value }
            }
            let divisor = t.months > 0 ? t.months : monthsWithRows.count
            if divisor > 0 { t.averageHouseholds = PlanningDecimal.rounded(sum / Decimal(divisor), places: 3) }
            let projected = monthsByYear[year] ?? []
            if !projected.isEmpty, projected.allSatisfy({ monthlyBudgetMinor[$0] != nil }) {
                t.budgetMinor = projected.reduce(Int64(0)) { $0 &+ (monthlyBudgetMinor[$1] ?? 0) }
            }
            result.append(t)
        }
        return result
    }
}
