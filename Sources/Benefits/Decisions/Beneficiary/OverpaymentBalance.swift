import EventStore

/// What a household owes for one cycle's overpayment: identified, then recovered or waived.
public struct OverpaymentBalance: Sendable, Hashable {
    /// The overpaid payment.
    public var paymentId: PaymentID
    /// Why it was undue (of the latest identification).
    public var cause: OverpaymentIdentified.Cause
    /// The currency of the amounts.
    public var currency: Currency
    /// Total identified, in ledger units.
    public var identifiedMinor: Int64
    /// Total recovered or waived, in ledger units.
    public var recoveredMinor: Int64

    /// Creates a balance; each parameter sets the property of the same name.
    public init(paymentId: PaymentID, cause: OverpaymentIdentified.Cause, currency: Currency, identifiedMinor: Int64, recoveredMinor: Int64) {
        self.paymentId = paymentId
        self.cause = cause
        self.currency = currency
        self.identifiedMinor = identifiedMinor
        self.recoveredMinor = recoveredMinor
    }

    /// What is still owed.
    public var outstandingMinor: Int64 { identifiedMinor &- recoveredMinor }
}
