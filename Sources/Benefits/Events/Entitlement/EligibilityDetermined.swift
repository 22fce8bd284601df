import DaftarJSON
import EventStore

/// The household's eligibility for the programme was determined under the eligibility rule version in force on the
/// effective date, from its latest assessment score and its members' categories. Ineligible outcomes list their reasons;
/// eligible ones list none.
///
/// Schema: `EventSchemas/eligibility-determined.v1.json` (`EligibilityDetermined` v1).
public struct EligibilityDetermined: DomainEvent {
    public static let eventType = "EligibilityDetermined"
    public static let schemaVersion = 1

    /// The determination.
    public enum Outcome: String, JSONStringCode {
        case eligible
        case ineligible
    }

    /// Why not eligible.
    public enum IneligibilityReason: String, JSONStringCode {
        case scoreAboveThreshold
        case noQualifyingCategory
        case notAssessed
        case exclusionInForce
    }

    /// The programme.
    public var programmeId: ProgrammeID
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// The eligibility rule version.
    public var ruleVersion: Int
    /// The targeting formula version.
    public var formulaVersion: Int
    /// The assessment score the rule was applied to.
    public var score: DecimalNumber
    /// The scale of the score and thresholds.
    public var scoreScale: ScoreScale
    /// The determination.
    public var outcome: Outcome
    /// Categories of the rule that the household meets.
    public var categoriesMet: [EligibilityCategory]
    /// Required when ineligible; must be absent or empty when eligible.
    public var ineligibilityReasons: [IneligibilityReason]?
    /// The business date it takes effect.
    public var effectiveOn: BusinessDate

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, householdId: HouseholdID, ruleVersion: Int, formulaVersion: Int, score: DecimalNumber, scoreScale: ScoreScale,
        outcome: Outcome, categoriesMet: [EligibilityCategory], ineligibilityReasons: [IneligibilityReason]? = nil, effectiveOn: BusinessDate
    ) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.ruleVersion = ruleVersion
        self.formulaVersion = formulaVersion
        self.score = score
        self.scoreScale = scoreScale
        self.outcome = outcome
        self.categoriesMet = categoriesMet
        self.ineligibilityReasons = ineligibilityReasons
        self.effectiveOn = effectiveOn
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        householdId = try object.required("householdId")
        ruleVersion = try object.required("ruleVersion")
        formulaVersion = try object.required("formulaVersion")
        score = try object.required("score")
        scoreScale = try object.required("scoreScale")
        outcome = try object.required("outcome")
        categoriesMet = try object.required("categoriesMet")
        ineligibilityReasons = try object.optional("ineligibilityReasons")
        effectiveOn = try object.required("effectiveOn")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("programmeId", programmeId)
        object.set("householdId", householdId)
        object.set("ruleVersion", ruleVersion)
        object.set("formulaVersion", formulaVersion)
        object.set("score", score)
        object.set("scoreScale", scoreScale)
        object.set("outcome", outcome)
        object.set("categoriesMet", categoriesMet)
        object.set("ineligibilityReasons", ineligibilityReasons)
        object.set("effectiveOn", effectiveOn)
        return object.json
    }

    /// The stream the event is appended to: `beneficiary-{programmeId}-{householdId}`.
    public var streamID: String { "beneficiary-\(programmeId)-\(householdId)" }
}
