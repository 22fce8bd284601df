import EventStore

/// Lift a suspension from a date; payments resume.
public struct LiftSuspension: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The household.
    public var householdId: HouseholdID
    /// Why the suspension ends.
    public var reason: SuspensionLifted.Reason
    /// The date payments resume.
    public var effectiveOn: BusinessDate
    /// Who decided.
    public var decidedBy: ActorID
    /// Whether the suspended months are paid as arrears.
    public var arrearsDue: Bool

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, householdId: HouseholdID, reason: SuspensionLifted.Reason, effectiveOn: BusinessDate, decidedBy: ActorID,
        arrearsDue: Bool = false
    ) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.reason = reason
        self.effectiveOn = effectiveOn
        self.decidedBy = decidedBy
        self.arrearsDue = arrearsDue
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
