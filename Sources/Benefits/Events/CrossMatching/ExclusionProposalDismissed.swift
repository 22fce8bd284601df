import DaftarJSON
import EventStore

/// A programme manager dismissed an exclusion proposal: the match was a false positive, below the material threshold, the
/// household is already excluded, the evidence was insufficient, or circumstances changed.
///
/// Schema: `EventSchemas/exclusion-proposal-dismissed.v1.json` (`ExclusionProposalDismissed` v1).
public struct ExclusionProposalDismissed: DomainEvent {
    public static let eventType = "ExclusionProposalDismissed"
    public static let schemaVersion = 1

    /// Why the proposal was dismissed.
    public enum Reason: String, JSONStringCode {
        case falsePositiveMatch
        case belowMaterialThreshold
        case alreadyExcluded
        case insufficientEvidence
        case circumstancesChanged
    }

    /// The exclusion proposal.
    public var proposalId: ProposalID
    /// The programme.
    public var programmeId: ProgrammeID
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// Why the proposal was dismissed.
    public var reason: Reason
    /// Who decided.
    public var decidedBy: ActorID
    /// The date of the decision.
    public var decidedOn: BusinessDate

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        proposalId: ProposalID, programmeId: ProgrammeID, householdId: HouseholdID, reason: Reason, decidedBy: ActorID, decidedOn: BusinessDate
    ) {
        self.proposalId = proposalId
        self.programmeId = programmeId
        self.householdId = householdId
        self.reason = reason
        self.decidedBy = decidedBy
        self.decidedOn = decidedOn
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        proposalId = try object.required("proposalId")
        programmeId = try object.required("programmeId")
        householdId = try object.required("householdId")
        reason = try object.required("reason")
        decidedBy = try object.required("decidedBy")
        decidedOn = try object.required("decidedOn")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("proposalId", proposalId)
        object.set("programmeId", programmeId)
        object.set("householdId", householdId)
        object.set("reason", reason)
        object.set("decidedBy", decidedBy)
        object.set("decidedOn", decidedOn)
        return object.json
    }

    /// The stream the event is appended to: `beneficiary-{programmeId}-{householdId}`.
    public var streamID: String { "beneficiary-\(programmeId)-\(householdId)" }
}
