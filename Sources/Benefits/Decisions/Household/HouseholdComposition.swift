import EventStore

/// Who belonged to a household on a date, as the entitlement and the eligibility categories read it.
///
/// Ages are whole years on ``date``. Holds pseudonymous ids and the coded facts of the registry;
/// birth dates stay in the registry's events.
public struct HouseholdComposition: Sendable, Hashable {
    /// One member on the date.
    public struct Member: Sendable, Hashable {
        /// The person (pseudonymous id).
        public var personId: PersonID
        /// Sex as recorded in the registry.
        public var sex: Sex
        /// Age in whole years on the composition's date.
        public var age: Int
        /// Relationship to the head as recorded when the person joined.
        public var relationship: Relationship
        /// Marital status on the date.
        public var maritalStatus: MaritalStatus
        /// Work status on the date.
        public var workStatus: WorkStatus
        /// Disability on the date.
        public var disability: Disability
        /// Orphanhood on the date.
        public var orphanhood: Orphanhood

        /// Creates a member; each parameter sets the property of the same name.
        public init(
            personId: PersonID, sex: Sex, age: Int, relationship: Relationship = .otherRelative, maritalStatus: MaritalStatus = .neverMarried,
            workStatus: WorkStatus = .unemployed, disability: Disability = .noDisability, orphanhood: Orphanhood = .notOrphan
        ) {
            self.personId = personId
            self.sex = sex
            self.age = age
            self.relationship = relationship
            self.maritalStatus = maritalStatus
            self.workStatus = workStatus
            self.disability = disability
            self.orphanhood = orphanhood
        }
    }

    /// The date the composition is read on.
    public var date: BusinessDate
    /// The members on the date, ordered by person id.
    public var members: [Member]
    /// The head on the date, when the household has one.
    public var headPersonId: PersonID?

    /// Creates a composition.
    /// - Parameters:
    ///   - date: the date it is read on.
    ///   - members: the members on that date.
    ///   - headPersonId: the head, who must be one of `members` to count.
    public init(date: BusinessDate, members: [Member], headPersonId: PersonID?) {
        self.date = date
        self.members = members.sorted { $0.personId < $1.personId }
        self.headPersonId = headPersonId
    }

    /// How many members the household has on the date.
    public var size: Int { members.count }

    /// The head, when the household has one among its members.
    public var head: Member? { members.first { $0.personId == headPersonId } }

    /// Whether `personId` is a member on the date.
    /// - Parameter personId: a person.
    /// - Returns: `true` when the person is one of ``members``.
    public func contains(_ personId: PersonID) -> Bool {
        members.contains { $0.personId == personId }
    }
}
