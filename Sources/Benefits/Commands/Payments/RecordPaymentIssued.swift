import EventStore

/// Record that a scheduled payment was handed to a payment provider.
public struct RecordPaymentIssued: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The payment cycle (a calendar month).
    public var cycle: PaymentCycle
    /// The household.
    public var householdId: HouseholdID
    /// Payment channel.
    public var channel: PaymentIssued.Channel
    /// The payment service provider.
    public var providerId: ProviderID
    /// The provider's reference.
    public var providerRef: ProviderReference
    /// The currency: the scheduled payment's.
    public var currency: Currency
    /// The amount: the scheduled amount.
    public var amountMinor: Int64
    /// The date issued, within the cycle's window.
    public var issuedOn: BusinessDate

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, cycle: PaymentCycle, householdId: HouseholdID, channel: PaymentIssued.Channel, providerId: ProviderID,
        providerRef: ProviderReference, currency: Currency, amountMinor: Int64, issuedOn: BusinessDate
    ) {
        self.programmeId = programmeId
        self.cycle = cycle
        self.householdId = householdId
        self.channel = channel
        self.providerId = providerId
        self.providerRef = providerRef
        self.currency = currency
        self.amountMinor = amountMinor
        self.issuedOn = issuedOn
    }

    /// The streams the decision reads.
    public var inputs: DecisionInputs {
        DecisionInputs(
            beneficiaries: [BeneficiaryKey(programmeId, householdId)], paymentCycles: [PaymentCycleKey(programmeId, cycle)],
            payments: [PaymentKey(programmeId, cycle, householdId)])
    }

    /// Decided by `Payment.decide(_:cycle:beneficiary:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.payment(programmeId, cycle, householdId).decide(
            self, cycle: context.paymentCycle(programmeId, cycle), beneficiary: context.beneficiary(programmeId, householdId))
    }
}
