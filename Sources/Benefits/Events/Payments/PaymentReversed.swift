import DaftarJSON
import EventStore

/// An issued payment was reversed (recalled or cancelled): issued in error, duplicate, payee deceased, recalled by the
/// provider, fraud confirmed.
///
/// Schema: `EventSchemas/payment-reversed.v1.json` (`PaymentReversed` v1).
public struct PaymentReversed: DomainEvent {
    public static let eventType = "PaymentReversed"
    public static let schemaVersion = 1

    /// Why the payment was reversed.
    public enum Reason: String, JSONStringCode {
        case issuedInError
        case duplicatePayment
        case payeeDeceased
        case providerRecall
        case fraudConfirmed
    }

    /// The payment.
    public var paymentId: PaymentID
    /// The programme.
    public var programmeId: ProgrammeID
    /// The payment cycle (a calendar month).
    public var cycle: PaymentCycle
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// Why the payment was reversed.
    public var reason: Reason
    /// The currency of every amount in the event.
    public var currency: Currency
    /// The amount, in ledger units of `currency`.
    public var amountMinor: Int64
    /// The date of the reversal.
    public var reversedOn: BusinessDate
    /// Who decided.
    public var decidedBy: ActorID
    /// The provider's reference for the transaction.
    public var providerRef: ProviderReference?

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        paymentId: PaymentID, programmeId: ProgrammeID, cycle: PaymentCycle, householdId: HouseholdID, reason: Reason, currency: Currency,
        amountMinor: Int64, reversedOn: BusinessDate, decidedBy: ActorID, providerRef: ProviderReference? = nil
    ) {
        self.paymentId = paymentId
        self.programmeId = programmeId
        self.cycle = cycle
        self.householdId = householdId
        self.reason = reason
        self.currency = currency
        self.amountMinor = amountMinor
        self.reversedOn = reversedOn
        self.decidedBy = decidedBy
        self.providerRef = providerRef
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        paymentId = try object.required("paymentId")
        programmeId = try object.required("programmeId")
        cycle = try object.required("cycle")
        householdId = try object.required("householdId")
        reason = try object.required("reason")
        currency = try object.required("currency")
        amountMinor = try object.required("amountMinor")
        reversedOn = try object.required("reversedOn")
        decidedBy = try object.required("decidedBy")
        providerRef = try object.optional("providerRef")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("paymentId", paymentId)
        object.set("programmeId", programmeId)
        object.set("cycle", cycle)
        object.set("householdId", householdId)
        object.set("reason", reason)
        object.set("currency", currency)
        object.set("amountMinor", amountMinor)
        object.set("reversedOn", reversedOn)
        object.set("decidedBy", decidedBy)
        object.set("providerRef", providerRef)
        return object.json
    }

    /// The stream the event is appended to: `payment-{programmeId}-{cycle}-{householdId}`.
    public var streamID: String { "payment-\(programmeId)-\(cycle)-\(householdId)" }
}
