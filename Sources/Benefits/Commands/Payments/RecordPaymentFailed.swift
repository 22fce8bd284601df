import EventStore

/// Record that an issued payment failed.
public struct RecordPaymentFailed: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The payment cycle (a calendar month).
    public var cycle: PaymentCycle
    /// The household.
    public var householdId: HouseholdID
    /// Why it failed.
    public var reason: PaymentFailed.Reason
    /// Whether it may be issued again in this cycle.
    public var retryable: Bool
    /// The date it failed.
    public var failedOn: BusinessDate
    /// The provider's reference.
    public var providerRef: ProviderReference?

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, cycle: PaymentCycle, householdId: HouseholdID, reason: PaymentFailed.Reason, retryable: Bool,
        failedOn: BusinessDate, providerRef: ProviderReference? = nil
    ) {
        self.programmeId = programmeId
        self.cycle = cycle
        self.householdId = householdId
        self.reason = reason
        self.retryable = retryable
        self.failedOn = failedOn
        self.providerRef = providerRef
    }

    /// The streams the decision reads.
    public var inputs: DecisionInputs {
        DecisionInputs(payments: [PaymentKey(programmeId, cycle, householdId)])
    }

    /// Decided by `Payment.decide(_:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.payment(programmeId, cycle, householdId).decide(self)
    }
}
