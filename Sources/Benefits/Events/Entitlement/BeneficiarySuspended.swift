import DaftarJSON
import EventStore

/// Payments to the household were suspended from the effective date, pending a review (reassessment, documents,
/// uncollected payments, a cross-match under review, suspected fraud or death, an administrative hold). A suspended
/// household is not paid in a cycle.
///
/// Schema: `EventSchemas/beneficiary-suspended.v1.json` (`BeneficiarySuspended` v1).
public struct BeneficiarySuspended: DomainEvent {
    public static let eventType = "BeneficiarySuspended"
    public static let schemaVersion = 1

    /// Why payments are suspended.
    public enum Reason: String, JSONStringCode {
        case pendingReassessment
        case pendingDocumentVerification
        case paymentsUncollected
        case crossMatchUnderReview
        case suspectedFraud
        case suspectedDeath
        case administrativeHold
    }

    /// The programme.
    public var programmeId: ProgrammeID
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// Why payments are suspended.
    public var reason: Reason
    /// The business date it takes effect.
    public var effectiveOn: BusinessDate
    /// Who decided.
    public var decidedBy: ActorID
    /// The evidence, kept outside the ledger.
    public var evidenceRef: EvidenceReference?
    /// Date by which the review is due.
    public var reviewDueOn: BusinessDate?

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, householdId: HouseholdID, reason: Reason, effectiveOn: BusinessDate, decidedBy: ActorID,
        evidenceRef: EvidenceReference? = nil, reviewDueOn: BusinessDate? = nil
    ) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.reason = reason
        self.effectiveOn = effectiveOn
        self.decidedBy = decidedBy
        self.evidenceRef = evidenceRef
        self.reviewDueOn = reviewDueOn
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        householdId = try object.required("householdId")
        reason = try object.required("reason")
        effectiveOn = try object.required("effectiveOn")
        decidedBy = try object.required("decidedBy")
        evidenceRef = try object.optional("evidenceRef")
        reviewDueOn = try object.optional("reviewDueOn")
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
        object.set("evidenceRef", evidenceRef)
        object.set("reviewDueOn", reviewDueOn)
        return object.json
    }

    /// The stream the event is appended to: `beneficiary-{programmeId}-{householdId}`.
    public var streamID: String { "beneficiary-\(programmeId)-\(householdId)" }
}
