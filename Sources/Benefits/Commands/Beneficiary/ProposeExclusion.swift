import EventStore

/// Propose excluding a household, from cross-match hits or another finding, for a programme manager to decide.
public struct ProposeExclusion: Command, Hashable {
    /// The proposal.
    public var proposalId: ProposalID
    /// The programme.
    public var programmeId: ProgrammeID
    /// The household.
    public var householdId: HouseholdID
    /// Why the household is proposed for exclusion.
    public var reason: ExclusionReason
    /// Who proposes.
    public var proposedBy: ActorID
    /// The date of the proposal.
    public var proposedOn: BusinessDate
    /// Proposed effective date of the exclusion.
    public var effectiveOn: BusinessDate
    /// The evidence, kept outside the ledger.
    public var evidenceRef: EvidenceReference
    /// The cross-match run.
    public var crossMatchRunId: CrossMatchRunID?
    /// The run's hits on this household behind the proposal.
    public var hitIds: [CrossMatchHitID]?
    /// The member concerned.
    public var personId: PersonID?

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        proposalId: ProposalID, programmeId: ProgrammeID, householdId: HouseholdID, reason: ExclusionReason, proposedBy: ActorID,
        proposedOn: BusinessDate, effectiveOn: BusinessDate, evidenceRef: EvidenceReference, crossMatchRunId: CrossMatchRunID? = nil,
        hitIds: [CrossMatchHitID]? = nil, personId: PersonID? = nil
    ) {
        self.proposalId = proposalId
        self.programmeId = programmeId
        self.householdId = householdId
        self.reason = reason
        self.proposedBy = proposedBy
        self.proposedOn = proposedOn
        self.effectiveOn = effectiveOn
        self.evidenceRef = evidenceRef
        self.crossMatchRunId = crossMatchRunId
        self.hitIds = hitIds
        self.personId = personId
    }

    /// The streams the decision reads.
    public var inputs: DecisionInputs {
        DecisionInputs(
            beneficiaries: [BeneficiaryKey(programmeId, householdId)], crossMatchRuns: crossMatchRunId.map { [$0] } ?? [])
    }

    /// Decided by `Beneficiary.decide(_:run:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.beneficiary(programmeId, householdId).decide(self, run: crossMatchRunId.map(context.crossMatchRun) ?? CrossMatchRun())
    }
}
