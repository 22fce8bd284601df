import EventStore

/// Grant a declared emergency top-up to a household enrolled on the grant date in a declared area.
public struct GrantTopUp: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The top-up.
    public var topUpId: TopUpID
    /// The household.
    public var householdId: HouseholdID
    /// The date of the grant.
    public var grantedOn: BusinessDate

    /// Creates the command; each parameter sets the property of the same name.
    public init(programmeId: ProgrammeID, topUpId: TopUpID, householdId: HouseholdID, grantedOn: BusinessDate) {
        self.programmeId = programmeId
        self.topUpId = topUpId
        self.householdId = householdId
        self.grantedOn = grantedOn
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
