import EventStore

/// Determine a household's eligibility for a programme under the rule in force on a date.
public struct DetermineEligibility: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The household.
    public var householdId: HouseholdID
    /// The date whose rule applies.
    public var effectiveOn: BusinessDate

    /// Creates the command; each parameter sets the property of the same name.
    public init(programmeId: ProgrammeID, householdId: HouseholdID, effectiveOn: BusinessDate) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.effectiveOn = effectiveOn
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
