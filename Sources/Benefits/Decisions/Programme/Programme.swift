import EventStore

/// A cash-transfer programme, folded from its stream `programme-{programmeId}`: its definition, the
/// versions of its targeting formula, eligibility rule, benefit schedule and cross-match exclusion
/// rule, its budgets and its
/// emergency top-ups; and, when its stream `cost-projection-{programmeId}` is folded in too, the cost
/// projections published.
///
/// Each version takes effect from a date; ``formula(inForceOn:)``, ``rule(inForceOn:)``,
/// ``schedule(inForceOn:)`` and ``crossMatchRule(inForceOn:)`` give the one in force on a date: of the versions effective on or before
/// it, the one effective latest (the higher version when two take effect the same day).
public struct Programme: Sendable, Hashable {
    /// A budget line: a fiscal year, nationally or for one governorate.
    public struct BudgetLine: Sendable, Hashable {
        /// The fiscal year.
        public var fiscalYear: Int
        /// The governorate, or `nil` for the national budget.
        public var governorate: GovernorateCode?

        /// Creates a budget line; each parameter sets the property of the same name.
        public init(fiscalYear: Int, governorate: GovernorateCode? = nil) {
            self.fiscalYear = fiscalYear
            self.governorate = governorate
        }
    }

    /// The definition, or `nil` while the stream is empty.
    public private(set) var definition: ProgrammeDefined?
    /// Targeting formula versions, in the order published.
    public private(set) var formulas: [TargetingFormulaPublished] = []
    /// Eligibility rule versions, in the order published.
    public private(set) var rules: [EligibilityRulePublished] = []
    /// Benefit schedule versions, in the order published.
    public private(set) var schedules: [BenefitSchedulePublished] = []
    /// Cross-match exclusion rule versions, in the order published.
    public private(set) var crossMatchRules: [CrossMatchExclusionRulePublished] = []
    /// Allocated budget per line, in ledger units of the programme's currency.
    public private(set) var budgets: [BudgetLine: Int64] = [:]
    /// Declared emergency top-ups by id.
    public private(set) var topUps: [TopUpID: EmergencyTopUpDeclared] = [:]
    /// Published cost projections by id, with the digest of their result (folded from the stream
    /// `cost-projection-{programmeId}` when it is read with the programme's).
    public private(set) var publishedProjections: [CostProjectionID: HexDigest] = [:]

    /// A programme not yet defined: the fold of an empty stream.
    public init() {}

    /// The fold of a stream's events, in stream order.
    /// - Parameter events: the programme's events; events of other streams are ignored.
    public init(events: [any DomainEvent]) {
        for event in events { apply(event) }
    }

    /// Whether the programme is defined.
    public var isDefined: Bool { definition != nil }

    /// The programme's currency, once defined.
    public var currency: Currency? { definition?.currency }

    /// The programme after `event`.
    /// - Parameter event: an event of the programme's stream.
    /// - Returns: the new state; `self` unchanged for events of other streams.
    public func evolve(_ event: any DomainEvent) -> Programme {
        var next = self
        next.apply(event)
        return next
    }

    /// Applies `event` in place (see ``evolve(_:)``).
    /// - Parameter event: an event of the programme's stream.
    public mutating func apply(_ event: any DomainEvent) {
        switch event {
        case let e as ProgrammeDefined: definition = e
        case let e as TargetingFormulaPublished: formulas.append(e)
        case let e as EligibilityRulePublished: rules.append(e)
        case let e as BenefitSchedulePublished: schedules.append(e)
        case let e as CrossMatchExclusionRulePublished: crossMatchRules.append(e)
        case let e as BudgetAllocated:
            let line = BudgetLine(fiscalYear: e.fiscalYear, governorate: e.governorate)
            let signed = e.kind == .reduction ? -e.amountMinor : e.amountMinor
            budgets[line, default: 0] &+= signed
        case let e as EmergencyTopUpDeclared: topUps[e.topUpId] = e
        case let e as CostProjectionPublished: publishedProjections[e.projectionId] = e.resultDigest
        default: break
        }
    }

    /// The targeting formula in force on `date`.
    /// - Parameter date: a business date.
    /// - Returns: the formula, or `nil` when none is in force yet.
    public func formula(inForceOn date: BusinessDate) -> TargetingFormula? {
        Programme.inForce(formulas, on: date, from: \.effectiveFrom, version: \.formulaVersion).map(TargetingFormula.init)
    }

    /// The eligibility rule in force on `date`.
    /// - Parameter date: a business date.
    /// - Returns: the rule, or `nil` when none is in force yet.
    public func rule(inForceOn date: BusinessDate) -> EligibilityRule? {
        Programme.inForce(rules, on: date, from: \.effectiveFrom, version: \.ruleVersion).map(EligibilityRule.init)
    }

    /// The benefit schedule in force on `date`.
    /// - Parameter date: a business date.
    /// - Returns: the schedule, or `nil` when none is in force yet.
    public func schedule(inForceOn date: BusinessDate) -> BenefitSchedule? {
        Programme.inForce(schedules, on: date, from: \.effectiveFrom, version: \.scheduleVersion).map(BenefitSchedule.init)
    }

    /// The cross-match exclusion rule in force on `date`.
    /// - Parameter date: a business date.
    /// - Returns: the rule, or `nil` when none is in force yet.
    public func crossMatchRule(inForceOn date: BusinessDate) -> CrossMatchExclusionRule? {
        Programme.inForce(crossMatchRules, on: date, from: \.effectiveFrom, version: \.ruleVersion).map(CrossMatchExclusionRule.init)
    }

    static func inForce<E>(_ versions: [E], on date: BusinessDate, from: (E) -> BusinessDate, version: (E) -> Int) -> E? {
        versions.filter { from($0) <= date }.max { (from($0), version($0)) < (from($1), version($1)) }
    }
}
