import EventStore

/// Suspend an enrolled household's payments from a date, pending a review.
public struct Suspend: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The household.
    public var householdId: HouseholdID
    /// Why payments are suspended.
    public var reason: BeneficiarySuspended.Reason
    /// The date the suspension takes effect.
    public var effectiveOn: BusinessDate
    /// Who decided.
    public var decidedBy: ActorID
    /// The evidence, kept outside the ledger.
    public var evidenceRef: EvidenceReference?
    /// Date by which the review is due.
    public var reviewDueOn: BusinessDate?

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, householdId: HouseholdID, reason: BeneficiarySuspended.Reason, effectiveOn: BusinessDate,
        decidedBy: ActorID, evidenceRef: EvidenceReference? = nil, reviewDueOn: BusinessDate? = nil
    ) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.reason = reason
        self.effectiveOn = effectiveOn
        self.decidedBy = decidedBy
        self.evidenceRef = evidenceRef
        self.reviewDueOn = reviewDueOn
    }

    /// The streams the decision reads.
    public var inputs: DecisionInputs {
        DecisionInputs(beneficiaries: [BeneficiaryKey(programmeId, householdId)])
    }

    /// Decided by `Beneficiary.decide(_:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.beneficiary(programmeId, householdId).decide(self)
    }
}
