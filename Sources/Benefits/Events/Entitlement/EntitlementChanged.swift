import DaftarJSON
import EventStore

/// The household's monthly entitlement changed from the effective date: a new schedule, a change in composition or head,
/// a reassessment or a correction. Gives the new total and its components (a capAdjustment component, <= 0, brings a
/// total above the cap down to it).
///
/// Schema: `EventSchemas/entitlement-changed.v1.json` (`EntitlementChanged` v1).
public struct EntitlementChanged: DomainEvent {
    public static let eventType = "EntitlementChanged"
    public static let schemaVersion = 1

    /// What changed the entitlement.
    public enum Cause: String, JSONStringCode {
        case scheduleChanged
        case compositionChanged
        case headChanged
        case reassessment
        case correction
    }

    /// The programme.
    public var programmeId: ProgrammeID
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// The benefit schedule version.
    public var scheduleVersion: Int
    /// The business date it takes effect.
    public var effectiveOn: BusinessDate
    /// What changed the entitlement.
    public var cause: Cause
    /// The monthly entitlement before the change, in ledger units.
    public var previousMonthlyAmountMinor: Int64
    /// Sex of the head on the effective date (selects the row of the size table).
    public var headSex: Sex
    /// Members on the effective date.
    public var householdSize: Int
    /// The currency of every amount in the event.
    public var currency: Currency
    /// Monthly entitlement: the sum of the components.
    public var monthlyAmountMinor: Int64
    /// The entitlement's components; their amounts add up to `monthlyAmountMinor`.
    public var components: [EntitlementComponent]

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, householdId: HouseholdID, scheduleVersion: Int, effectiveOn: BusinessDate, cause: Cause,
        previousMonthlyAmountMinor: Int64, headSex: Sex, householdSize: Int, currency: Currency, monthlyAmountMinor: Int64,
        components: [EntitlementComponent]
    ) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.scheduleVersion = scheduleVersion
        self.effectiveOn = effectiveOn
        self.cause = cause
        self.previousMonthlyAmountMinor = previousMonthlyAmountMinor
        self.headSex = headSex
        self.householdSize = householdSize
        self.currency = currency
        self.monthlyAmountMinor = monthlyAmountMinor
        self.components = components
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        householdId = try object.required("householdId")
        scheduleVersion = try object.required("scheduleVersion")
        effectiveOn = try object.required("effectiveOn")
        cause = try object.required("cause")
        previousMonthlyAmountMinor = try object.required("previousMonthlyAmountMinor")
        headSex = try object.required("headSex")
        householdSize = try object.required("householdSize")
        currency = try object.required("currency")
        monthlyAmountMinor = try object.required("monthlyAmountMinor")
        components = try object.required("components")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("programmeId", programmeId)
        object.set("householdId", householdId)
        object.set("scheduleVersion", scheduleVersion)
        object.set("effectiveOn", effectiveOn)
        object.set("cause", cause)
        object.set("previousMonthlyAmountMinor", previousMonthlyAmountMinor)
        object.set("headSex", headSex)
        object.set("householdSize", householdSize)
        object.set("currency", currency)
        object.set("monthlyAmountMinor", monthlyAmountMinor)
        object.set("components", components)
        return object.json
    }

    /// The stream the event is appended to: `beneficiary-{programmeId}-{householdId}`.
    public var streamID: String { "beneficiary-\(programmeId)-\(householdId)" }
}
