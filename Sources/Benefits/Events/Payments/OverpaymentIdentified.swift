import DaftarJSON
import EventStore

/// A payment for one cycle was found to be (partly) undue: a retroactive exclusion or entitlement decrease, a payment
/// after death, a duplicate, fraud. One event per overpaid cycle; a retroactive exclusion gives the exclusion's effective
/// date.
///
/// Schema: `EventSchemas/overpayment-identified.v1.json` (`OverpaymentIdentified` v1).
public struct OverpaymentIdentified: DomainEvent {
    public static let eventType = "OverpaymentIdentified"
    public static let schemaVersion = 1

    /// Why the payment was undue.
    public enum Cause: String, JSONStringCode {
        case retroactiveExclusion
        case retroactiveEntitlementDecrease
        case paymentAfterDeath
        case duplicatePayment
        case fraud
    }

    /// The programme.
    public var programmeId: ProgrammeID
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// The payment cycle (a calendar month).
    public var cycle: PaymentCycle
    /// The payment.
    public var paymentId: PaymentID
    /// Why the payment was undue.
    public var cause: Cause
    /// The currency of every amount in the event.
    public var currency: Currency
    /// The undue amount.
    public var amountMinor: Int64
    /// The date the overpayment was identified.
    public var identifiedOn: BusinessDate
    /// Effective date of the retroactive exclusion (required for retroactiveExclusion).
    public var exclusionEffectiveOn: BusinessDate?
    /// The evidence, kept outside the ledger.
    public var evidenceRef: EvidenceReference?

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, householdId: HouseholdID, cycle: PaymentCycle, paymentId: PaymentID, cause: Cause, currency: Currency,
        amountMinor: Int64, identifiedOn: BusinessDate, exclusionEffectiveOn: BusinessDate? = nil, evidenceRef: EvidenceReference? = nil
    ) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.cycle = cycle
        self.paymentId = paymentId
        self.cause = cause
        self.currency = currency
        self.amountMinor = amountMinor
        self.identifiedOn = identifiedOn
        self.exclusionEffectiveOn = exclusionEffectiveOn
        self.evidenceRef = evidenceRef
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        householdId = try object.required("householdId")
        cycle = try object.required("cycle")
        paymentId = try object.required("paymentId")
        cause = try object.required("cause")
        currency = try object.required("currency")
        amountMinor = try object.required("amountMinor")
        identifiedOn = try object.required("identifiedOn")
        exclusionEffectiveOn = try object.optional("exclusionEffectiveOn")
        evidenceRef = try object.optional("evidenceRef")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("programmeId", programmeId)
        object.set("householdId", householdId)
        object.set("cycle", cycle)
        object.set("paymentId", paymentId)
        object.set("cause", cause)
        object.set("currency", currency)
        object.set("amountMinor", amountMinor)
        object.set("identifiedOn", identifiedOn)
        object.set("exclusionEffectiveOn", exclusionEffectiveOn)
        object.set("evidenceRef", evidenceRef)
        return object.json
    }

    /// The stream the event is appended to: `beneficiary-{programmeId}-{householdId}`.
    public var streamID: String { "beneficiary-\(programmeId)-\(householdId)" }
}
