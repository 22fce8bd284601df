import EventStore

/// Record a privacy-preserving cross-match run against another registry and the hits it revealed.
public struct RecordCrossMatchRun: Command, Hashable {
    /// One match of the run.
    public struct Hit: Sendable, Hashable {
        /// The hit.
        public var hitId: CrossMatchHitID
        /// The household matched.
        public var householdId: HouseholdID
        /// The member matched, when the match is on a person.
        public var personId: PersonID?
        /// What the hit shows.
        public var indicator: CrossMatchIndicator
        /// The evidence, kept outside the ledger.
        public var evidenceRef: EvidenceReference
        /// Amount found (loan, salary, pension).
        public var measuredAmountMinor: Int64?
        /// Threshold the amount was compared with.
        public var thresholdAmountMinor: Int64?
        /// The currency of the amounts.
        public var currency: Currency?
        /// Model year of a vehicle.
        public var vehicleModelYear: Int?

        /// Creates a hit; each parameter sets the property of the same name.
        public init(
            hitId: CrossMatchHitID, householdId: HouseholdID, personId: PersonID? = nil, indicator: CrossMatchIndicator,
            evidenceRef: EvidenceReference, measuredAmountMinor: Int64? = nil, thresholdAmountMinor: Int64? = nil, currency: Currency? = nil,
            vehicleModelYear: Int? = nil
        ) {
            self.hitId = hitId
            self.householdId = householdId
            self.personId = personId
            self.indicator = indicator
            self.evidenceRef = evidenceRef
            self.measuredAmountMinor = measuredAmountMinor
            self.thresholdAmountMinor = thresholdAmountMinor
            self.currency = currency
            self.vehicleModelYear = vehicleModelYear
        }
    }

    /// The run.
    public var crossMatchRunId: CrossMatchRunID
    /// The programme whose caseload was matched.
    public var programmeId: ProgrammeID
    /// The registry matched against.
    public var sourceRegistry: SourceRegistry
    /// Date of the other registry's extract.
    public var sourceSnapshotOn: BusinessDate
    /// How records were matched.
    public var matchMethod: CrossMatchRunRecorded.MatchMethod
    /// Version of the HMAC key.
    public var keyVersion: Int
    /// Counts of the run.
    public var counts: CrossMatchRunRecorded.Counts
    /// When the run started (UTC).
    public var startedAt: UTCTimestamp
    /// When it completed (UTC).
    public var completedAt: UTCTimestamp
    /// Who started the run: the maker of the exclusion proposals it leads to, who may not decide them.
    public var startedBy: ActorID
    /// The hits.
    public var hits: [Hit]

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        crossMatchRunId: CrossMatchRunID, programmeId: ProgrammeID, sourceRegistry: SourceRegistry, sourceSnapshotOn: BusinessDate,
        matchMethod: CrossMatchRunRecorded.MatchMethod, keyVersion: Int, counts: CrossMatchRunRecorded.Counts, startedAt: UTCTimestamp,
        completedAt: UTCTimestamp, startedBy: ActorID, hits: [Hit]
    ) {
        self.crossMatchRunId = crossMatchRunId
        self.programmeId = programmeId
        self.sourceRegistry = sourceRegistry
        self.sourceSnapshotOn = sourceSnapshotOn
        self.matchMethod = matchMethod
        self.keyVersion = keyVersion
        self.counts = counts
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.startedBy = startedBy
        self.hits = hits
    }

    /// The run's stream.
    public var inputs: DecisionInputs { DecisionInputs(crossMatchRuns: [crossMatchRunId]) }

    /// Decided by `CrossMatchRun.decide(_:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.crossMatchRun(crossMatchRunId).decide(self)
    }
}
