import DaftarJSON
import EventStore

/// (Part of) an overpayment was recovered or waived: deducted from a later benefit (deductedInCycle), repaid, recalled
/// through the provider (recoveryRef), or waived.
///
/// Schema: `EventSchemas/overpayment-recovered.v1.json` (`OverpaymentRecovered` v1).
public struct OverpaymentRecovered: DomainEvent {
    public static let eventType = "OverpaymentRecovered"
    public static let schemaVersion = 1

    /// How it was recovered.
    public enum Method: String, JSONStringCode {
        case deductionFromBenefit
        case cashRepayment
        case providerRecall
        case waived
    }

    /// The programme.
    public var programmeId: ProgrammeID
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// Cycle of the overpaid payment.
    public var cycle: PaymentCycle
    /// The overpaid payment.
    public var paymentId: PaymentID
    /// How it was recovered.
    public var method: Method
    /// The currency of every amount in the event.
    public var currency: Currency
    /// The amount, in ledger units of `currency`.
    public var amountMinor: Int64
    /// The date of the recovery.
    public var recoveredOn: BusinessDate
    /// Cycle whose payment carried the deduction (required for deductionFromBenefit).
    public var deductedInCycle: PaymentCycle?
    /// Receipt or provider reference (required for cashRepayment and providerRecall).
    public var recoveryRef: EvidenceReference?
    /// Who decided.
    public var decidedBy: ActorID

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, householdId: HouseholdID, cycle: PaymentCycle, paymentId: PaymentID, method: Method, currency: Currency,
        amountMinor: Int64, recoveredOn: BusinessDate, deductedInCycle: PaymentCycle? = nil, recoveryRef: EvidenceReference? = nil, decidedBy: ActorID
    ) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.cycle = cycle
        self.paymentId = paymentId
        self.method = method
        self.currency = currency
        self.amountMinor = amountMinor
        self.recoveredOn = recoveredOn
        self.deductedInCycle = deductedInCycle
        self.recoveryRef = recoveryRef
        self.decidedBy = decidedBy
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        householdId = try object.required("householdId")
        cycle = try object.required("cycle")
        paymentId = try object.required("paymentId")
        method = try object.required("method")
        currency = try object.required("currency")
        amountMinor = try object.required("amountMinor")
        recoveredOn = try object.required("recoveredOn")
        deductedInCycle = try object.optional("deductedInCycle")
        recoveryRef = try object.optional("recoveryRef")
        decidedBy = try object.required("decidedBy")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("programmeId", programmeId)
        object.set("householdId", householdId)
        object.set("cycle", cycle)
        object.set("paymentId", paymentId)
        object.set("method", method)
        object.set("currency", currency)
        object.set("amountMinor", amountMinor)
        object.set("recoveredOn", recoveredOn)
        object.set("deductedInCycle", deductedInCycle)
        object.set("recoveryRef", recoveryRef)
        object.set("decidedBy", decidedBy)
        return object.json
    }

    /// The stream the event is appended to: `beneficiary-{programmeId}-{householdId}`.
    public var streamID: String { "beneficiary-\(programmeId)-\(householdId)" }
}
