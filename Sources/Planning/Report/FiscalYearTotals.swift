import Benefits
import Foundation

/// One fiscal year of a plan: totals over the months of the year that the plan projects.
///
/// A plan that starts or ends within a fiscal year covers only part of it: ``months`` says how many
/// months the totals, the budget and the shares of GDP and revenue are over.
public struct FiscalYearTotals: Sendable, Hashable {
    /// The fiscal year, named by the calendar year it starts in.
    public var fiscalYear: Int
    /// The label: `FY2026` when fiscal years are calendar years, `FY2025/26` otherwise.
    public var label: String
    /// Months of the fiscal year the plan projects (1–12).
    public var months: Int
    /// Cost (scheduled − failed + administration) by payment component, for the components with rows.
    public var costByComponent: [PaymentComponentCode: Int64]
    /// Expected scheduled amount.
    public var scheduledMinor: Int64
    /// Expected amount of payments failing for good.
    public var failedMinor: Int64
    /// Administrative cost.
    public var administrationMinor: Int64
    /// The cost to the treasury: scheduled − failed + administration, the sum of ``costByComponent``.
    public var costMinor: Int64
    /// Households paid, on average per projected month, to three decimals. A month's households are,
    /// in each governorate, those of the component paid to the most households (every paid household
    /// receives the schedule's size-table or base component), summed over the governorates.
    public var averageHouseholds: Decimal
    /// The budget for the projected months, when every one of them has one.
    public var budgetMinor: Int64?
    /// GDP of the fiscal year, when the scenario gives it.
    public var gdpMinor: Int64?
    /// Government revenue of the fiscal year, when the scenario gives it.
    public var revenueMinor: Int64?

    /// Creates totals; each parameter sets the property of the same name.
    public init(
        fiscalYear: Int, label: String, months: Int, costByComponent: [PaymentComponentCode: Int64], scheduledMinor: Int64, failedMinor: Int64,
        administrationMinor: Int64, costMinor: Int64, averageHouseholds: Decimal, budgetMinor: Int64? = nil, gdpMinor: Int64? = nil,
        revenueMinor: Int64? = nil
    ) {
        self.fiscalYear = fiscalYear
        self.label = label
        self.months = months
        self.costByComponent = costByComponent
        self.scheduledMinor = scheduledMinor
        self.failedMinor = failedMinor
        self.administrationMinor = administrationMinor
        self.costMinor = costMinor
        self.averageHouseholds = averageHouseholds
        self.budgetMinor = budgetMinor
        self.gdpMinor = gdpMinor
        self.revenueMinor = revenueMinor
    }

    /// Budget − cost, when the budget is known; negative when the plan overspends.
    public var budgetMinusCostMinor: Int64? { budgetMinor.map { $0 &- costMinor } }

    /// The cost as a share of GDP (0.0035 for 0.35 %), rounded half to even to 10 fractional digits; `nil` without GDP.
    public var costShareOfGdp: Decimal? { gdpMinor.flatMap { ReportFormatting.ratio(costMinor, $0, places: 10) } }

    /// The cost as a share of revenue, rounded half to even to 10 fractional digits; `nil` without revenue.
    public var costShareOfRevenue: Decimal? { revenueMinor.flatMap { ReportFormatting.ratio(costMinor, $0, places: 10) } }
}
