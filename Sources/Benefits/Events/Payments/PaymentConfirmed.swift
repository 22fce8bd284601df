import DaftarJSON

/// The provider confirmed that the payee received the payment (card credited and collected, transfer settled), at a UTC
/// instant.
///
/// Schema: `EventSchemas/payment-confirmed.v1.json` (`PaymentConfirmed` v1).
public struct PaymentConfirmed: DomainEvent {
    public static let eventType = "PaymentConfirmed"
    public static let schemaVersion = 1

    /// The payment.
    public var paymentId: PaymentID
    /// The programme.
    public var programmeId: ProgrammeID
    /// The payment cycle (a calendar month).
    public var cycle: PaymentCycle
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// The provider's reference for the transaction.
    public var providerRef: ProviderReference
    /// The currency of every amount in the event.
    public var currency: Currency
    /// The amount, in ledger units of `currency`.
    public var amountMinor: Int64
    /// When the provider confirmed, UTC.
    public var confirmedAt: UTCTimestamp

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        paymentId: PaymentID, programmeId: ProgrammeID, cycle: PaymentCycle, householdId: HouseholdID, providerRef: ProviderReference,
        currency: Currency, amountMinor: Int64, confirmedAt: UTCTimestamp
    ) {
        self.paymentId = paymentId
        self.programmeId = programmeId
        self.cycle = cycle
        self.householdId = householdId
        self.providerRef = providerRef
        self.currency = currency
        self.amountMinor = amountMinor
        self.confirmedAt = confirmedAt
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        paymentId = try object.required("paymentId")
        programmeId = try object.required("programmeId")
        cycle = try object.required("cycle")
        householdId = try object.required("householdId")
        providerRef = try object.required("providerRef")
        currency = try object.required("currency")
        amountMinor = try object.required("amountMinor")
        confirmedAt = try object.required("confirmedAt")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("paymentId", paymentId)
        object.set("programmeId", programmeId)
        object.set("cycle", cycle)
        object.set("householdId", householdId)
        object.set("providerRef", providerRef)
        object.set("currency", currency)
        object.set("amountMinor", amountMinor)
        object.set("confirmedAt", confirmedAt)
        return object.json
    }

    /// The stream the event is appended to: `payment-{programmeId}-{cycle}-{householdId}`.
    public var streamID: String { "payment-\(programmeId)-\(cycle)-\(householdId)" }
}
