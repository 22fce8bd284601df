import EventStore

/// Reconcile and close a payment cycle after its window, over the payments of the listed households.
public struct ClosePaymentCycle: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The payment cycle (a calendar month).
    public var cycle: PaymentCycle
    /// The date of the reconciliation, after the window.
    public var closedOn: BusinessDate
    /// The households whose payments are reconciled (the cycle's caseload).
    public var households: [HouseholdID]

    /// Creates the command; each parameter sets the property of the same name.
    public init(programmeId: ProgrammeID, cycle: PaymentCycle, closedOn: BusinessDate, households: [HouseholdID]) {
        self.programmeId = programmeId
        self.cycle = cycle
        self.closedOn = closedOn
        self.households = households
    }

    /// The streams the decision reads.
    public var inputs: DecisionInputs {
        DecisionInputs(
            paymentCycles: [PaymentCycleKey(programmeId, cycle)], payments: households.map { PaymentKey(programmeId, cycle, $0) })
    }

    /// Decided by `PaymentCycleState.decide(_:payments:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.paymentCycle(programmeId, cycle).decide(self, payments: households.map { context.payment(programmeId, cycle, $0) })
    }
}
