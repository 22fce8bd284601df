/// A programme's payment cycle: the key of a `payment-cycle-{programmeId}-{cycle}` stream.
public struct PaymentCycleKey: Sendable, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The cycle (a calendar month).
    public var cycle: PaymentCycle

    /// Creates a key; each parameter sets the property of the same name.
    public init(_ programmeId: ProgrammeID, _ cycle: PaymentCycle) {
        self.programmeId = programmeId
        self.cycle = cycle
    }

    /// The stream id.
    public var stream: String { BenefitsStream.paymentCycle(programmeId, cycle) }
}
