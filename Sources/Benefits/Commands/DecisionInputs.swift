/// The streams a command's decision reads, by the ids of what they are about.
public struct DecisionInputs: Sendable, Hashable {
    /// `household-{id}` streams.
    public var households: [HouseholdID]
    /// `programme-{id}` streams.
    public var programmes: [ProgrammeID]
    /// `beneficiary-{programmeId}-{householdId}` streams.
    public var beneficiaries: [BeneficiaryKey]
    /// `payment-cycle-{programmeId}-{cycle}` streams.
    public var paymentCycles: [PaymentCycleKey]
    /// `payment-{programmeId}-{cycle}-{householdId}` streams.
    public var payments: [PaymentKey]
    /// A household's payments and their cycles over a range of months (see ``PaymentHistoryRange``).
    public var paymentHistories: [PaymentHistoryRange]
    /// `cross-match-{runId}` streams.
    public var crossMatchRuns: [CrossMatchRunID]
    /// `cost-projection-{programmeId}` streams, folded into the programme's ``Programme`` (its published projections).
    public var costProjections: [ProgrammeID]

    /// Creates a set of inputs; each parameter sets the property of the same name.
    public init(
        households: [HouseholdID] = [], programmes: [ProgrammeID] = [], beneficiaries: [BeneficiaryKey] = [],
        paymentCycles: [PaymentCycleKey] = [], payments: [PaymentKey] = [], paymentHistories: [PaymentHistoryRange] = [],
        crossMatchRuns: [CrossMatchRunID] = [], costProjections: [ProgrammeID] = []
    ) {
        self.households = households
        self.programmes = programmes
        self.beneficiaries = beneficiaries
        self.paymentCycles = paymentCycles
        self.payments = payments
        self.paymentHistories = paymentHistories
        self.crossMatchRuns = crossMatchRuns
        self.costProjections = costProjections
    }
}
