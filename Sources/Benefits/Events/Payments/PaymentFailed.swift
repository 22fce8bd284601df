import DaftarJSON
import EventStore

/// The payment failed: card blocked, account closed or unknown, not collected within the window, payee not found,
/// rejected by the provider, or a technical error. retryable says whether it may be issued again in the same cycle.
///
/// Schema: `EventSchemas/payment-failed.v1.json` (`PaymentFailed` v1).
public struct PaymentFailed: DomainEvent {
    public static let eventType = "PaymentFailed"
    public static let schemaVersion = 1

    /// Why the payment failed.
    public enum Reason: String, JSONStringCode {
        case cardBlocked
        case accountClosed
        case accountNotFound
        case notCollectedInWindow
        case payeeNotFound
        case providerRejected
        case technicalError
    }

    /// The payment.
    public var paymentId: PaymentID
    /// The programme.
    public var programmeId: ProgrammeID
    /// The payment cycle (a calendar month).
    public var cycle: PaymentCycle
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// Why the payment failed.
    public var reason: Reason
    /// Whether the payment may be issued again in this cycle.
    public var retryable: Bool
    /// The date the payment failed.
    public var failedOn: BusinessDate
    /// The provider's reference for the transaction.
    public var providerRef: ProviderReference?

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        paymentId: PaymentID, programmeId: ProgrammeID, cycle: PaymentCycle, householdId: HouseholdID, reason: Reason, retryable: Bool,
        failedOn: BusinessDate, providerRef: ProviderReference? = nil
    ) {
        self.paymentId = paymentId
        self.programmeId = programmeId
        self.cycle = cycle
        self.householdId = householdId
        self.reason = reason
        self.retryable = retryable
        self.failedOn = failedOn
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
        retryable = try object.required("retryable")
        failedOn = try object.required("failedOn")
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
        object.set("retryable", retryable)
        object.set("failedOn", failedOn)
        object.set("providerRef", providerRef)
        return object.json
    }

    /// The stream the event is appended to: `payment-{programmeId}-{cycle}-{householdId}`.
    public var streamID: String { "payment-\(programmeId)-\(cycle)-\(householdId)" }
}
