import EventStore

/// Publish a cost projection of the programme: a scenario projected from a pinned ledger position,
/// recorded with the digests that let anyone recompute it and check the result.
public struct PublishCostProjection: Command, Hashable {
    /// The projection's id, published once per programme.
    public var projectionId: CostProjectionID
    /// The programme.
    public var programmeId: ProgrammeID
    /// The scenario's name as shown in tables and charts.
    public var scenarioLabel: ScenarioLabel
    /// The scenario as canonical JSON text.
    public var scenarioJson: JSONText
    /// SHA-256 of `scenarioJson`, lower-case hex: must be the text's.
    public var scenarioDigest: HexDigest
    /// The ledger position the cohort was read at.
    public var pinnedLedgerSeq: Int64
    /// The first month projected.
    public var fromMonth: PaymentCycle
    /// Months projected (1–120).
    public var months: Int
    /// The first month of a fiscal year (1 = January).
    public var fiscalYearStartMonth: Int
    /// The version of the projection method.
    public var methodVersion: Int
    /// SHA-256 of the result's canonical JSON text, lower-case hex.
    public var resultDigest: HexDigest
    /// The currency: the programme's.
    public var currency: Currency
    /// The projection's total cost over its months.
    public var totalAmountMinor: Int64
    /// The date of publication.
    public var publishedOn: BusinessDate

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        projectionId: CostProjectionID, programmeId: ProgrammeID, scenarioLabel: ScenarioLabel, scenarioJson: JSONText, scenarioDigest: HexDigest,
        pinnedLedgerSeq: Int64, fromMonth: PaymentCycle, months: Int, fiscalYearStartMonth: Int, methodVersion: Int, resultDigest: HexDigest,
        currency: Currency, totalAmountMinor: Int64, publishedOn: BusinessDate
    ) {
        self.projectionId = projectionId
        self.programmeId = programmeId
        self.scenarioLabel = scenarioLabel
        self.scenarioJson = scenarioJson
        self.scenarioDigest = scenarioDigest
        self.pinnedLedgerSeq = pinnedLedgerSeq
        self.fromMonth = fromMonth
        self.months = months
        self.fiscalYearStartMonth = fiscalYearStartMonth
        self.methodVersion = methodVersion
        self.resultDigest = resultDigest
        self.currency = currency
        self.totalAmountMinor = totalAmountMinor
        self.publishedOn = publishedOn
    }

    /// The programme's stream and its published projections' stream (the one written).
    public var inputs: DecisionInputs { DecisionInputs(programmes: [programmeId], costProjections: [programmeId]) }

    /// Decided by `Programme.decide(_:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.programme(programmeId).decide(self)
    }
}
