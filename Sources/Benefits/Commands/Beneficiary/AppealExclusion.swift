import EventStore

/// File an objection against an exclusion, within the programme's objection window.
public struct AppealExclusion: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The household.
    public var householdId: HouseholdID
    /// The appeal.
    public var appealId: AppealID
    /// Grounds of the appeal.
    public var grounds: ExclusionAppealed.Grounds
    /// Where it is filed.
    public var channel: ExclusionAppealed.Channel
    /// The date it is filed.
    public var filedOn: BusinessDate
    /// The evidence, kept outside the ledger.
    public var evidenceRef: EvidenceReference?

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, householdId: HouseholdID, appealId: AppealID, grounds: ExclusionAppealed.Grounds,
        channel: ExclusionAppealed.Channel, filedOn: BusinessDate, evidenceRef: EvidenceReference? = nil
    ) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.appealId = appealId
        self.grounds = grounds
        self.channel = channel
        self.filedOn = filedOn
        self.evidenceRef = evidenceRef
    }

    /// The streams the decision reads.
    public var inputs: DecisionInputs {
        DecisionInputs(programmes: [programmeId], beneficiaries: [BeneficiaryKey(programmeId, householdId)])
    }

    /// Decided by `Beneficiary.decide(_:programme:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.beneficiary(programmeId, householdId).decide(self, programme: context.programme(programmeId))
    }
}
