import EventStore

/// Allocate, supplement or reduce a fiscal year's budget, nationally or for one governorate.
public struct AllocateBudget: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The fiscal year.
    public var fiscalYear: Int
    /// Initial and supplementary add; reduction subtracts.
    public var kind: BudgetAllocated.AllocationKind
    /// The currency: the programme's.
    public var currency: Currency
    /// The amount, positive.
    public var amountMinor: Int64
    /// The governorate, or `nil` for the national budget.
    public var governorate: GovernorateCode?
    /// The date of the decision.
    public var decidedOn: BusinessDate
    /// Budget law or decision.
    public var decisionRef: EvidenceReference

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, fiscalYear: Int, kind: BudgetAllocated.AllocationKind, currency: Currency, amountMinor: Int64,
        governorate: GovernorateCode? = nil, decidedOn: BusinessDate, decisionRef: EvidenceReference
    ) {
        self.programmeId = programmeId
        self.fiscalYear = fiscalYear
        self.kind = kind
        self.currency = currency
        self.amountMinor = amountMinor
        self.governorate = governorate
        self.decidedOn = decidedOn
        self.decisionRef = decisionRef
    }

    /// The programme's stream.
    public var inputs: DecisionInputs { DecisionInputs(programmes: [programmeId]) }

    /// Decided by `Programme.decide(_:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.programme(programmeId).decide(self)
    }
}
