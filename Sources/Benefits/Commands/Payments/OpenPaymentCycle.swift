import EventStore

/// Open a programme's monthly payment cycle: households enrolled on its enrolment date will be paid in its window.
public struct OpenPaymentCycle: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The payment cycle (a calendar month).
    public var cycle: PaymentCycle
    /// The date on which enrolment is read, within the month.
    public var enrolmentDate: BusinessDate
    /// First day of the payment window.
    public var windowOpensOn: BusinessDate
    /// Last day of the payment window.
    public var windowClosesOn: BusinessDate

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, cycle: PaymentCycle, enrolmentDate: BusinessDate, windowOpensOn: BusinessDate,
        windowClosesOn: BusinessDate
    ) {
        self.programmeId = programmeId
        self.cycle = cycle
        self.enrolmentDate = enrolmentDate
        self.windowOpensOn = windowOpensOn
        self.windowClosesOn = windowClosesOn
    }

    /// The streams the decision reads.
    public var inputs: DecisionInputs {
        DecisionInputs(programmes: [programmeId], paymentCycles: [PaymentCycleKey(programmeId, cycle)])
    }

    /// Decided by `PaymentCycleState.decide(_:programme:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.paymentCycle(programmeId, cycle).decide(self, programme: context.programme(programmeId))
    }
}
