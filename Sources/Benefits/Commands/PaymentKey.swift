/// One household's payment in one cycle: the key of a `payment-{programmeId}-{cycle}-{householdId}` stream.
public struct PaymentKey: Sendable, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The cycle (a calendar month).
    public var cycle: PaymentCycle
    /// The household.
    public var householdId: HouseholdID

    /// Creates a key; each parameter sets the property of the same name.
    public init(_ programmeId: ProgrammeID, _ cycle: PaymentCycle, _ householdId: HouseholdID) {
        self.programmeId = programmeId
        self.cycle = cycle
        self.householdId = householdId
    }

    /// The stream id.
    public var stream: String { BenefitsStream.payment(programmeId, cycle, householdId) }

    /// The payment id: `PAY-` then the cycle as `YYYYMM` and the household id without its `HH-`
    /// prefix (`PAY-202501BG00012345`). One per household and cycle, as the payment stream.
    public var paymentId: PaymentID {
        PaymentID("PAY-\(cycle.compactDigits)\(householdId.rawValue.dropFirst(3))")
    }
}
