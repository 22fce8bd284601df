import DaftarJSON
import EventStore

/// A proxy means test was applied to the household with a programme's published targeting formula version. v2 types the
/// indicators (yes/no indicators are booleans, the education level an integer 0-2), names the score's scale (scoreScale)
/// and records who assessed (assessedBy) and how (method). Upcast of a v1 event, deterministic: every field of v1 is
/// kept; each yes/no indicator 1 becomes true and 0 becomes false; headEducationLevel, logHouseholdSize, dependencyRatio
/// and score keep their values; scoreScale = "lnMonthlyPerCapitaConsumption" (the only scale v1 had); assessedBy =
/// "legacy:unrecorded"; method = "unrecorded".
///
/// Schema: `EventSchemas/household-assessed.v2.json` (`HouseholdAssessed` v2).
public struct HouseholdAssessed: DomainEvent {
    public static let eventType = "HouseholdAssessed"
    public static let schemaVersion = 2

    /// Indicator values, typed: decimals, an education level, booleans (counted as 1/0 in the score).
    public struct Indicators: Sendable, Hashable, JSONConvertible {
        /// ln(household size); calibration.md §7 #1; a decimal, ln(1)=0 to ln(50)<4
        public var logHouseholdSize: DecimalNumber
        /// Members under 15 or 65+ divided by household size; §7 #2; a decimal between 0 and 1
        public var dependencyRatio: DecimalNumber
        /// Head's education: 0 none, 1 primary, 2 secondary or higher; §7 #3
        public var headEducationLevel: EducationLevel
        /// A member earns a salary or a pension; §7 #4
        public var memberEarnsSalaryOrPension: Bool
        /// More than 3 persons per room; §7 #5
        public var crowdingOver3PerRoom: Bool
        /// The household owns a car; §7 #6
        public var ownsCar: Bool
        /// The household owns its dwelling; §7 #7
        public var ownsDwelling: Bool
        /// The household lives in a rural area; §7 #8
        public var ruralResidence: Bool
        /// A member is enrolled at university (Jordan NAF-style indicator)
        public var memberAtUniversity: Bool?
        /// A member is chronically ill or disabled (NAF-style)
        public var chronicallyIllOrDisabledMember: Bool?
        /// The dwelling has piped water (NAF-style)
        public var pipedWater: Bool?
        /// The dwelling has public-grid electricity (NAF-style)
        public var publicGridElectricity: Bool?

        /// Creates the object; each parameter sets the property of the same name.
        public init(
            logHouseholdSize: DecimalNumber, dependencyRatio: DecimalNumber, headEducationLevel: EducationLevel, memberEarnsSalaryOrPension: Bool,
            crowdingOver3PerRoom: Bool, ownsCar: Bool, ownsDwelling: Bool, ruralResidence: Bool, memberAtUniversity: Bool? = nil,
            chronicallyIllOrDisabledMember: Bool? = nil, pipedWater: Bool? = nil, publicGridElectricity: Bool? = nil
        ) {
            self.logHouseholdSize = logHouseholdSize
            self.dependencyRatio = dependencyRatio
            self.headEducationLevel = headEducationLevel
            self.memberEarnsSalaryOrPension = memberEarnsSalaryOrPension
            self.crowdingOver3PerRoom = crowdingOver3PerRoom
            self.ownsCar = ownsCar
            self.ownsDwelling = ownsDwelling
            self.ruralResidence = ruralResidence
            self.memberAtUniversity = memberAtUniversity
            self.chronicallyIllOrDisabledMember = chronicallyIllOrDisabledMember
            self.pipedWater = pipedWater
            self.publicGridElectricity = publicGridElectricity
        }

        /// Reads the payload object; see ``JSONConvertible``.
        public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
            var object = try JSONObjectReader(json, at: pointer)
            logHouseholdSize = try object.required("logHouseholdSize")
            dependencyRatio = try object.required("dependencyRatio")
            headEducationLevel = try object.required("headEducationLevel")
            memberEarnsSalaryOrPension = try object.required("memberEarnsSalaryOrPension")
            crowdingOver3PerRoom = try object.required("crowdingOver3PerRoom")
            ownsCar = try object.required("ownsCar")
            ownsDwelling = try object.required("ownsDwelling")
            ruralResidence = try object.required("ruralResidence")
            memberAtUniversity = try object.optional("memberAtUniversity")
            chronicallyIllOrDisabledMember = try object.optional("chronicallyIllOrDisabledMember")
            pipedWater = try object.optional("pipedWater")
            publicGridElectricity = try object.optional("publicGridElectricity")
            try object.finish()
        }

        /// The payload object; optional properties that are `nil` are left out.
        public var json: JSONValue {
            var object = JSONObjectWriter()
            object.set("logHouseholdSize", logHouseholdSize)
            object.set("dependencyRatio", dependencyRatio)
            object.set("headEducationLevel", headEducationLevel)
            object.set("memberEarnsSalaryOrPension", memberEarnsSalaryOrPension)
            object.set("crowdingOver3PerRoom", crowdingOver3PerRoom)
            object.set("ownsCar", ownsCar)
            object.set("ownsDwelling", ownsDwelling)
            object.set("ruralResidence", ruralResidence)
            object.set("memberAtUniversity", memberAtUniversity)
            object.set("chronicallyIllOrDisabledMember", chronicallyIllOrDisabledMember)
            object.set("pipedWater", pipedWater)
            object.set("publicGridElectricity", publicGridElectricity)
            return object.json
        }
    }

    /// How the indicators were collected; unrecorded for upcast v1 events.
    public enum Method: String, JSONStringCode {
        case homeVisit
        case officeInterview
        case remoteInterview
        case registryDerived
        case unrecorded
    }

    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// Programme whose formula was applied.
    public var programmeId: ProgrammeID
    /// The targeting formula version.
    public var formulaVersion: Int
    /// Date of the assessment (the researcher's visit).
    public var assessedOn: BusinessDate
    /// Indicator values, typed: decimals, an education level, booleans (counted as 1/0 in the score).
    public var indicators: Indicators
    /// The household's PMT score.
    public var score: DecimalNumber
    /// The scale of the score and thresholds.
    public var scoreScale: ScoreScale
    /// The social researcher or job that assessed; legacy:unrecorded for upcast v1 events.
    public var assessedBy: ActorID
    /// How the indicators were collected; unrecorded for upcast v1 events.
    public var method: Method

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        householdId: HouseholdID, programmeId: ProgrammeID, formulaVersion: Int, assessedOn: BusinessDate, indicators: Indicators,
        score: DecimalNumber, scoreScale: ScoreScale, assessedBy: ActorID, method: Method
    ) {
        self.householdId = householdId
        self.programmeId = programmeId
        self.formulaVersion = formulaVersion
        self.assessedOn = assessedOn
        self.indicators = indicators
        self.score = score
        self.scoreScale = scoreScale
        self.assessedBy = assessedBy
        self.method = method
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        householdId = try object.required("householdId")
        programmeId = try object.required("programmeId")
        formulaVersion = try object.required("formulaVersion")
        assessedOn = try object.required("assessedOn")
        indicators = try object.required("indicators")
        score = try object.required("score")
        scoreScale = try object.required("scoreScale")
        assessedBy = try object.required("assessedBy")
        method = try object.required("method")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("householdId", householdId)
        object.set("programmeId", programmeId)
        object.set("formulaVersion", formulaVersion)
        object.set("assessedOn", assessedOn)
        object.set("indicators", indicators)
        object.set("score", score)
        object.set("scoreScale", scoreScale)
        object.set("assessedBy", assessedBy)
        object.set("method", method)
        return object.json
    }

    /// The stream the event is appended to: `household-{householdId}`.
    public var streamID: String { "household-\(householdId)" }
}
