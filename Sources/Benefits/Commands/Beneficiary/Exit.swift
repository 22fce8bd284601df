import EventStore

/// Record that a household leaves a programme for a reason other than exclusion.
public struct Exit: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The household.
    public var householdId: HouseholdID
    /// Why the household leaves.
    public var reason: BeneficiaryExited.Reason
    /// The date it takes effect.
    public var effectiveOn: BusinessDate
    /// Who decided.
    public var decidedBy: ActorID

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, householdId: HouseholdID, reason: BeneficiaryExited.Reason, effectiveOn: BusinessDate,
        decidedBy: ActorID
    ) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.reason = reason
        self.effectiveOn = effectiveOn
        self.decidedBy = decidedBy
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
