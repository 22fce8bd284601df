import DaftarJSON
import EventStore

/// The household was excluded from the programme from the effective date, for a coded reason, on evidence, by a decision-
/// maker. effectiveOn may precede decidedOn (a retroactive exclusion: payments for later cycles become overpayments,
/// recorded as OverpaymentIdentified in the same append). A death exclusion names the deceased member.
///
/// Schema: `EventSchemas/beneficiary-excluded.v1.json` (`BeneficiaryExcluded` v1).
public struct BeneficiaryExcluded: DomainEvent {
    public static let eventType = "BeneficiaryExcluded"
    public static let schemaVersion = 1

    /// The programme.
    public var programmeId: ProgrammeID
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// Why the household is (proposed to be) excluded.
    public var reason: ExclusionReason
    /// Evidence of the reason (cross-match extract, certificate, reassessment).
    public var evidenceRef: EvidenceReference
    /// Who decided.
    public var decidedBy: ActorID
    /// Date of the decision.
    public var decidedOn: BusinessDate
    /// Date from which the household is excluded.
    public var effectiveOn: BusinessDate
    /// The exclusion proposal decided on, when there was one.
    public var proposalId: ProposalID?
    /// The cross-match run.
    public var crossMatchRunId: CrossMatchRunID?
    /// The member concerned (required for deceased).
    public var personId: PersonID?
    /// The eligibility rule version.
    public var ruleVersion: Int?
    /// The legal instrument.
    public var legalBasis: LegalBasis?

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, householdId: HouseholdID, reason: ExclusionReason, evidenceRef: EvidenceReference, decidedBy: ActorID,
        decidedOn: BusinessDate, effectiveOn: BusinessDate, proposalId: ProposalID? = nil, crossMatchRunId: CrossMatchRunID? = nil,
        personId: PersonID? = nil, ruleVersion: Int? = nil, legalBasis: LegalBasis? = nil
    ) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.reason = reason
        self.evidenceRef = evidenceRef
        self.decidedBy = decidedBy
        self.decidedOn = decidedOn
        self.effectiveOn = effectiveOn
        self.proposalId = proposalId
        self.crossMatchRunId = crossMatchRunId
        self.personId = personId
        self.ruleVersion = ruleVersion
        self.legalBasis = legalBasis
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        householdId = try object.required("householdId")
        reason = try object.required("reason")
        evidenceRef = try object.required("evidenceRef")
        decidedBy = try object.required("decidedBy")
        decidedOn = try object.required("decidedOn")
        effectiveOn = try object.required("effectiveOn")
        proposalId = try object.optional("proposalId")
        crossMatchRunId = try object.optional("crossMatchRunId")
        personId = try object.optional("personId")
        ruleVersion = try object.optional("ruleVersion")
        legalBasis = try object.optional("legalBasis")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("programmeId", programmeId)
        object.set("householdId", householdId)
        object.set("reason", reason)
        object.set("evidenceRef", evidenceRef)
        object.set("decidedBy", decidedBy)
        object.set("decidedOn", decidedOn)
        object.set("effectiveOn", effectiveOn)
        object.set("proposalId", proposalId)
        object.set("crossMatchRunId", crossMatchRunId)
        object.set("personId", personId)
        object.set("ruleVersion", ruleVersion)
        object.set("legalBasis", legalBasis)
        return object.json
    }

    /// The stream the event is appended to: `beneficiary-{programmeId}-{householdId}`.
    public var streamID: String { "beneficiary-\(programmeId)-\(householdId)" }
}
