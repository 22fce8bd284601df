import EventStore

/// Schedule a cycle's payments for a programme's caseload: one payment per listed household paid on
/// the cycle's enrolment date; households already paid in the cycle, or not paid on that date, are
/// skipped with the reason. ``Ledger/schedulePayments(_:metadata:idempotencyKey:)`` appends the
/// payments with the store's bulk append.
///
/// The candidates come from the caller (the eligibility read model's enrolled households): the
/// decision pays only those it finds enrolled, and never twice.
public struct SchedulePayments: Sendable, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The payment cycle.
    public var cycle: PaymentCycle
    /// The candidate households.
    public var households: [HouseholdID]

    /// Creates the command; each parameter sets the property of the same name.
    public init(programmeId: ProgrammeID, cycle: PaymentCycle, households: [HouseholdID]) {
        self.programmeId = programmeId
        self.cycle = cycle
        self.households = households
    }

    /// The single-household command for one candidate.
    /// - Parameter householdId: the household.
    /// - Returns: the command.
    public func payment(for householdId: HouseholdID) -> SchedulePayment {
        SchedulePayment(programmeId: programmeId, cycle: cycle, householdId: householdId)
    }

    /// Decides the run: ``Payment/decide(_:cycle:beneficiary:)`` for each candidate, once per household.
    /// - Parameters:
    ///   - cycle: the payment cycle.
    ///   - candidates: each household with its beneficiary record and its payment in the cycle.
    /// - Returns: the payments to schedule and the households skipped.
    /// - Throws: ``DomainRejection`` `unknown_cycle` or `cycle_closed`, which stop the whole run.
    public func decide(cycle: PaymentCycleState, candidates: [(householdId: HouseholdID, beneficiary: Beneficiary, payment: Payment)])
        throws(DomainRejection) -> CaseloadDecision<PaymentScheduled>
    {
        _ = try cycle.requireOpen(self.cycle)
        var result = CaseloadDecision<PaymentScheduled>()
        var seen = Set<HouseholdID>()
        for candidate in candidates where seen.insert(candidate.householdId).inserted {
            do {
                let events = try candidate.payment.decide(payment(for: candidate.householdId), cycle: cycle, beneficiary: candidate.beneficiary)
                result.decided += events.compactMap { $0 as? PaymentScheduled }
            } catch {
                result.skipped.append(.init(householdId: candidate.householdId, rejection: error))
            }
        }
        return result
    }
}
