import EventStore

/// Publish the next version of the programme's proxy-means-test formula, in force from a date.
public struct PublishTargetingFormula: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The version: the latest plus one.
    public var formulaVersion: Int
    /// First date whose assessments use this version.
    public var effectiveFrom: BusinessDate
    /// The scale of the score.
    public var scoreScale: ScoreScale
    /// Intercept b0.
    public var intercept: DecimalNumber
    /// Weight per indicator.
    public var weights: [IndicatorCode: DecimalNumber]
    /// The ministerial decision or methodology note.
    public var decisionRef: EvidenceReference?

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, formulaVersion: Int, effectiveFrom: BusinessDate, scoreScale: ScoreScale = .lnMonthlyPerCapitaConsumption,
        intercept: DecimalNumber, weights: [IndicatorCode: DecimalNumber], decisionRef: EvidenceReference? = nil
    ) {
        self.programmeId = programmeId
        self.formulaVersion = formulaVersion
        self.effectiveFrom = effectiveFrom
        self.scoreScale = scoreScale
        self.intercept = intercept
        self.weights = weights
        self.decisionRef = decisionRef
    }

    /// The programme's stream.
    public var inputs: DecisionInputs { DecisionInputs(programmes: [programmeId]) }

    /// Decided by `Programme.decide(_:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.programme(programmeId).decide(self)
    }
}
