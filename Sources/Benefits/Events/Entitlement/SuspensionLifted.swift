import DaftarJSON
import EventStore

/// A suspension was lifted from the effective date; payments resume. arrearsDue says whether the suspended months are to
/// be paid as arrears.
///
/// Schema: `EventSchemas/suspension-lifted.v1.json` (`SuspensionLifted` v1).
public struct SuspensionLifted: DomainEvent {
    public static let eventType = "SuspensionLifted"
    public static let schemaVersion = 1

    /// Why the suspension ended.
    public enum Reason: String, JSONStringCode {
        case reviewCleared
        case documentsVerified
        case collectionResumed
        case reassessedEligible
        case holdReleased
    }

    /// The programme.
    public var programmeId: ProgrammeID
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// Why the suspension ended.
    public var reason: Reason
    /// The business date it takes effect.
    public var effectiveOn: BusinessDate
    /// Who decided.
    public var decidedBy: ActorID
    /// Whether the suspended months are paid as arrears.
    public var arrearsDue: Bool

    /// Creates the event; each parameter sets the property of the same name.
    public init(programmeId: ProgrammeID, householdId: HouseholdID, reason: Reason, effectiveOn: BusinessDate, decidedBy: ActorID, arrearsDue: Bool) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.reason = reason
        self.effectiveOn = effectiveOn
        self.decidedBy = decidedBy
        self.arrearsDue = arrearsDue
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        householdId = try object.required("householdId")
        reason = try object.required("reason")
        effectiveOn = try object.required("effectiveOn")
        decidedBy = try object.required("decidedBy")
        arrearsDue = try object.required("arrearsDue")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("programmeId", programmeId)
        object.set("householdId", householdId)
        object.set("reason", reason)
        object.set("effectiveOn", effectiveOn)
        object.set("decidedBy", decidedBy)
        object.set("arrearsDue", arrearsDue)
        return object.json
    }

    /// The stream the event is appended to: `beneficiary-{programmeId}-{householdId}`.
    public var streamID: String { "beneficiary-\(programmeId)-\(householdId)" }
}
