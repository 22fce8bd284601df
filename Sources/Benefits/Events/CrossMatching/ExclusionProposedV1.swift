import DaftarJSON
import EventStore

/// An exclusion of the household was proposed, from cross-match hits or another finding, for a programme manager to
/// decide (BeneficiaryExcluded or ExclusionProposalDismissed). effectiveOn is the proposed effective date. Superseded by
/// v2 for new events, which records who started the run; v1 events are upcast on read (see exclusion-proposed.v2.json).
///
/// Schema: `EventSchemas/exclusion-proposed.v1.json` (`ExclusionProposed` v1).
public struct ExclusionProposedV1: DomainEvent {
    public static let eventType = "ExclusionProposed"
    public static let schemaVersion = 1

    /// The exclusion proposal.
    public var proposalId: ProposalID
    /// The programme.
    public var programmeId: ProgrammeID
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// Why the household is (proposed to be) excluded.
    public var reason: ExclusionReason
    /// Who proposed the exclusion.
    public var proposedBy: ActorID
    /// The date of the proposal.
    public var proposedOn: BusinessDate
    /// Proposed effective date of the exclusion.
    public var effectiveOn: BusinessDate
    /// The evidence, kept outside the ledger.
    public var evidenceRef: EvidenceReference
    /// The cross-match run.
    public var crossMatchRunId: CrossMatchRunID?
    /// The hits behind the proposal (requires crossMatchRunId).
    public var hitIds: [CrossMatchHitID]?
    /// The member concerned, when there is one.
    public var personId: PersonID?

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        proposalId: ProposalID, programmeId: ProgrammeID, householdId: HouseholdID, reason: ExclusionReason, proposedBy: ActorID,
        proposedOn: BusinessDate, effectiveOn: BusinessDate, evidenceRef: EvidenceReference, crossMatchRunId: CrossMatchRunID? = nil,
        hitIds: [CrossMatchHitID]? = nil, personId: PersonID? = nil
    ) {
        self.proposalId = proposalId
        self.programmeId = programmeId
        self.householdId = householdId
        self.reason = reason
        self.proposedBy = proposedBy
        self.proposedOn = proposedOn
        self.effectiveOn = effectiveOn
        self.evidenceRef = evidenceRef
        self.crossMatchRunId = crossMatchRunId
        self.hitIds = hitIds
        self.personId = personId
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        proposalId = try object.required("proposalId")
        programmeId = try object.required("programmeId")
        householdId = try object.required("householdId")
        reason = try object.required("reason")
        proposedBy = try object.required("proposedBy")
        proposedOn = try object.required("proposedOn")
        effectiveOn = try object.required("effectiveOn")
        evidenceRef = try object.required("evidenceRef")
        crossMatchRunId = try object.optional("crossMatchRunId")
        hitIds = try object.optional("hitIds")
        personId = try object.optional("personId")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("proposalId", proposalId)
        object.set("programmeId", programmeId)
        object.set("householdId", householdId)
        object.set("reason", reason)
        object.set("proposedBy", proposedBy)
        object.set("proposedOn", proposedOn)
        object.set("effectiveOn", effectiveOn)
        object.set("evidenceRef", evidenceRef)
        object.set("crossMatchRunId", crossMatchRunId)
        object.set("hitIds", hitIds)
        object.set("personId", personId)
        return object.json
    }

    /// The stream the event is appended to: `beneficiary-{programmeId}-{householdId}`.
    public var streamID: String { "beneficiary-\(programmeId)-\(householdId)" }
}
