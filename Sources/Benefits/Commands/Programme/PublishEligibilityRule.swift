import EventStore

/// Publish the next version of the programme's eligibility rule, in force from a date: a PMT
/// threshold on a formula's score and the categorical criteria of the law.
public struct PublishEligibilityRule: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The version: the latest plus one.
    public var ruleVersion: Int
    /// First date on which eligibility is determined under this version.
    public var effectiveFrom: BusinessDate
    /// The legal instrument.
    public var legalBasis: LegalBasis
    /// The formula whose score the threshold applies to; its scale is the rule's.
    public var formulaVersion: Int
    /// Eligible when the score is strictly below it.
    public var pmtThreshold: DecimalNumber
    /// How the threshold and the categories combine.
    public var combination: EligibilityRulePublished.Combination
    /// Categorical criteria: none for pmtOnly, at least one otherwise.
    public var categories: [EligibilityRulePublished.Criterion]

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, ruleVersion: Int, effectiveFrom: BusinessDate, legalBasis: LegalBasis, formulaVersion: Int,
        pmtThreshold: DecimalNumber, combination: EligibilityRulePublished.Combination, categories: [EligibilityRulePublished.Criterion]
    ) {
        self.programmeId = programmeId
        self.ruleVersion = ruleVersion
        self.effectiveFrom = effectiveFrom
        self.legalBasis = legalBasis
        self.formulaVersion = formulaVersion
        self.pmtThreshold = pmtThreshold
        self.combination = combination
        self.categories = categories
    }

    /// The programme's stream.
    public var inputs: DecisionInputs { DecisionInputs(programmes: [programmeId]) }

    /// Decided by `Programme.decide(_:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.programme(programmeId).decide(self)
    }
}
