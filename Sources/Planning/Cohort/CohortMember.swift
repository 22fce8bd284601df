import Benefits
import EventStore

/// One member of a cohort household at the pin: the coded facts the entitlement and the eligibility
/// categories read, with the birth date, so that the member ages month by month.
public struct CohortMember: Sendable, Hashable {
    /// The person (pseudonymous id).
    public var personId: PersonID
    /// Sex as recorded in the registry.
    public var sex: Sex
    /// Birth date as recorded in the registry.
    public var birthDate: BusinessDate
    /// Relationship to the head.
    public var relationship: Relationship
    /// Marital status at the pin.
    public var maritalStatus: MaritalStatus
    /// Work status at the pin.
    public var workStatus: WorkStatus
    /// Disability at the pin.
    public var disability: Disability
    /// Orphanhood at the pin.
    public var orphanhood: Orphanhood

    /// Creates a member; each parameter sets the property of the same name.
    public init(
        personId: PersonID, sex: Sex, birthDate: BusinessDate, relationship: Relationship = .otherRelative,
        maritalStatus: MaritalStatus = .neverMarried, workStatus: WorkStatus = .unemployed, disability: Disability = .noDisability,
        orphanhood: Orphanhood = .notOrphan
    ) {
        self.personId = personId
        self.sex = sex
        self.birthDate = birthDate
        self.relationship = relationship
        self.maritalStatus = maritalStatus
        self.workStatus = workStatus
        self.disability = disability
        self.orphanhood = orphanhood
    }

    /// The member as a composition reads them on a date (age in whole years on `date`).
    /// - Parameter date: the date the age is reckoned on.
    public func member(on date: BusinessDate) -> HouseholdComposition.Member {
        HouseholdComposition.Member(
            personId: personId, sex: sex, age: birthDate.age(on: date), relationship: relationship, maritalStatus: maritalStatus,
            workStatus: workStatus, disability: disability, orphanhood: orphanhood)
    }
}
