import EventStore

/// Record that an issued or confirmed payment was reversed.
public struct RecordPaymentReversed: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The payment cycle (a calendar month).
    public var cycle: PaymentCycle
    /// The household.
    public var householdId: HouseholdID
    /// Why it was reversed.
    public var reason: PaymentReversed.Reason
    /// The currency: the issued payment's.
    public var currency: Currency
    /// The amount: the issued amount.
    public var amountMinor: Int64
    /// The date of the reversal.
    public var reversedOn: BusinessDate
    /// Who decided.
    public var decidedBy: ActorID
    /// The provider's reference.
    public var providerRef: ProviderReference?

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, cycle: PaymentCycle, householdId: HouseholdID, reason: PaymentReversed.Reason, currency: Currency,
        amountMinor: Int64, reversedOn: BusinessDate, decidedBy: ActorID, providerRef: ProviderReference? = nil
    ) {
        self.programmeId = programmeId
        self.cycle = cycle
        self.householdId = householdId
        self.reason = reason
        self.currency = currency
        self.amountMinor = amountMinor
        self.reversedOn = reversedOn
        self.decidedBy = decidedBy
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
