/// A household's payment in a cycle together with the cycle it belongs to, as a retroactive
/// decision reads them: the cycle's enrolment date says whether the payment was due.
public struct CyclePayment: Sendable, Hashable {
    /// The cycle.
    public var cycle: PaymentCycleState
    /// The payment.
    public var payment: Payment

    /// Creates a pair; each parameter sets the property of the same name.
    public init(cycle: PaymentCycleState, payment: Payment) {
        self.cycle = cycle
        self.payment = payment
    }
}
