import Benefits
import EventStore

/// One member of a drawn household, with the facts the registry records about them.
public struct DrawnPerson: Sendable, Hashable {
    /// Pseudonymous id, `P-BG0000001201`.
    public var personId: PersonID
    public var sex: Sex
    /// Age in whole years on the reference date, 1 June 2024.
    public var age: Int
    public var birthDate: BusinessDate
    public var relationship: Relationship
    public var maritalStatus: MaritalStatus
    public var workStatus: WorkStatus
    public var disability: Disability
    public var orphanhood: Orphanhood
}
