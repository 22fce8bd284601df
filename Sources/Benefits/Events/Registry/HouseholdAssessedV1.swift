import DaftarJSON
import EventStore

/// A proxy means test was applied to the household with a programme's published targeting formula version: the indicator
/// values x_i and the score s = intercept + sum(w_i x_i), on the ln monthly per-capita consumption scale (the only scale
/// of v1). Superseded by v2 for new events; v1 events are upcast on read (see household-assessed.v2.json).
///
/// Schema: `EventSchemas/household-assessed.v1.json` (`HouseholdAssessed` v1).
public struct HouseholdAssessedV1: DomainEvent {
    public static let eventType = "HouseholdAssessed"
    public static let schemaVersion = 1

    /// Indicator values as numbers; yes/no indicators as 1/0.
    public struct Indicators: Sendable, Hashable, JSONConvertible {
        /// ln(household size); calibration.md §7 #1; a decimal, ln(1)=0 to ln(50)<4
        public var logHouseholdSize: DecimalNumber
        /// Members under 15 or 65+ divided by household size; §7 #2; a decimal between 0 and 1
        public var dependencyRatio: DecimalNumber
        /// Head's education: 0 none, 1 primary, 2 secondary or higher; §7 #3
        public var headEducationLevel: EducationLevel
        /// A member earns a salary or a pension; §7 #4; 1 yes, 0 no
        public var memberEarnsSalaryOrPension: YesNo
        /// More than 3 persons per room; §7 #5; 1 yes, 0 no
        public var crowdingOver3PerRoom: YesNo
        /// The household owns a car; §7 #6; 1 yes, 0 no
        public var ownsCar: YesNo
        /// The household owns its dwelling; §7 #7; 1 yes, 0 no
        public var ownsDwelling: YesNo
        /// The household lives in a rural area; §7 #8; 1 yes, 0 no
        public var ruralResidence: YesNo
        /// A member is enrolled at university (Jordan NAF-style indicator); 1 yes, 0 no
        public var memberAtUniversity: YesNo?
        /// A member is chronically ill or disabled (NAF-style); 1 yes, 0 no
        public var chronicallyIllOrDisabledMember: YesNo?
        /// The dwelling has piped water (NAF-style); 1 yes, 0 no
        public var pipedWater: YesNo?
        /// The dwelling has public-grid electricity (NAF-style); 1 yes, 0 no
        public var publicGridElectricity: YesNo?

        /// Creates the object; each parameter sets the property of the same name.
        public init(
            logHouseholdSize: DecimalNumber, dependencyRatio: DecimalNumber, headEducationLevel: EducationLevel, memberEarnsSalaryOrPension: YesNo,
            crowdingOver3PerRoom: YesNo, ownsCar: YesNo, ownsDwelling: YesNo, ruralResidence: YesNo, memberAtUniversity: YesNo? = nil,
            chronicallyIllOrDisabledMember: YesNo? = nil, pipedWater: YesNo? = nil, publicGridElectricity: YesNo? = nil
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

    /// A yes/no indicator written 1/0.
    public enum YesNo: Int, JSONIntegerCode {
        /// 0.
        case no = 0
        /// 1.
        case yes = 1
    }

    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// Programme whose formula was applied.
    public var programmeId: ProgrammeID
    /// The targeting formula version.
    public var formulaVersion: Int
    /// Date of the assessment (the researcher's visit).
    public var assessedOn: BusinessDate
    /// Indicator values as numbers; yes/no indicators as 1/0.
    public var indicators: Indicators
    /// PMT score: predicted ln of monthly per-capita consumption, a decimal with at most 6 fractional digits.
    public var score: DecimalNumber

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        householdId: HouseholdID, programmeId: ProgrammeID, formulaVersion: Int, assessedOn: BusinessDate, indicators: Indicators,
        score: DecimalNumber
    ) {
        self.householdId = householdId
        self.programmeId = programmeId
        self.formulaVersion = formulaVersion
        self.assessedOn = assessedOn
        self.indicators = indicators
        self.score = score
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
        return object.json
    }

    /// The stream the event is appended to: `household-{householdId}`.
    public var streamID: String { "household-\(householdId)" }
}
