import EventStore

/// End a temporary enrolment after its end date: the household exits the day after.
public struct EndTemporaryEnrolment: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The household.
    public var householdId: HouseholdID
    /// Who decided (usually the system).
    public var decidedBy: ActorID
    /// The date of the decision, after the end date.
    public var decidedOn: BusinessDate

    /// Creates the command; each parameter sets the property of the same name.
    public init(programmeId: ProgrammeID, householdId: HouseholdID, decidedBy: ActorID, decidedOn: BusinessDate) {
        self.programmeId = programmeId
        self.householdId = householdId
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
