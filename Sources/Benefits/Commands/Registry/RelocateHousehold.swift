import EventStore

/// Record that a household moved to another district or governorate from a date.
public struct RelocateHousehold: Command, Hashable {
    /// The household.
    public var householdId: HouseholdID
    /// The governorate after the move.
    public var governorate: GovernorateCode
    /// The district after the move.
    public var district: DistrictCode
    /// Urban, rural or camp after the move.
    public var residence: Residence
    /// Why the household moved.
    public var reason: HouseholdRelocated.Reason
    /// Date of the move.
    public var effectiveOn: BusinessDate

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        householdId: HouseholdID, governorate: GovernorateCode, district: DistrictCode, residence: Residence, reason: HouseholdRelocated.Reason,
        effectiveOn: BusinessDate
    ) {
        self.householdId = householdId
        self.governorate = governorate
        self.district = district
        self.residence = residence
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
