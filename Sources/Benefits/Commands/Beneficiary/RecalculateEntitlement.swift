import EventStore

/// Recompute an enrolled household's entitlement from the schedule in force and its composition on a date
/// (after a change of composition or head, or a new schedule), recording it when it changed.
public struct RecalculateEntitlement: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The household.
    public var householdId: HouseholdID
    /// The date the entitlement is recomputed for.
    public var effectiveOn: BusinessDate
    /// The cause to record; `nil` to infer it (schedule, head or composition).
    public var cause: EntitlementChanged.Cause?

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, householdId: HouseholdID, effectiveOn: BusinessDate, cause: EntitlementChanged.Cause? = nil
    ) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.effectiveOn = effectiveOn
        self.cause = cause
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
