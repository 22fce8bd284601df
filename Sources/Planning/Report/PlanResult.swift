import Benefits
import EventStore
import Foundation

/// A plan: a scenario projected from a pinned ledger position, month by month, by governorate and
/// component, with the budget and the macro series to compare it with.
///
/// Deterministic: the same cohort and scenario give the same result, and ``rows`` are sorted by
/// month, governorate and component, so the result's texts (CSV, JSON) are the same byte for byte.
public struct PlanResult: Sendable, Hashable {
    /// The rates the plan used for one governorate.
    public struct Assumption: Sendable, Hashable {
        /// The governorate.
        public var governorate: GovernorateCode
        /// Households leaving per household and month.
        public var exitRate: Rate
        /// Households entering per household and month.
        public var entryRate: Rate
        /// Share of the scheduled amount failing for good.
        public var failureRate: Rate

        /// Creates an assumption; each parameter sets the property of the same name.
        public init(governorate: GovernorateCode, exitRate: Rate, entryRate: Rate, failureRate: Rate) {
            self.governorate = governorate
            self.exitRate = exitRate
            self.entryRate = entryRate
            self.failureRate = failureRate
        }
    }

    /// The programme.
    public var programmeId: ProgrammeID
    /// The currency of every amount.
    public var currency: Currency
    /// The scenario's name.
    public var scenario: String
    /// The ledger position the cohort was read at.
    public var pin: Int64
    /// The first month projected.
    public var from: PaymentCycle
    /// Months projected.
    public var months: Int
    /// The first month of a fiscal year (1 = January).
    public var fiscalYearStartMonth: Int
    /// The administrative share applied.
    public var administrativeShare: Rate
    /// The rates used, by governorate (sorted by code).
    public var assumptions: [Assumption]
    /// The cells, sorted by month, governorate and component; cells with nothing in them are left out.
    public var rows: [PlanRow]
    /// The budget per month, when known: the scenario's ceiling, or else a twelfth of the allocation.
    public var monthlyBudgetMinor: [PaymentCycle: Int64]
    /// GDP by fiscal year, from the scenario.
    public var gdpMinor: [Int: Int64]
    /// Revenue by fiscal year, from the scenario.
    public var revenueMinor: [Int: Int64]

    /// Creates a result; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, currency: Currency, scenario: String, pin: Int64, from: PaymentCycle, months: Int, fiscalYearStartMonth: Int,
        administrativeShare: Rate, assumptions: [Assumption], rows: [PlanRow], monthlyBudgetMinor: [PaymentCycle: Int64] = [:],
        gdpMinor: [Int: Int64] = [:], revenueMinor: [Int: Int64] = [:]
    ) {
        self.programmeId = programmeId
        self.currency = currency
        self.scenario = scenario
        self.pin = pin
        self.from = from
        self.months = months
        self.fiscalYearStartMonth = fiscalYearStartMonth
        self.administrativeShare = administrativeShare
        self.assumptions = assumptions
        self.rows = rows
        self.monthlyBudgetMinor = monthlyBudgetMinor
        self.gdpMinor = gdpMinor
        self.revenueMinor = revenueMinor
    }

    /// The months projected, in order.
    public var cycles: [PaymentCycle] {
        Self.cycles(from: from, months: months)
    }

    /// The plan's total cost over every row (scheduled − failed + administration), in minor units.
    /// The sum wraps rather than traps beyond 9.2 × 10^18 ledger units, as ``PlanRow/costMinor`` does.
    public var totalCostMinor: Int64 {
        rows.reduce(Int64(0)) { $0 &+ $1.costMinor }
    }

    /// `months` consecutive months from `from`, fewer when the calendar ends first.
    /// - Parameters:
    ///   - from: the first month.
    ///   - months: how many months.
    static func cycles(from: PaymentCycle, months: Int) -> [PaymentCycle] {
        var result: [PaymentCycle] = []
        var cycle = from
        for _ in 0..<months {
            result.append(cycle)
            guard let next = cycle.next else { break }
            cycle = next
        }
        return result
    }

    /// The fiscal year a month belongs to, named by the calendar year it starts in.
    /// - Parameter cycle: a month.
    public func fiscalYear(of cycle: PaymentCycle) -> Int {
        Self.fiscalYear(of: cycle, startMonth: fiscalYearStartMonth)
    }

    /// The fiscal year a month belongs to when fiscal years start in `startMonth`, named by the calendar year it starts in.
    /// - Parameters:
    ///   - cycle: a month.
    ///   - startMonth: the fiscal year's first month, 1 = January.
    public static func fiscalYear(of cycle: PaymentCycle, startMonth: Int) -> Int {
        cycle.month >= startMonth ? cycle.year : cycle.year - 1
    }
}
