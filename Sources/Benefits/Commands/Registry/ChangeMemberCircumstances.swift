import EventStore

/// Record a change of a member's marital status, work status, disability or orphanhood.
public struct ChangeMemberCircumstances: Command, Hashable {
    /// The household.
    public var householdId: HouseholdID
    /// The member.
    public var personId: PersonID
    /// The new values of the fields that change.
    public var changes: MemberCircumstancesChanged.Changes
    /// Date the change takes effect.
    public var effectiveOn: BusinessDate
    /// The evidence, kept outside the ledger.
    public var evidenceRef: EvidenceReference?

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        householdId: HouseholdID, personId: PersonID, changes: MemberCircumstancesChanged.Changes, effectiveOn: BusinessDate,
        evidenceRef: EvidenceReference? = nil
    ) {
        self.householdId = householdId
        self.personId = personId
        self.changes = changes
        self.effectiveOn = effectiveOn
        self.evidenceRef = evidenceRef
    }

    /// The household's stream.
    public var inputs: DecisionInputs { DecisionInputs(households: [householdId]) }

    /// Decided by `Household.decide(_:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.household(householdId).decide(self)
    }
}
