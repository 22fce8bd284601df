import DaftarJSON
import EventStore

/// A person left the household: death, moving out, marriage, migration, imprisonment, or a duplicate or erroneous record.
/// Death, imprisonment and duplicates need an evidence reference.
///
/// Schema: `EventSchemas/member-removed.v1.json` (`MemberRemoved` v1).
public struct MemberRemoved: DomainEvent {
    public static let eventType = "MemberRemoved"
    public static let schemaVersion = 1

    /// Why the person left.
    public enum Reason: String, JSONStringCode {
        case deceased
        case movedOut
        case marriedOut
        case migratedAbroad
        case imprisoned
        case duplicateRecord
        case dataCorrection
    }

    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// The person (pseudonymous id).
    public var personId: PersonID
    /// Why the person left.
    public var reason: Reason
    /// Date the person stopped being a member.
    public var effectiveOn: BusinessDate
    /// Death certificate, court record or duplicate-match reference.
    public var evidenceRef: EvidenceReference?

    /// Creates the event; each parameter sets the property of the same name.
    public init(householdId: HouseholdID, personId: PersonID, reason: Reason, effectiveOn: BusinessDate, evidenceRef: EvidenceReference? = nil) {
        self.householdId = householdId
        self.personId = personId
        self.reason = reason
        self.effectiveOn = effectiveOn
        self.evidenceRef = evidenceRef
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        householdId = try object.required("householdId")
        personId = try object.required("personId")
        reason = try object.required("reason")
        effectiveOn = try object.required("effectiveOn")
        evidenceRef = try object.optional("evidenceRef")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("householdId", householdId)
        object.set("personId", personId)
        object.set("reason", reason)
        object.set("effectiveOn", effectiveOn)
        object.set("evidenceRef", evidenceRef)
        return object.json
    }

    /// The stream the event is appended to: `household-{householdId}`.
    public var streamID: String { "household-\(householdId)" }
}
