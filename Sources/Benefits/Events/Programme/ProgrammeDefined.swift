import DaftarJSON
import EventStore

/// A cash-transfer programme was defined: country, kind, currency, payment frequency (monthly cycles in the programme's
/// time zone), legal basis, start date and the objection window. Opens the programme stream.
///
/// Schema: `EventSchemas/programme-defined.v1.json` (`ProgrammeDefined` v1).
public struct ProgrammeDefined: DomainEvent {
    public static let eventType = "ProgrammeDefined"
    public static let schemaVersion = 1

    /// Kind of programme.
    public enum ProgrammeKind: String, JSONStringCode {
        case unconditionalCashTransfer
        case conditionalCashTransfer
        case emergencyCashTransfer
        case socialPension
        case disabilityAllowance
    }

    /// How often payment cycles run; Iraq's SPN pays monthly.
    public enum PaymentFrequency: String, JSONStringCode {
        case monthly
        case bimonthly
        case quarterly
    }

    /// IANA time zone in which cycles and business dates are reckoned.
    public enum TimeZoneID: String, JSONStringCode {
        case baghdad = "Asia/Baghdad"
        case damascus = "Asia/Damascus"
        case amman = "Asia/Amman"
        case cairo = "Africa/Cairo"
        case beirut = "Asia/Beirut"
        case tunis = "Africa/Tunis"
        case casablanca = "Africa/Casablanca"
        case utc = "UTC"
    }

    /// The programme.
    public var programmeId: ProgrammeID
    /// The country (ISO 3166-1 alpha-2).
    public var country: CountryCode
    /// Kind of programme.
    public var programmeKind: ProgrammeKind
    /// The currency of every amount in the event.
    public var currency: Currency
    /// How often payment cycles run; Iraq's SPN pays monthly.
    public var paymentFrequency: PaymentFrequency
    /// IANA time zone in which cycles and business dates are reckoned.
    public var timeZone: TimeZoneID
    /// The legal instrument.
    public var legalBasis: LegalBasis
    /// The date the programme starts.
    public var startsOn: BusinessDate
    /// Months from notification within which an exclusion may be appealed (Iraq: 1).
    public var objectionWindowMonths: Int

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, country: CountryCode, programmeKind: ProgrammeKind, currency: Currency, paymentFrequency: PaymentFrequency,
        timeZone: TimeZoneID, legalBasis: LegalBasis, startsOn: BusinessDate, objectionWindowMonths: Int
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

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        country = try object.required("country")
        programmeKind = try object.required("programmeKind")
        currency = try object.required("currency")
        paymentFrequency = try object.required("paymentFrequency")
        timeZone = try object.required("timeZone")
        legalBasis = try object.required("legalBasis")
        startsOn = try object.required("startsOn")
        objectionWindowMonths = try object.required("objectionWindowMonths")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("programmeId", programmeId)
        object.set("country", country)
        object.set("programmeKind", programmeKind)
        object.set("currency", currency)
        object.set("paymentFrequency", paymentFrequency)
        object.set("timeZone", timeZone)
        object.set("legalBasis", legalBasis)
        object.set("startsOn", startsOn)
        object.set("objectionWindowMonths", objectionWindowMonths)
        return object.json
    }

    /// The stream the event is appended to: `programme-{programmeId}`.
    public var streamID: String { "programme-\(programmeId)" }
}
