import DaftarJSON
import EventStore

/// The household objected to its exclusion (within the programme's objection window), on coded grounds, through a
/// channel.
///
/// Schema: `EventSchemas/exclusion-appealed.v1.json` (`ExclusionAppealed` v1).
public struct ExclusionAppealed: DomainEvent {
    public static let eventType = "ExclusionAppealed"
    public static let schemaVersion = 1

    /// Grounds of the appeal.
    public enum Grounds: String, JSONStringCode {
        case dataError
        case circumstancesChanged
        case crossMatchMismatch
        case identityMismatch
        case proceduralError
    }

    /// Where the appeal was filed.
    public enum Channel: String, JSONStringCode {
        case welfareOffice
        case online
        case callCentre
        case ombudsman
    }

    /// The programme.
    public var programmeId: ProgrammeID
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// The appeal (objection).
    public var appealId: AppealID
    /// Grounds of the appeal.
    public var grounds: Grounds
    /// Where the appeal was filed.
    public var channel: Channel
    /// The date the appeal was filed.
    public var filedOn: BusinessDate
    /// The evidence, kept outside the ledger.
    public var evidenceRef: EvidenceReference?

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, householdId: HouseholdID, appealId: AppealID, grounds: Grounds, channel: Channel, filedOn: BusinessDate,
        evidenceRef: EvidenceReference? = nil
    ) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.appealId = appealId
        self.grounds = grounds
        self.channel = channel
        self.filedOn = filedOn
        self.evidenceRef = evidenceRef
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        householdId = try object.required("householdId")
        appealId = try object.required("appealId")
        grounds = try object.required("grounds")
        channel = try object.required("channel")
        filedOn = try object.required("filedOn")
        evidenceRef = try object.optional("evidenceRef")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("programmeId", programmeId)
        object.set("householdId", householdId)
        object.set("appealId", appealId)
        object.set("grounds", grounds)
        object.set("channel", channel)
        object.set("filedOn", filedOn)
        object.set("evidenceRef", evidenceRef)
        return object.json
    }

    /// The stream the event is appended to: `beneficiary-{programmeId}-{householdId}`.
    public var streamID: String { "beneficiary-\(programmeId)-\(householdId)" }
}
