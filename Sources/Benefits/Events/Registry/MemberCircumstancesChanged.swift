import DaftarJSON
import EventStore

/// A member's circumstances changed: marital status (widowed, divorced, spouse imprisoned, abandoned), work status,
/// disability or orphanhood. Only the changed fields are given; the rest stay as they were.
///
/// Schema: `EventSchemas/member-circumstances-changed.v1.json` (`MemberCircumstancesChanged` v1).
public struct MemberCircumstancesChanged: DomainEvent {
    public static let eventType = "MemberCircumstancesChanged"
    public static let schemaVersion = 1

    /// The new values of the fields that changed; at least one.
    public struct Changes: Sendable, Hashable, JSONConvertible {
        /// The person's marital status.
        public var maritalStatus: MaritalStatus?
        /// The person's work status.
        public var workStatus: WorkStatus?
        /// The person's disability.
        public var disability: Disability?
        /// Whether the person has lost father, mother or both.
        public var orphanhood: Orphanhood?

        /// Creates the object; each parameter sets the property of the same name.
        public init(maritalStatus: MaritalStatus? = nil, workStatus: WorkStatus? = nil, disability: Disability? = nil, orphanhood: Orphanhood? = nil)
        {
            self.maritalStatus = maritalStatus
            self.workStatus = workStatus
            self.disability = disability
            self.orphanhood = orphanhood
        }

        /// Reads the payload object; see ``JSONConvertible``.
        public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
            var object = try JSONObjectReader(json, at: pointer)
            maritalStatus = try object.optional("maritalStatus")
            workStatus = try object.optional("workStatus")
            disability = try object.optional("disability")
            orphanhood = try object.optional("orphanhood")
            try object.finish()
        }

        /// The payload object; optional properties that are `nil` are left out.
        public var json: JSONValue {
            var object = JSONObjectWriter()
            object.set("maritalStatus", maritalStatus)
            object.set("workStatus", workStatus)
            object.set("disability", disability)
            object.set("orphanhood", orphanhood)
            return object.json
        }
    }

    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// The person (pseudonymous id).
    public var personId: PersonID
    /// The new values of the fields that changed; at least one.
    public var changes: Changes
    /// Date the change took effect.
    public var effectiveOn: BusinessDate
    /// The evidence, kept outside the ledger.
    public var evidenceRef: EvidenceReference?

    /// Creates the event; each parameter sets the property of the same name.
    public init(householdId: HouseholdID, personId: PersonID, changes: Changes, effectiveOn: BusinessDate, evidenceRef: EvidenceReference? = nil) {
        self.householdId = householdId
        self.personId = personId
        self.changes = changes
        self.effectiveOn = effectiveOn
        self.evidenceRef = evidenceRef
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        householdId = try object.required("householdId")
        personId = try object.required("personId")
        changes = try object.required("changes")
        effectiveOn = try object.required("effectiveOn")
        evidenceRef = try object.optional("evidenceRef")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("householdId", householdId)
        object.set("personId", personId)
        object.set("changes", changes)
        object.set("effectiveOn", effectiveOn)
        object.set("evidenceRef", evidenceRef)
        return object.json
    }

    /// The stream the event is appended to: `household-{householdId}`.
    public var streamID: String { "household-\(householdId)" }
}
