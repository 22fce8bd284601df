import EventStore

/// Dismiss an open exclusion proposal.
public struct DismissExclusionProposal: Command, Hashable {
    /// The proposal.
    public var proposalId: ProposalID
    /// The programme.
    public var programmeId: ProgrammeID
    /// The household.
    public var householdId: HouseholdID
    /// Why it is dismissed.
    public var reason: ExclusionProposalDismissed.Reason
    /// Who decided.
    public var decidedBy: ActorID
    /// The date of the decision.
    public var decidedOn: BusinessDate

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        proposalId: ProposalID, programmeId: ProgrammeID, householdId: HouseholdID, reason: ExclusionProposalDismissed.Reason,
        decidedBy: ActorID, decidedOn: BusinessDate
    ) {
        self.proposalId = proposalId
        self.programmeId = programmeId
        self.householdId = householdId
        self.reason = reason
        self.decidedBy = decidedBy
        self.decidedOn = decidedOn
    }

    /// The streams the decision reads.
    public var inputs: DecisionInputs {
        DecisionInputs(beneficiaries: [BeneficiaryKey(programmeId, householdId)])
    }

    /// Decided by `Beneficiary.decide(_:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.beneficiary(programmeId, householdId).decide(self)
    }
}
