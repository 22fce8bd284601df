import DaftarJSON
import EventStore

/// A person joined the household (at registration, by birth, marriage or move) with sex, birth date, relationship to the
/// head, marital status, work status, disability and orphanhood: the facts the Law 11/2014 categories and the benefit
/// schedule read. The person is a pseudonymous id; name and national id live in the encrypted person store.
///
/// Schema: `EventSchemas/member-added.v1.json` (`MemberAdded` v1).
public struct MemberAdded: DomainEvent {
    public static let eventType = "MemberAdded"
    public static let schemaVersion = 1

    /// Why the person was added.
    public enum Reason: String, JSONStringCode {
        case initialRegistration
        case birth
        case marriage
        case joinedHousehold
        case returnedToHousehold
        case dataCorrection
    }

    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// The person (pseudonymous id).
    public var personId: PersonID
    /// The person's sex as recorded in the registry.
    public var sex: Sex
    /// The person's birth date.
    public var birthDate: BusinessDate
    /// Relationship to the head of household.
    public var relationship: Relationship
    /// The person's marital status.
    public var maritalStatus: MaritalStatus
    /// The person's work status.
    public var workStatus: WorkStatus
    /// The person's disability.
    public var disability: Disability
    /// Whether the person has lost father, mother or both.
    public var orphanhood: Orphanhood
    /// Why the person was added.
    public var reason: Reason
    /// Date the person became a member.
    public var effectiveOn: BusinessDate

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        householdId: HouseholdID, personId: PersonID, sex: Sex, birthDate: BusinessDate, relationship: Relationship, maritalStatus: MaritalStatus,
        workStatus: WorkStatus, disability: Disability, orphanhood: Orphanhood, reason: Reason, effectiveOn: BusinessDate
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

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        householdId = try object.required("householdId")
        personId = try object.required("personId")
        sex = try object.required("sex")
        birthDate = try object.required("birthDate")
        relationship = try object.required("relationship")
        maritalStatus = try object.required("maritalStatus")
        workStatus = try object.required("workStatus")
        disability = try object.required("disability")
        orphanhood = try object.required("orphanhood")
        reason = try object.required("reason")
        effectiveOn = try object.required("effectiveOn")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("householdId", householdId)
        object.set("personId", personId)
        object.set("sex", sex)
        object.set("birthDate", birthDate)
        object.set("relationship", relationship)
        object.set("maritalStatus", maritalStatus)
        object.set("workStatus", workStatus)
        object.set("disability", disability)
        object.set("orphanhood", orphanhood)
        object.set("reason", reason)
        object.set("effectiveOn", effectiveOn)
        return object.json
    }

    /// The stream the event is appended to: `household-{householdId}`.
    public var streamID: String { "household-\(householdId)" }
}
