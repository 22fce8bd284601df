/// The folded states a decision reads, keyed by what they are about.
///
/// A stream that was not read, or is empty, gives the initial state of its aggregate (an
/// unregistered ``Household``, an undefined ``Programme`` …), so a decision refuses it as unknown.
public struct DecisionContext: Sendable {
    /// Households by id.
    public var households: [HouseholdID: Household]
    /// Programmes by id.
    public var programmes: [ProgrammeID: Programme]
    /// Beneficiaries by programme and household.
    public var beneficiaries: [BeneficiaryKey: Beneficiary]
    /// Payment cycles by programme and month.
    public var paymentCycles: [PaymentCycleKey: PaymentCycleState]
    /// Payments by programme, month and household.
    public var payments: [PaymentKey: Payment]
    /// Cross-match runs by id.
    public var crossMatchRuns: [CrossMatchRunID: CrossMatchRun]

    /// Creates a context; each parameter sets the property of the same name.
    public init(
        households: [HouseholdID: Household] = [:], programmes: [ProgrammeID: Programme] = [:],
        beneficiaries: [BeneficiaryKey: Beneficiary] = [:], paymentCycles: [PaymentCycleKey: PaymentCycleState] = [:],
        payments: [PaymentKey: Payment] = [:], crossMatchRuns: [CrossMatchRunID: CrossMatchRun] = [:]
    ) {
        self.households = households
        self.programmes = programmes
        self.beneficiaries = beneficiaries
        self.paymentCycles = paymentCycles
        self.payments = payments
        self.crossMatchRuns = crossMatchRuns
    }

    /// The household, or an unregistered one.
    public func household(_ id: HouseholdID) -> Household { households[id] ?? Household() }

    /// The programme, or an undefined one.
    public func programme(_ id: ProgrammeID) -> Programme { programmes[id] ?? Programme() }

    /// The household's life in the programme, or one with no events yet.
    public func beneficiary(_ programmeId: ProgrammeID, _ householdId: HouseholdID) -> Beneficiary {
        beneficiaries[BeneficiaryKey(programmeId, householdId)] ?? Beneficiary()
    }

    /// The payment cycle, or one not yet opened.
    public func paymentCycle(_ programmeId: ProgrammeID, _ cycle: PaymentCycle) -> PaymentCycleState {
        paymentCycles[PaymentCycleKey(programmeId, cycle)] ?? PaymentCycleState()
    }

    /// The payment, or one not yet scheduled.
    public func payment(_ programmeId: ProgrammeID, _ cycle: PaymentCycle, _ householdId: HouseholdID) -> Payment {
        payments[PaymentKey(programmeId, cycle, householdId)] ?? Payment()
    }

    /// The cross-match run, or one not recorded.
    public func crossMatchRun(_ id: CrossMatchRunID) -> CrossMatchRun { crossMatchRuns[id] ?? CrossMatchRun() }

    /// The household's scheduled payments in the programme with their cycles, in cycle order.
    /// - Parameters:
    ///   - programmeId: the programme.
    ///   - householdId: the household.
    /// - Returns: every loaded payment of the household that was scheduled.
    public func paymentHistory(_ programmeId: ProgrammeID, _ householdId: HouseholdID) -> [CyclePayment] {
        payments.filter { $0.key.programmeId == programmeId && $0.key.householdId == householdId && $0.value.isScheduled }
            .sorted { $0.key.cycle < $1.key.cycle }
            .map { CyclePayment(cycle: paymentCycle(programmeId, $0.key.cycle), payment: $0.value) }
    }
}
