import EventStore

/// Enrol a near-eligible household temporarily under an emergency top-up's relaxed threshold, until the top-up's end date.
public struct GrantTemporaryEnrolment: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The top-up.
    public var topUpId: TopUpID
    /// The household.
    public var householdId: HouseholdID
    /// First day of the temporary enrolment.
    public var effectiveOn: BusinessDate
    /// The member who collects the payments.
    public var payeePersonId: PersonID

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, topUpId: TopUpID, householdId: HouseholdID, effectiveOn: BusinessDate, payeePersonId: PersonID
    ) {
        self.programmeId = programmeId
        self.topUpId = topUpId
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
