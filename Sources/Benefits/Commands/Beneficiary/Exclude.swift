import EventStore

/// Exclude a household from a programme from a date, for a coded reason on evidence; a date before
/// payments already made makes them overpayments, identified cycle by cycle.
public struct Exclude: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The household.
    public var householdId: HouseholdID
    /// Why the household is excluded.
    public var reason: ExclusionReason
    /// Evidence of the reason.
    public var evidenceRef: EvidenceReference
    /// Who decided.
    public var decidedBy: ActorID
    /// Date of the decision.
    public var decidedOn: BusinessDate
    /// Date from which the household is excluded; may precede `decidedOn`.
    public var effectiveOn: BusinessDate
    /// The proposal decided on.
    public var proposalId: ProposalID?
    /// The cross-match run.
    public var crossMatchRunId: CrossMatchRunID?
    /// The member concerned (required for deceased).
    public var personId: PersonID?
    /// The legal instrument.
    public var legalBasis: LegalBasis?

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, householdId: HouseholdID, reason: ExclusionReason, evidenceRef: EvidenceReference, decidedBy: ActorID,
        decidedOn: BusinessDate, effectiveOn: BusinessDate, proposalId: ProposalID? = nil, crossMatchRunId: CrossMatchRunID? = nil,
        personId: PersonID? = nil, legalBasis: LegalBasis? = nil
    ) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.reason = reason
        self.evidenceRef = evidenceRef
        self.decidedBy = decidedBy
        self.decidedOn = decidedOn
        self.effectiveOn = effectiveOn
        self.proposalId = proposalId
        self.crossMatchRunId = crossMatchRunId
        self.personId = personId
        self.legalBasis = legalBasis
    }

    /// The streams the decision reads.
    public var inputs: DecisionInputs {
        let through = max(effectiveOn, decidedOn).paymentCycle
        return DecisionInputs(
            programmes: [programmeId], beneficiaries: [BeneficiaryKey(programmeId, householdId)],
            paymentHistories: [PaymentHistoryRange(programmeId, householdId, from: effectiveOn.paymentCycle, through: through)])
    }

    /// Decided by `Beneficiary.decide(_:programme:payments:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.beneficiary(programmeId, householdId).decide(
            self, programme: context.programme(programmeId), payments: context.paymentHistory(programmeId, householdId))
    }
}
