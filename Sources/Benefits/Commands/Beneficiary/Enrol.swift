import EventStore

/// Enrol an eligible household in a programme from a date, with the entitlement of the schedule in force.
public struct Enrol: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The household.
    public var householdId: HouseholdID
    /// First day of enrolment.
    public var effectiveOn: BusinessDate
    /// The member who collects the payments.
    public var payeePersonId: PersonID

    /// Creates the command; each parameter sets the property of the same name.
    public init(programmeId: ProgrammeID, householdId: HouseholdID, effectiveOn: BusinessDate, payeePersonId: PersonID) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.effectiveOn = effectiveOn
        self.payeePersonId = payeePersonId
    }

    /// The streams the decision reads.
    public var inputs: DecisionInputs {
        DecisionInputs(households: [householdId], programmes: [programmeId], beneficiaries: [BeneficiaryKey(programmeId, householdId)])
    }

    /// Decided by `Beneficiary.decide(_:household:programme:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.beneficiary(programmeId, householdId).decide(
            self, household: context.household(householdId), programme: context.programme(programmeId))
    }
}
