import DaftarJSON
import EventStore

/// A budget was allocated to the programme for a fiscal year (initial allocation, a supplement, or a reduction),
/// nationally or for one governorate.
///
/// Schema: `EventSchemas/budget-allocated.v1.json` (`BudgetAllocated` v1).
public struct BudgetAllocated: DomainEvent {
    public static let eventType = "BudgetAllocated"
    public static let schemaVersion = 1

    /// initial and supplementary add to the year's budget; reduction subtracts.
    public enum AllocationKind: String, JSONStringCode {
        case initial
        case supplementary
        case reduction
    }

    /// The programme.
    public var programmeId: ProgrammeID
    /// The fiscal year.
    public var fiscalYear: Int
    /// Initial and supplementary add to the year's budget; reduction subtracts.
    public var kind: AllocationKind
    /// The currency of every amount in the event.
    public var currency: Currency
    /// The amount, in ledger units of `currency`.
    public var amountMinor: Int64
    /// Present when the allocation is for one governorate; absent for the national budget.
    public var governorate: GovernorateCode?
    /// The date of the decision.
    public var decidedOn: BusinessDate
    /// Budget law or decision.
    public var decisionRef: EvidenceReference

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, fiscalYear: Int, kind: AllocationKind, currency: Currency, amountMinor: Int64, governorate: GovernorateCode? = nil,
        decidedOn: BusinessDate, decisionRef: EvidenceReference
    ) {
        self.programmeId = programmeId
        self.fiscalYear = fiscalYear
        self.kind = kind
        self.currency = currency
        self.amountMinor = amountMinor
        self.governorate = governorate
        self.decidedOn = decidedOn
        self.decisionRef = decisionRef
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        fiscalYear = try object.required("fiscalYear")
        kind = try object.required("kind")
        currency = try object.required("currency")
        amountMinor = try object.required("amountMinor")
        governorate = try object.optional("governorate")
        decidedOn = try object.required("decidedOn")
        decisionRef = try object.required("decisionRef")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("programmeId", programmeId)
        object.set("fiscalYear", fiscalYear)
        object.set("kind", kind)
        object.set("currency", currency)
        object.set("amountMinor", amountMinor)
        object.set("governorate", governorate)
        object.set("decidedOn", decidedOn)
        object.set("decisionRef", decisionRef)
        return object.json
    }

    /// The stream the event is appended to: `programme-{programmeId}`.
    public var streamID: String { "programme-\(programmeId)" }
}
