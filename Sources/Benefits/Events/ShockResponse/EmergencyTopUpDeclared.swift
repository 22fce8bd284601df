import DaftarJSON
import EventStore

/// An emergency top-up was declared in response to a shock: an amount per member or per household for each listed cycle
/// (one cycle for a one-off grant), in the listed areas (a country, governorates or districts), for enrolled households,
/// and optionally a temporary enrolment of near-eligible households under a relaxed threshold until an end date.
///
/// Schema: `EventSchemas/emergency-top-up-declared.v1.json` (`EmergencyTopUpDeclared` v1).
public struct EmergencyTopUpDeclared: DomainEvent {
    public static let eventType = "EmergencyTopUpDeclared"
    public static let schemaVersion = 1

    /// The shock or occasion.
    public enum Shock: String, JSONStringCode {
        case flood
        case drought
        case earthquake
        case conflict
        case displacement
        case epidemic
        case economicShock
        case religiousOccasion
    }

    /// Who receives it; enrolledAndTemporary also enrols near-eligible households temporarily.
    public enum Beneficiaries: String, JSONStringCode {
        case enrolledHouseholds
        case enrolledAndTemporary
    }

    /// The temporary enrolment (required for enrolledAndTemporary).
    public struct TemporaryEnrolment: Sendable, Hashable, JSONConvertible {
        /// Households below this score (above the rule's threshold) may be enrolled temporarily.
        public var relaxedThreshold: DecimalNumber
        /// The scale of the score and thresholds.
        public var scoreScale: ScoreScale
        /// Temporary enrolments end on this date.
        public var endsOn: BusinessDate

        /// Creates the object; each parameter sets the property of the same name.
        public init(relaxedThreshold: DecimalNumber, scoreScale: ScoreScale, endsOn: BusinessDate) {
            self.relaxedThreshold = relaxedThreshold
            self.scoreScale = scoreScale
            self.endsOn = endsOn
        }

        /// Reads the payload object; see ``JSONConvertible``.
        public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
            var object = try JSONObjectReader(json, at: pointer)
            relaxedThreshold = try object.required("relaxedThreshold")
            scoreScale = try object.required("scoreScale")
            endsOn = try object.required("endsOn")
            try object.finish()
        }

        /// The payload object; optional properties that are `nil` are left out.
        public var json: JSONValue {
            var object = JSONObjectWriter()
            object.set("relaxedThreshold", relaxedThreshold)
            object.set("scoreScale", scoreScale)
            object.set("endsOn", endsOn)
            return object.json
        }
    }

    /// The programme.
    public var programmeId: ProgrammeID
    /// The emergency top-up.
    public var topUpId: TopUpID
    /// The shock or occasion.
    public var shock: Shock
    /// Whether amountMinor is per household member or per household.
    public var basis: TopUpBasis
    /// The currency of every amount in the event.
    public var currency: Currency
    /// Amount per member or per household, for each cycle.
    public var amountMinor: Int64
    /// Cycles that carry the top-up.
    public var cycles: [PaymentCycle]
    /// Areas covered: IQ for the whole country, or governorates, or districts.
    public var areas: [AreaCode]
    /// Who receives it; enrolledAndTemporary also enrols near-eligible households temporarily.
    public var beneficiaries: Beneficiaries
    /// The temporary enrolment (required for enrolledAndTemporary).
    public var temporaryEnrolment: TemporaryEnrolment?
    /// The date of the declaration.
    public var declaredOn: BusinessDate
    /// The legal instrument.
    public var legalBasis: LegalBasis

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, topUpId: TopUpID, shock: Shock, basis: TopUpBasis, currency: Currency, amountMinor: Int64, cycles: [PaymentCycle],
        areas: [AreaCode], beneficiaries: Beneficiaries, temporaryEnrolment: TemporaryEnrolment? = nil, declaredOn: BusinessDate,
        legalBasis: LegalBasis
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

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        topUpId = try object.required("topUpId")
        shock = try object.required("shock")
        basis = try object.required("basis")
        currency = try object.required("currency")
        amountMinor = try object.required("amountMinor")
        cycles = try object.required("cycles")
        areas = try object.required("areas")
        beneficiaries = try object.required("beneficiaries")
        temporaryEnrolment = try object.optional("temporaryEnrolment")
        declaredOn = try object.required("declaredOn")
        legalBasis = try object.required("legalBasis")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("programmeId", programmeId)
        object.set("topUpId", topUpId)
        object.set("shock", shock)
        object.set("basis", basis)
        object.set("currency", currency)
        object.set("amountMinor", amountMinor)
        object.set("cycles", cycles)
        object.set("areas", areas)
        object.set("beneficiaries", beneficiaries)
        object.set("temporaryEnrolment", temporaryEnrolment)
        object.set("declaredOn", declaredOn)
        object.set("legalBasis", legalBasis)
        return object.json
    }

    /// The stream the event is appended to: `programme-{programmeId}`.
    public var streamID: String { "programme-\(programmeId)" }
}
