import EventStore

/// Record that (part of) a cycle's overpayment was deducted, repaid, recalled or waived.
public struct RecordOverpaymentRecovery: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The household.
    public var householdId: HouseholdID
    /// Cycle of the overpaid payment.
    public var cycle: PaymentCycle
    /// How it was recovered.
    public var method: OverpaymentRecovered.Method
    /// The currency.
    public var currency: Currency
    /// The amount recovered, in ledger units.
    public var amountMinor: Int64
    /// The date of the recovery.
    public var recoveredOn: BusinessDate
    /// Cycle whose payment carried the deduction.
    public var deductedInCycle: PaymentCycle?
    /// Receipt or provider reference.
    public var recoveryRef: EvidenceReference?
    /// Who decided.
    public var decidedBy: ActorID

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, householdId: HouseholdID, cycle: PaymentCycle, method: OverpaymentRecovered.Method, currency: Currency,
        amountMinor: Int64, recoveredOn: BusinessDate, deductedInCycle: PaymentCycle? = nil, recoveryRef: EvidenceReference? = nil,
        decidedBy: ActorID
    ) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.cycle = cycle
        self.method = method
        self.currency = currency
        self.amountMinor = amountMinor
        self.recoveredOn = recoveredOn
        self.deductedInCycle = deductedInCycle
        self.recoveryRef = recoveryRef
        self.decidedBy = decidedBy
    }

    /// The streams the decision reads.
    public var inputs: DecisionInputs {
        DecisionInputs(beneficiaries: [BeneficiaryKey(programmeId, householdId)])
    }

    /// Decided by `Beneficiary.decide(_:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.beneficiary(programmeId, householdId).decide(self)
    }
}
