import DaftarJSON
import EventStore

/// An appeal against an exclusion was decided and rejected; the exclusion stands.
///
/// Schema: `EventSchemas/exclusion-appeal-rejected.v1.json` (`ExclusionAppealRejected` v1).
public struct ExclusionAppealRejected: DomainEvent {
    public static let eventType = "ExclusionAppealRejected"
    public static let schemaVersion = 1

    /// Why the appeal was rejected.
    public enum Reason: String, JSONStringCode {
        case groundsNotSubstantiated
        case filedAfterDeadline
        case evidenceConfirmsExclusion
        case duplicateAppeal
    }

    /// The programme.
    public var programmeId: ProgrammeID
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// The appeal (objection).
    public var appealId: AppealID
    /// Why the appeal was rejected.
    public var reason: Reason
    /// Who decided.
    public var decidedBy: ActorID
    /// The date of the decision.
    public var decidedOn: BusinessDate

    /// Creates the event; each parameter sets the property of the same name.
    public init(programmeId: ProgrammeID, householdId: HouseholdID, appealId: AppealID, reason: Reason, decidedBy: ActorID, decidedOn: BusinessDate) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.appealId = appealId
        self.reason = reason
        self.decidedBy = decidedBy
        self.decidedOn = decidedOn
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        householdId = try object.required("householdId")
        appealId = try object.required("appealId")
        reason = try object.required("reason")
        decidedBy = try object.required("decidedBy")
        decidedOn = try object.required("decidedOn")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("programmeId", programmeId)
        object.set("householdId", householdId)
        object.set("appealId", appealId)
        object.set("reason", reason)
        object.set("decidedBy", decidedBy)
        object.set("decidedOn", decidedOn)
        return object.json
    }

    /// The stream the event is appended to: `beneficiary-{programmeId}-{householdId}`.
    public var streamID: String { "beneficiary-\(programmeId)-\(householdId)" }
}
