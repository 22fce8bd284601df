import EventStore

/// Reverse an exclusion and reinstate the household from a date (an upheld appeal, a false match, an error);
/// overpayments of cycles from that date on are waived.
public struct ReverseExclusion: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The household.
    public var householdId: HouseholdID
    /// Why the exclusion is reversed.
    public var reason: ExclusionReversed.Reason
    /// The upheld appeal (required for appealUpheld).
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

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, householdId: HouseholdID, reason: ExclusionReversed.Reason, appealId: AppealID? = nil,
        effectiveOn: BusinessDate, decidedBy: ActorID, decidedOn: BusinessDate, arrearsDue: Bool = false,
        evidenceRef: EvidenceReference? = nil
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

    /// The streams the decision reads.
    public var inputs: DecisionInputs {
        DecisionInputs(
            beneficiaries: [BeneficiaryKey(programmeId, householdId)],
            paymentHistories: [
                PaymentHistoryRange(programmeId, householdId, from: effectiveOn.paymentCycle, through: max(effectiveOn, decidedOn).paymentCycle)
            ])
    }

    /// Decided by `Beneficiary.decide(_:payments:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.beneficiary(programmeId, householdId).decide(self, payments: context.paymentHistory(programmeId, householdId))
    }
}
