import EventStore

/// Schedule one household's payment in a cycle: the entitlement in force on the cycle's enrolment date and the top-ups
/// granted for the cycle. At most once per household and cycle.
public struct SchedulePayment: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The payment cycle (a calendar month).
    public var cycle: PaymentCycle
    /// The household.
    public var householdId: HouseholdID

    /// Creates the command; each parameter sets the property of the same name.
    public init(programmeId: ProgrammeID, cycle: PaymentCycle, householdId: HouseholdID) {
        self.programmeId = programmeId
        self.cycle = cycle
        self.householdId = householdId
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
