import DaftarJSON
import EventStore

/// A monthly payment cycle was opened. Households enrolled, and neither suspended nor excluded, on enrolmentDate get one
/// payment each (the payment stream of a household and cycle can be created only once). Payments are issued between
/// windowOpensOn and windowClosesOn.
///
/// Schema: `EventSchemas/payment-cycle-opened.v1.json` (`PaymentCycleOpened` v1).
public struct PaymentCycleOpened: DomainEvent {
    public static let eventType = "PaymentCycleOpened"
    public static let schemaVersion = 1

    /// The programme.
    public var programmeId: ProgrammeID
    /// The payment cycle (a calendar month).
    public var cycle: PaymentCycle
    /// The currency of every amount in the event.
    public var currency: Currency
    /// The date on which enrolment is read.
    public var enrolmentDate: BusinessDate
    /// The first day of the payment window.
    public var windowOpensOn: BusinessDate
    /// The last day of the payment window.
    public var windowClosesOn: BusinessDate

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, cycle: PaymentCycle, currency: Currency, enrolmentDate: BusinessDate, windowOpensOn: BusinessDate,
        windowClosesOn: BusinessDate
    ) {
        self.programmeId = programmeId
        self.cycle = cycle
        self.currency = currency
        self.enrolmentDate = enrolmentDate
        self.windowOpensOn = windowOpensOn
        self.windowClosesOn = windowClosesOn
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        cycle = try object.required("cycle")
        currency = try object.required("currency")
        enrolmentDate = try object.required("enrolmentDate")
        windowOpensOn = try object.required("windowOpensOn")
        windowClosesOn = try object.required("windowClosesOn")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("programmeId", programmeId)
        object.set("cycle", cycle)
        object.set("currency", currency)
        object.set("enrolmentDate", enrolmentDate)
        object.set("windowOpensOn", windowOpensOn)
        object.set("windowClosesOn", windowClosesOn)
        return object.json
    }

    /// The stream the event is appended to: `payment-cycle-{programmeId}-{cycle}`.
    public var streamID: String { "payment-cycle-\(programmeId)-\(cycle)" }
}
