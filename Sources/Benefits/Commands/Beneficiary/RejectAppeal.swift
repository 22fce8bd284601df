import EventStore

/// Reject an open appeal; the exclusion stands.
public struct RejectAppeal: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The household.
    public var householdId: HouseholdID
    /// The appeal.
    public var appealId: AppealID
    /// Why it is rejected.
    public var reason: ExclusionAppealRejected.Reason
    /// Who decided.
    public var decidedBy: ActorID
    /// The date of the decision.
    public var decidedOn: BusinessDate

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, householdId: HouseholdID, appealId: AppealID, reason: ExclusionAppealRejected.Reason, decidedBy: ActorID,
        decidedOn: BusinessDate
    ) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.appealId = appealId
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
