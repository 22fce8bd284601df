import EventStore

/// Add a person to a household from a date (registration, birth, marriage, move).
public struct AddMember: Command, Hashable {
    /// The household.
    public var householdId: HouseholdID
    /// The person (pseudonymous id).
    public var personId: PersonID
    /// Sex as recorded in the registry.
    public var sex: Sex
    /// Birth date (kept in the event; never shown in a rejection).
    public var birthDate: BusinessDate
    /// Relationship to the head.
    public var relationship: Relationship
    /// Marital status.
    public var maritalStatus: MaritalStatus
    /// Work status.
    public var workStatus: WorkStatus
    /// Disability.
    public var disability: Disability
    /// Orphanhood.
    public var orphanhood: Orphanhood
    /// Why the person is added.
    public var reason: MemberAdded.Reason
    /// Date the person becomes a member.
    public var effectiveOn: BusinessDate

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        householdId: HouseholdID, personId: PersonID, sex: Sex, birthDate: BusinessDate, relationship: Relationship,
        maritalStatus: MaritalStatus, workStatus: WorkStatus, disability: Disability = .noDisability, orphanhood: Orphanhood = .notOrphan,
        reason: MemberAdded.Reason = .initialRegistration, effectiveOn: BusinessDate
    ) {
        self.householdId = householdId
        self.personId = personId
        self.sex = sex
        self.birthDate = birthDate
        self.relationship = relationship
        self.maritalStatus = maritalStatus
        self.workStatus = workStatus
        self.disability = disability
        self.orphanhood = orphanhood
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
