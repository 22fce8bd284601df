import DaftarJSON
import EventStore

/// An emergency top-up was granted to an enrolled (or temporarily enrolled) household in a declared area:
/// amountPerCycleMinor (amount x memberCount for perMember, the amount for perHousehold) for each listed cycle, paid as
/// the emergencyTopUp or oneOffGrant component of those cycles' payments.
///
/// Schema: `EventSchemas/top-up-granted.v1.json` (`TopUpGranted` v1).
public struct TopUpGranted: DomainEvent {
    public static let eventType = "TopUpGranted"
    public static let schemaVersion = 1

    /// The programme.
    public var programmeId: ProgrammeID
    /// The emergency top-up.
    public var topUpId: TopUpID
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// As declared.
    public var basis: TopUpBasis
    /// Members counted (required for perMember).
    public var memberCount: Int?
    /// The currency of every amount in the event.
    public var currency: Currency
    /// The amount granted per cycle, in ledger units of `currency`.
    public var amountPerCycleMinor: Int64
    /// Cycles that carry the top-up for this household.
    public var cycles: [PaymentCycle]
    /// The date of the grant.
    public var grantedOn: BusinessDate

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, topUpId: TopUpID, householdId: HouseholdID, basis: TopUpBasis, memberCount: Int? = nil, currency: Currency,
        amountPerCycleMinor: Int64, cycles: [PaymentCycle], grantedOn: BusinessDate
    ) {
        self.programmeId = programmeId
        self.topUpId = topUpId
        self.householdId = householdId
        self.basis = basis
        self.memberCount = memberCount
        self.currency = currency
        self.amountPerCycleMinor = amountPerCycleMinor
        self.cycles = cycles
        self.grantedOn = grantedOn
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        topUpId = try object.required("topUpId")
        householdId = try object.required("householdId")
        basis = try object.required("basis")
        memberCount = try object.optional("memberCount")
        currency = try object.required("currency")
        amountPerCycleMinor = try object.required("amountPerCycleMinor")
        cycles = try object.required("cycles")
        grantedOn = try object.required("grantedOn")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("programmeId", programmeId)
        object.set("topUpId", topUpId)
        object.set("householdId", householdId)
        object.set("basis", basis)
        object.set("memberCount", memberCount)
        object.set("currency", currency)
        object.set("amountPerCycleMinor", amountPerCycleMinor)
        object.set("cycles", cycles)
        object.set("grantedOn", grantedOn)
        return object.json
    }

    /// The stream the event is appended to: `beneficiary-{programmeId}-{householdId}`.
    public var streamID: String { "beneficiary-\(programmeId)-\(householdId)" }
}
