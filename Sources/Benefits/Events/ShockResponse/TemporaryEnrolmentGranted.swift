import DaftarJSON
import EventStore

/// A near-eligible household (score below the top-up's relaxed threshold, not below the rule's threshold) was enrolled
/// temporarily under an emergency top-up, with an entitlement from the schedule in force, until endsOn; it exits then
/// (BeneficiaryExited, temporaryEnrolmentEnded) unless enrolled regularly.
///
/// Schema: `EventSchemas/temporary-enrolment-granted.v1.json` (`TemporaryEnrolmentGranted` v1).
public struct TemporaryEnrolmentGranted: DomainEvent {
    public static let eventType = "TemporaryEnrolmentGranted"
    public static let schemaVersion = 1

    /// The programme.
    public var programmeId: ProgrammeID
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// The emergency top-up.
    public var topUpId: TopUpID
    /// The household's PMT score.
    public var score: DecimalNumber
    /// The scale of the score and thresholds.
    public var scoreScale: ScoreScale
    /// The relaxed PMT threshold the household was enrolled under.
    public var relaxedThreshold: DecimalNumber
    /// The benefit schedule version.
    public var scheduleVersion: Int
    /// The business date it takes effect.
    public var effectiveOn: BusinessDate
    /// Last day of the temporary enrolment.
    public var endsOn: BusinessDate
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
        programmeId: ProgrammeID, householdId: HouseholdID, topUpId: TopUpID, score: DecimalNumber, scoreScale: ScoreScale,
        relaxedThreshold: DecimalNumber, scheduleVersion: Int, effectiveOn: BusinessDate, endsOn: BusinessDate, payeePersonId: PersonID, headSex: Sex,
        householdSize: Int, currency: Currency, monthlyAmountMinor: Int64, components: [EntitlementComponent]
    ) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.topUpId = topUpId
        self.score = score
        self.scoreScale = scoreScale
        self.relaxedThreshold = relaxedThreshold
        self.scheduleVersion = scheduleVersion
        self.effectiveOn = effectiveOn
        self.endsOn = endsOn
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
        topUpId = try object.required("topUpId")
        score = try object.required("score")
        scoreScale = try object.required("scoreScale")
        relaxedThreshold = try object.required("relaxedThreshold")
        scheduleVersion = try object.required("scheduleVersion")
        effectiveOn = try object.required("effectiveOn")
        endsOn = try object.required("endsOn")
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
        object.set("topUpId", topUpId)
        object.set("score", score)
        object.set("scoreScale", scoreScale)
        object.set("relaxedThreshold", relaxedThreshold)
        object.set("scheduleVersion", scheduleVersion)
        object.set("effectiveOn", effectiveOn)
        object.set("endsOn", endsOn)
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
