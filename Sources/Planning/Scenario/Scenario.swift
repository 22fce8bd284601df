import Benefits
import EventStore
import Foundation

/// A costing scenario: a set of changes to the baseline, each from a month on, with the assumptions
/// the ministry gives (administrative share, rates, GDP and revenue). The baseline is the scenario
/// with no changes. Read from a JSON file (`Ops/plan/scenario.schema.json`); see `Scenario+JSON.swift`.
public struct Scenario: Sendable, Hashable {
    /// Rates that replace those the ledger shows. Each is per month, except ``failure``, a share of the scheduled amount.
    public struct RateOverrides: Sendable, Hashable {
        /// Households leaving per household and month (exits and individual exclusions).
        public var exit: Rate?
        /// Households entering per household and month.
        public var entry: Rate?
        /// Share of the scheduled amount whose payment fails for good.
        public var failure: Rate?

        /// Creates overrides; each parameter sets the property of the same name.
        public init(exit: Rate? = nil, entry: Rate? = nil, failure: Rate? = nil) {
            self.exit = exit
            self.entry = entry
            self.failure = failure
        }
    }

    /// The name shown in tables and charts.
    public var name: String
    /// What the scenario is about, in words.
    public var description: String?
    /// The currency of every amount in the scenario; must be the programme's.
    public var currency: Currency
    /// The administrative cost as a share of the net transfers (0.05 adds five per cent).
    public var administrativeShare: Rate
    /// Months of ledger history the default rates are taken from.
    public var trailingWindowMonths: Int
    /// Rates that replace the observed ones.
    public var rates: RateOverrides
    /// The changes, in the file's order.
    public var changes: [ScenarioChange]
    /// GDP by fiscal year, in ledger units, for the cost's share of GDP.
    public var gdpMinor: [Int: Int64]
    /// Government revenue by fiscal year, in ledger units, for the cost's share of revenue.
    public var revenueMinor: [Int: Int64]

    /// Creates a scenario; each parameter sets the property of the same name.
    public init(
        name: String, description: String? = nil, currency: Currency, administrativeShare: Rate = .zero, trailingWindowMonths: Int = 12,
        rates: RateOverrides = RateOverrides(), changes: [ScenarioChange] = [], gdpMinor: [Int: Int64] = [:], revenueMinor: [Int: Int64] = [:]
    ) {
        self.name = name
        self.description = description
        self.currency = currency
        self.administrativeShare = administrativeShare
        self.trailingWindowMonths = trailingWindowMonths
        self.rates = rates
        self.changes = changes
        self.gdpMinor = gdpMinor
        self.revenueMinor = revenueMinor
    }

    /// The baseline: today's rules and the observed rates, with no change.
    /// - Parameter currency: the programme's currency.
    public static func baseline(currency: Currency) -> Scenario {
        Scenario(name: "baseline", currency: currency)
    }
}

/// How many of the households a change makes eligible take the benefit up: a cumulative share by
/// month since the change (the first element for its first month); the last element holds after.
public struct TakeUp: Sendable, Hashable {
    /// Cumulative shares, each in 0…1.
    public var curve: [Rate]

    /// A take-up curve.
    /// - Parameter curve: cumulative shares by month since the change; at least one.
    public init(curve: [Rate]) {
        self.curve = curve
    }

    /// A constant take-up.
    /// - Parameter rate: the share taking up from the first month.
    public init(_ rate: Rate) {
        curve = [rate]
    }

    /// The share taking up in the `index`-th month since the change (0 for the change's month).
    public func share(monthsSince index: Int) -> Rate {
        guard index >= 0, let last = curve.last else { return .zero }
        return index < curve.count ? curve[index] : last
    }
}

/// One change a scenario makes to the baseline, from a month on.
public enum ScenarioChange: Sendable, Hashable {
    /// A benefit schedule from `from`: the parts given replace those of the schedule in force; parts not given stay.
    case benefitSchedule(from: PaymentCycle, ScheduleChange)
    /// A new PMT threshold (on the rule's scale) from `from`: households of the registry that the new
    /// threshold admits and the old did not enter, times take-up.
    case pmtThreshold(from: PaymentCycle, threshold: Decimal, takeUp: TakeUp)
    /// The programme opens in governorates from `from`: their eligible registry households enter, times take-up.
    case expansion(from: PaymentCycle, governorates: [GovernorateCode], takeUp: TakeUp)
    /// An emergency top-up for households in `areas` in the given months.
    case emergencyTopUp(areas: [AreaCode], basis: TopUpBasis, amountMinor: Int64, months: [PaymentCycle])
    /// A budget ceiling from `from`: when a month's cost would exceed it, households are paid in order
    /// of score, poorest first, until it is reached.
    case budgetCeiling(from: PaymentCycle, ceiling: BudgetCeiling)
    /// Indexation from `from`: every amount of the schedule is multiplied by `(1 + annualRate)^k`, where k
    /// counts the fiscal-year starts from `from` (inclusive) to the month, each amount rounded half to even.
    case indexation(from: PaymentCycle, annualRate: Rate)
}

/// The parts of a benefit schedule a scenario changes; `nil` keeps the part in force.
public struct ScheduleChange: Sendable, Hashable {
    /// Per-size table by head's sex.
    public var sizeTable: BenefitSchedulePublished.SizeTable?
    /// Flat amount per household.
    public var baseAmountMinor: Int64?
    /// Per-member components (replace the whole group when given).
    public var memberComponents: BenefitSchedulePublished.MemberComponents?
    /// Highest monthly entitlement of a household.
    public var capAmountMinor: Int64?

    /// Creates a change; each parameter sets the property of the same name.
    public init(
        sizeTable: BenefitSchedulePublished.SizeTable? = nil, baseAmountMinor: Int64? = nil,
        memberComponents: BenefitSchedulePublished.MemberComponents? = nil, capAmountMinor: Int64? = nil
    ) {
        self.sizeTable = sizeTable
        self.baseAmountMinor = baseAmountMinor
        self.memberComponents = memberComponents
        self.capAmountMinor = capAmountMinor
    }
}

/// A ceiling on the programme's cost.
public enum BudgetCeiling: Sendable, Hashable {
    /// The same ceiling every month, in ledger units.
    case monthly(Int64)
    /// A ceiling per fiscal year, in ledger units; each month may spend a twelfth (integer division).
    case annual([Int: Int64])
    /// The allocations the ledger records for each fiscal year (`BudgetAllocated`), a twelfth a month.
    case allocation
}
