import EventStore

/// Record the provider's confirmation that the payee received an issued payment.
public struct RecordPaymentConfirmed: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The payment cycle (a calendar month).
    public var cycle: PaymentCycle
    /// The household.
    public var householdId: HouseholdID
    /// The provider's reference.
    public var providerRef: ProviderReference
    /// The currency: the issued payment's.
    public var currency: Currency
    /// The amount: the issued amount.
    public var amountMinor: Int64
    /// When the provider confirmed, UTC.
    public var confirmedAt: UTCTimestamp

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, cycle: PaymentCycle, householdId: HouseholdID, providerRef: ProviderReference, currency: Currency,
        amountMinor: Int64, confirmedAt: UTCTimestamp
    ) {
        self.programmeId = programmeId
        self.cycle = cycle
        self.householdId = householdId
        self.providerRef = providerRef
        self.currency = currency
        self.amountMinor = amountMinor
        self.confirmedAt = confirmedAt
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
