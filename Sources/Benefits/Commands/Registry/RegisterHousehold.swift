import EventStore

/// Enter a household in the social registry under a pseudonymous id.
public struct RegisterHousehold: Command, Hashable {
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// The governorate (ISO 3166-2).
    public var governorate: GovernorateCode
    /// The district, within the governorate.
    public var district: DistrictCode
    /// Urban, rural or camp.
    public var residence: Residence
    /// How the household came into the registry.
    public var registrationSource: RegistrationSource
    /// Date the household enters the registry.
    public var registeredOn: BusinessDate
    /// Who registers it.
    public var registeredBy: ActorID
    /// The registration form or import batch.
    public var evidenceRef: EvidenceReference?

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        householdId: HouseholdID, governorate: GovernorateCode, district: DistrictCode, residence: Residence,
        registrationSource: RegistrationSource, registeredOn: BusinessDate, registeredBy: ActorID, evidenceRef: EvidenceReference? = nil
    ) {
        self.householdId = householdId
        self.governorate = governorate
        self.district = district
        self.residence = residence
        self.registrationSource = registrationSource
        self.registeredOn = registeredOn
        self.registeredBy = registeredBy
        self.evidenceRef = evidenceRef
    }

    /// The household's stream.
    public var inputs: DecisionInputs { DecisionInputs(households: [householdId]) }

    /// Decided by `Household.decide(_:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.household(householdId).decide(self)
    }
}
