import EventStore

/// Publish the next version of the programme's cross-match exclusion rule, in force from a date: the criteria, in
/// order, by which a cross-match run's hits lead to exclusion proposals.
public struct PublishCrossMatchExclusionRule: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The version: the latest plus one.
    public var ruleVersion: Int
    /// First date on which proposals are made under this version.
    public var effectiveFrom: BusinessDate
    /// The legal instrument.
    public var legalBasis: LegalBasis
    /// The currency of every threshold: the programme's.
    public var currency: Currency
    /// The criteria, in order: a household's first criterion met gives its proposal's reason and date.
    public var criteria: [CrossMatchExclusionRulePublished.Criterion]

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, ruleVersion: Int, effectiveFrom: BusinessDate, legalBasis: LegalBasis, currency: Currency,
        criteria: [CrossMatchExclusionRulePublished.Criterion]
    ) {
        self.programmeId = programmeId
        self.ruleVersion = ruleVersion
        self.effectiveFrom = effectiveFrom
        self.legalBasis = legalBasis
        self.currency = currency
        self.criteria = criteria
    }

    /// The programme's stream.
    public var inputs: DecisionInputs { DecisionInputs(programmes: [programmeId]) }

    /// Decided by `Programme.decide(_:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.programme(programmeId).decide(self)
    }
}
