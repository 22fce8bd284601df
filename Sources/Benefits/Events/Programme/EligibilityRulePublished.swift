import DaftarJSON
import EventStore

/// A version of the programme's eligibility rule was published, in force from a date: a PMT threshold on a formula's
/// score (eligible when the score is below it) combined with the categorical criteria of the law (Law 11/2014 for Iraq's
/// SPN). combination says how: pmtOnly, pmtAndCategory (below the threshold and in at least one category; Law 11/2014:
/// all must be below the poverty line) or pmtOrCategory.
///
/// Schema: `EventSchemas/eligibility-rule-published.v1.json` (`EligibilityRulePublished` v1).
public struct EligibilityRulePublished: DomainEvent {
    public static let eventType = "EligibilityRulePublished"
    public static let schemaVersion = 1

    /// How the threshold and the categories combine.
    public enum Combination: String, JSONStringCode {
        case pmtOnly
        case pmtAndCategory
        case pmtOrCategory
    }

    /// One categorical criterion. singleWoman and elderlyUnableToWork need minAge (Law 11/2014: 35 and 60); orphan needs
    /// maxAge (under which a person counts as an orphan, e.g. 18).
    public struct Criterion: Sendable, Hashable, JSONConvertible {
        /// The Law 11/2014 category.
        public var category: EligibilityCategory
        /// The lowest age that qualifies.
        public var minAge: Int?
        /// The highest age that qualifies.
        public var maxAge: Int?

        /// Creates the object; each parameter sets the property of the same name.
        public init(category: EligibilityCategory, minAge: Int? = nil, maxAge: Int? = nil) {
            self.category = category
            self.minAge = minAge
            self.maxAge = maxAge
        }

        /// Reads the payload object; see ``JSONConvertible``.
        public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
            var object = try JSONObjectReader(json, at: pointer)
            category = try object.required("category")
            minAge = try object.optional("minAge")
            maxAge = try object.optional("maxAge")
            try object.finish()
        }

        /// The payload object; optional properties that are `nil` are left out.
        public var json: JSONValue {
            var object = JSONObjectWriter()
            object.set("category", category)
            object.set("minAge", minAge)
            object.set("maxAge", maxAge)
            return object.json
        }
    }

    /// The programme.
    public var programmeId: ProgrammeID
    /// The eligibility rule version.
    public var ruleVersion: Int
    /// First date on which eligibility is determined under this version.
    public var effectiveFrom: BusinessDate
    /// The legal instrument.
    public var legalBasis: LegalBasis
    /// Targeting formula whose score the threshold applies to.
    public var formulaVersion: Int
    /// The scale of the score and thresholds.
    public var scoreScale: ScoreScale
    /// Eligible when the score is strictly below this value (ln(137000) = 11.827736 for the 2024 poverty line).
    public var pmtThreshold: DecimalNumber
    /// How the threshold and the categories combine.
    public var combination: Combination
    /// Categorical criteria: empty for pmtOnly, at least one otherwise.
    public var categories: [Criterion]

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, ruleVersion: Int, effectiveFrom: BusinessDate, legalBasis: LegalBasis, formulaVersion: Int, scoreScale: ScoreScale,
        pmtThreshold: DecimalNumber, combination: Combination, categories: [Criterion]
    ) {
        self.programmeId = programmeId
        self.ruleVersion = ruleVersion
        self.effectiveFrom = effectiveFrom
        self.legalBasis = legalBasis
        self.formulaVersion = formulaVersion
        self.scoreScale = scoreScale
        self.pmtThreshold = pmtThreshold
        self.combination = combination
        self.categories = categories
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        ruleVersion = try object.required("ruleVersion")
        effectiveFrom = try object.required("effectiveFrom")
        legalBasis = try object.required("legalBasis")
        formulaVersion = try object.required("formulaVersion")
        scoreScale = try object.required("scoreScale")
        pmtThreshold = try object.required("pmtThreshold")
        combination = try object.required("combination")
        categories = try object.required("categories")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("programmeId", programmeId)
        object.set("ruleVersion", ruleVersion)
        object.set("effectiveFrom", effectiveFrom)
        object.set("legalBasis", legalBasis)
        object.set("formulaVersion", formulaVersion)
        object.set("scoreScale", scoreScale)
        object.set("pmtThreshold", pmtThreshold)
        object.set("combination", combination)
        object.set("categories", categories)
        return object.json
    }

    /// The stream the event is appended to: `programme-{programmeId}`.
    public var streamID: String { "programme-\(programmeId)" }
}
