import EventStore

/// Define a cash-transfer programme: country, kind, currency, cycles, time zone, legal basis, start and objection window.
public struct DefineProgramme: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The country (ISO 3166-1 alpha-2).
    public var country: CountryCode
    /// Kind of programme.
    public var programmeKind: ProgrammeDefined.ProgrammeKind
    /// The currency of every amount.
    public var currency: Currency
    /// How often payment cycles run.
    public var paymentFrequency: ProgrammeDefined.PaymentFrequency
    /// Time zone of cycles and business dates.
    public var timeZone: ProgrammeDefined.TimeZoneID
    /// The legal instrument.
    public var legalBasis: LegalBasis
    /// The date the programme starts.
    public var startsOn: BusinessDate
    /// Months from notification within which an exclusion may be appealed.
    public var objectionWindowMonths: Int

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, country: CountryCode, programmeKind: ProgrammeDefined.ProgrammeKind = .unconditionalCashTransfer,
        currency: Currency, paymentFrequency: ProgrammeDefined.PaymentFrequency = .monthly, timeZone: ProgrammeDefined.TimeZoneID,
        legalBasis: LegalBasis, startsOn: BusinessDate, objectionWindowMonths: Int
    ) {
        self.programmeId = programmeId
        self.country = country
        self.programmeKind = programmeKind
        self.currency = currency
        self.paymentFrequency = paymentFrequency
        self.timeZone = timeZone
        self.legalBasis = legalBasis
        self.startsOn = startsOn
        self.objectionWindowMonths = objectionWindowMonths
    }

    /// The programme's stream.
    public var inputs: DecisionInputs { DecisionInputs(programmes: [programmeId]) }

    /// Decided by `Programme.decide(_:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.programme(programmeId).decide(self)
    }
}
