import EventStore

/// Make another member head of the household from a date.
public struct ChangeHeadOfHousehold: Command, Hashable {
    /// The household.
    public var householdId: HouseholdID
    /// The member who becomes head.
    public var newHeadPersonId: PersonID
    /// Why the head changes.
    public var reason: HeadOfHouseholdChanged.Reason
    /// Date the change takes effect.
    public var effectiveOn: BusinessDate

    /// Creates the command; each parameter sets the property of the same name.
    public init(householdId: HouseholdID, newHeadPersonId: PersonID, reason: HeadOfHouseholdChanged.Reason, effectiveOn: BusinessDate) {
        self.householdId = householdId
        self.newHeadPersonId = newHeadPersonId
        self.reason = reason
        self.effectiveOn = effectiveOn
    }

    /// The household's stream.
    public var inputs: DecisionInputs { DecisionInputs(households: [householdId]) }

    /// Decided by `Household.decide(_:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.household(householdId).decide(self)
    }
}
