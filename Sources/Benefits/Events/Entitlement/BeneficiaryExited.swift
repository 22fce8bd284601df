import DaftarJSON
import EventStore

/// The household left the programme from the effective date for a reason other than an exclusion: withdrawal,
/// dissolution, death of all members, emigration, end of a temporary enrolment, transfer, programme closure.
///
/// Schema: `EventSchemas/beneficiary-exited.v1.json` (`BeneficiaryExited` v1).
public struct BeneficiaryExited: DomainEvent {
    public static let eventType = "BeneficiaryExited"
    public static let schemaVersion = 1

    /// Why the household left.
    public enum Reason: String, JSONStringCode {
        case voluntaryWithdrawal
        case householdDissolved
        case allMembersDeceased
        case movedAbroad
        case temporaryEnrolmentEnded
        case transferredToOtherProgramme
        case programmeClosed
    }

    /// The programme.
    public var programmeId: ProgrammeID
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// Why the household left.
    public var reason: Reason
    /// The business date it takes effect.
    public var effectiveOn: BusinessDate
    /// Who decided.
    public var decidedBy: ActorID

    /// Creates the event; each parameter sets the property of the same name.
    public init(programmeId: ProgrammeID, householdId: HouseholdID, reason: Reason, effectiveOn: BusinessDate, decidedBy: ActorID) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.reason = reason
        self.effectiveOn = effectiveOn
        self.decidedBy = decidedBy
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        householdId = try object.required("householdId")
        reason = try object.required("reason")
        effectiveOn = try object.required("effectiveOn")
        decidedBy = try object.required("decidedBy")
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
        return object.json
    }

    /// The stream the event is appended to: `beneficiary-{programmeId}-{householdId}`.
    public var streamID: String { "beneficiary-\(programmeId)-\(householdId)" }
}
