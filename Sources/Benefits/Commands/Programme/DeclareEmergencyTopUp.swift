import EventStore

/// Declare an emergency top-up in response to a shock: an amount per member or per household for
/// listed cycles in listed areas, optionally with temporary enrolment under a relaxed threshold.
public struct DeclareEmergencyTopUp: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The top-up.
    public var topUpId: TopUpID
    /// The shock or occasion.
    public var shock: EmergencyTopUpDeclared.Shock
    /// Per member or per household.
    public var basis: TopUpBasis
    /// The currency: the programme's.
    public var currency: Currency
    /// Amount per member or household, per cycle.
    public var amountMinor: Int64
    /// Cycles that carry it.
    public var cycles: [PaymentCycle]
    /// Areas covered: the country, governorates or districts.
    public var areas: [AreaCode]
    /// Enrolled households only, or also temporary enrolment.
    public var beneficiaries: EmergencyTopUpDeclared.Beneficiaries
    /// The relaxed threshold and end date of temporary enrolment.
    public var temporaryEnrolment: EmergencyTopUpDeclared.TemporaryEnrolment?
    /// The date of the declaration.
    public var declaredOn: BusinessDate
    /// The legal instrument.
    public var legalBasis: LegalBasis

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, topUpId: TopUpID, shock: EmergencyTopUpDeclared.Shock, basis: TopUpBasis, currency: Currency,
        amountMinor: Int64, cycles: [PaymentCycle], areas: [AreaCode], beneficiaries: EmergencyTopUpDeclared.Beneficiaries = .enrolledHouseholds,
        temporaryEnrolment: EmergencyTopUpDeclared.TemporaryEnrolment? = nil, declaredOn: BusinessDate, legalBasis: LegalBasis
    ) {
        self.programmeId = programmeId
        self.topUpId = topUpId
        self.shock = shock
        self.basis = basis
        self.currency = currency
        self.amountMinor = amountMinor
        self.cycles = cycles
        self.areas = areas
        self.beneficiaries = beneficiaries
        self.temporaryEnrolment = temporaryEnrolment
        self.declaredOn = declaredOn
        self.legalBasis = legalBasis
    }

    /// The programme's stream.
    public var inputs: DecisionInputs { DecisionInputs(programmes: [programmeId]) }

    /// Decided by `Programme.decide(_:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.programme(programmeId).decide(self)
    }
}
