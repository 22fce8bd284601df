import EventStore

/// What a cross-match exclusion rule proposes for one household of a run: the reason and date of the
/// first criterion its hits meet, and those hits as evidence (``CrossMatchExclusionRule/proposals(for:)``).
public struct CrossMatchProposal: Sendable, Hashable {
    /// The most hits a proposal cites (`ExclusionProposed.hitIds` holds at most 50).
    public static let maximumHits = 50

    /// The household.
    public var householdId: HouseholdID
    /// The reason of the first criterion met.
    public var reason: ExclusionReason
    /// The position of that criterion in the rule.
    public var criterionIndex: Int
    /// The hits that meet a criterion, by criterion then hit id.
    public var hitIds: [CrossMatchHitID]
    /// The member of the first hit, when the match is on a person.
    public var personId: PersonID?
    /// The evidence reference of the first hit.
    public var evidenceRef: EvidenceReference
    /// From when the evidence applies, by the criterion's `effective`.
    public var effectiveOn: BusinessDate

    /// Creates a proposal; each parameter sets the property of the same name.
    public init(
        householdId: HouseholdID, reason: ExclusionReason, criterionIndex: Int, hitIds: [CrossMatchHitID], personId: PersonID?,
        evidenceRef: EvidenceReference, effectiveOn: BusinessDate
    ) {
        self.householdId = householdId
        self.reason = reason
        self.criterionIndex = criterionIndex
        self.hitIds = hitIds
        self.personId = personId
        self.evidenceRef = evidenceRef
        self.effectiveOn = effectiveOn
    }
}
