import DaftarJSON
import EventStore

/// An eligible household was enrolled in the programme from the effective date, with its first monthly entitlement
/// computed from the benefit schedule in force and the household's composition on that date. payeePersonId is the member
/// who collects.
///
/// Schema: `EventSchemas/beneficiary-enrolled.v1.json` (`BeneficiaryEnrolled` v1).
public struct BeneficiaryEnrolled: DomainEvent {
    public static let eventType = "BeneficiaryEnrolled"
    public static let schemaVersion = 1

    /// The programme.
    public var programmeId: ProgrammeID
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// The eligibility rule version.
    public var ruleVersion: Int
    /// The benefit schedule version.
    public var scheduleVersion: Int
    /// First day of enrolment.
    public var effectiveOn: BusinessDate
    /// The member who collects the payments.
    public var payeePersonId: PersonID
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
        programmeId: ProgrammeID, householdId: HouseholdID, ruleVersion: Int, scheduleVersion: Int, effectiveOn: BusinessDate,
        payeePersonId: PersonID, headSex: Sex, householdSize: Int, currency: Currency, monthlyAmountMinor: Int64, components: [EntitlementComponent]
    ) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.ruleVersion = ruleVersion
        self.scheduleVersion = scheduleVersion
        self.effectiveOn = effectiveOn
        self.payeePersonId = payeePersonId
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
        ruleVersion = try object.required("ruleVersion")
        scheduleVersion = try object.required("scheduleVersion")
        effectiveOn = try object.required("effectiveOn")
        payeePersonId = try object.required("payeePersonId")
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
        object.set("ruleVersion", ruleVersion)
        object.set("scheduleVersion", scheduleVersion)
        object.set("effectiveOn", effectiveOn)
        object.set("payeePersonId", payeePersonId)
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
