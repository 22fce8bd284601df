import DaftarJSON
import EventStore

/// The scheduled payment was handed to a payment provider through a channel (Qi prepaid card, bank transfer, mobile
/// wallet, cash at an agent, post office) under the provider's reference.
///
/// Schema: `EventSchemas/payment-issued.v1.json` (`PaymentIssued` v1).
public struct PaymentIssued: DomainEvent {
    public static let eventType = "PaymentIssued"
    public static let schemaVersion = 1

    /// Payment channel.
    public enum Channel: String, JSONStringCode {
        case prepaidCard
        case bankTransfer
        case mobileWallet
        case cashAtAgent
        case postOffice
    }

    /// The payment.
    public var paymentId: PaymentID
    /// The programme.
    public var programmeId: ProgrammeID
    /// The payment cycle (a calendar month).
    public var cycle: PaymentCycle
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// Payment channel.
    public var channel: Channel
    /// The payment service provider.
    public var providerId: ProviderID
    /// The provider's reference for the transaction.
    public var providerRef: ProviderReference
    /// The currency of every amount in the event.
    public var currency: Currency
    /// The amount, in ledger units of `currency`.
    public var amountMinor: Int64
    /// The date the payment was issued.
    public var issuedOn: BusinessDate

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        paymentId: PaymentID, programmeId: ProgrammeID, cycle: PaymentCycle, householdId: HouseholdID, channel: Channel, providerId: ProviderID,
        providerRef: ProviderReference, currency: Currency, amountMinor: Int64, issuedOn: BusinessDate
    ) {
        self.paymentId = paymentId
        self.programmeId = programmeId
        self.cycle = cycle
        self.householdId = householdId
        self.channel = channel
        self.providerId = providerId
        self.providerRef = providerRef
        self.currency = currency
        self.amountMinor = amountMinor
        self.issuedOn = issuedOn
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        paymentId = try object.required("paymentId")
        programmeId = try object.required("programmeId")
        cycle = try object.required("cycle")
        householdId = try object.required("householdId")
        channel = try object.required("channel")
        providerId = try object.required("providerId")
        providerRef = try object.required("providerRef")
        currency = try object.required("currency")
        amountMinor = try object.required("amountMinor")
        issuedOn = try object.required("issuedOn")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("paymentId", paymentId)
        object.set("programmeId", programmeId)
        object.set("cycle", cycle)
        object.set("householdId", householdId)
        object.set("channel", channel)
        object.set("providerId", providerId)
        object.set("providerRef", providerRef)
        object.set("currency", currency)
        object.set("amountMinor", amountMinor)
        object.set("issuedOn", issuedOn)
        return object.json
    }

    /// The stream the event is appended to: `payment-{programmeId}-{cycle}-{householdId}`.
    public var streamID: String { "payment-\(programmeId)-\(cycle)-\(householdId)" }
}
