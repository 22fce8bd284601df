import DaftarJSON
import EventStore

/// A person's personal data was erased from the encrypted person store (crypto-shredding, DESIGN.md §4):
/// their data key was deleted, so their details can no longer be read. The ledger keeps the pseudonymous
/// id, the amounts, the order and the hashes; the event holds no personal data.
///
/// Schema: `EventSchemas/personal-data-erased.v1.json` (`PersonalDataErased` v1).
public struct PersonalDataErased: DomainEvent {
    public static let eventType = "PersonalDataErased"
    public static let schemaVersion = 1

    /// Why the data was erased.
    public enum Reason: String, JSONStringCode {
        case dataSubjectRequest
        case retentionExpired
        case courtOrder
        case deceasedRetentionExpired
    }

    /// The person (pseudonymous id).
    public var personId: PersonID
    /// The UTC date the data key was deleted.
    public var erasedOn: BusinessDate
    /// Why the data was erased.
    public var reason: Reason
    /// Who decided.
    public var decidedBy: ActorID

    /// Creates the event; each parameter sets the property of the same name.
    public init(personId: PersonID, erasedOn: BusinessDate, reason: Reason, decidedBy: ActorID) {
        self.personId = personId
        self.erasedOn = erasedOn
        self.reason = reason
        self.decidedBy = decidedBy
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        personId = try object.required("personId")
        erasedOn = try object.required("erasedOn")
        reason = try object.required("reason")
        decidedBy = try object.required("decidedBy")
        try object.finish()
    }

    /// The payload object.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("personId", personId)
        object.set("erasedOn", erasedOn)
        object.set("reason", reason)
        object.set("decidedBy", decidedBy)
        return object.json
    }

    /// The stream the event is appended to: `person-{personId}`.
    public var streamID: String { "person-\(personId)" }
}
