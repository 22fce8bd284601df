import EventStore

/// Record that a person left a household from a date.
public struct RemoveMember: Command, Hashable {
    /// The household.
    public var householdId: HouseholdID
    /// The person.
    public var personId: PersonID
    /// Why the person left.
    public var reason: MemberRemoved.Reason
    /// Date the person stops being a member.
    public var effectiveOn: BusinessDate
    /// Death certificate, court record or duplicate match (required for those reasons).
    public var evidenceRef: EvidenceReference?

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        householdId: HouseholdID, personId: PersonID, reason: MemberRemoved.Reason, effectiveOn: BusinessDate,
        evidenceRef: EvidenceReference? = nil
    ) {
        self.householdId = householdId
        self.personId = personId
        self.reason = reason
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
