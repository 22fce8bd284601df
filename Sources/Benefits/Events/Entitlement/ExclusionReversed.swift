import DaftarJSON
import EventStore

/// An exclusion was reversed and the household reinstated from the effective date: the appeal was upheld, the cross-match
/// was a false positive, an administrative error was corrected, or a reassessment found it eligible. arrearsDue says
/// whether the excluded months are paid as arrears.
///
/// Schema: `EventSchemas/exclusion-reversed.v1.json` (`ExclusionReversed` v1).
public struct ExclusionReversed: DomainEvent {
    public static let eventType = "ExclusionReversed"
    public static let schemaVersion = 1

    /// Why the exclusion was reversed.
    public enum Reason: String, JSONStringCode {
        case appealUpheld
        case crossMatchFalsePositive
        case administrativeError
        case reassessedEligible
    }

    /// The programme.
    public var programmeId: ProgrammeID
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// Why the exclusion was reversed.
    public var reason: Reason
    /// The upheld appeal (required when reason is appealUpheld).
    public var appealId: AppealID?
    /// Date from which the household is enrolled again.
    public var effectiveOn: BusinessDate
    /// Who decided.
    public var decidedBy: ActorID
    /// The date of the decision.
    public var decidedOn: BusinessDate
    /// Whether the excluded months are paid as arrears.
    public var arrearsDue: Bool
    /// The evidence, kept outside the ledger.
    public var evidenceRef: EvidenceReference?

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, householdId: HouseholdID, reason: Reason, appealId: AppealID? = nil, effectiveOn: BusinessDate, decidedBy: ActorID,
        decidedOn: BusinessDate, arrearsDue: Bool, evidenceRef: EvidenceReference? = nil
    ) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.reason = reason
        self.appealId = appealId
        self.effectiveOn = effectiveOn
        self.decidedBy = decidedBy
        self.decidedOn = decidedOn
        self.arrearsDue = arrearsDue
        self.evidenceRef = evidenceRef
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        householdId = try object.required("householdId")
        reason = try object.required("reason")
        appealId = try object.optional("appealId")
        effectiveOn = try object.required("effectiveOn")
        decidedBy = try object.required("decidedBy")
        decidedOn = try object.required("decidedOn")
        arrearsDue = try object.required("arrearsDue")
        evidenceRef = try object.optional("evidenceRef")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("programmeId", programmeId)
        object.set("householdId", householdId)
        object.set("reason", reason)
        object.set("appealId", appealId)
        object.set("effectiveOn", effectiveOn)
        object.set("decidedBy", decidedBy)
        object.set("decidedOn", decidedOn)
        object.set("arrearsDue", arrearsDue)
        object.set("evidenceRef", evidenceRef)
        return object.json
    }

    /// The stream the event is appended to: `beneficiary-{programmeId}-{householdId}`.
    public var streamID: String { "beneficiary-\(programmeId)-\(householdId)" }
}
