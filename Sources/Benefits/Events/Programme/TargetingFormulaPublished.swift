import DaftarJSON
import EventStore

/// A version of the programme's proxy-means-test formula was published, in force from a date: score s = intercept +
/// sum(w_i x_i) over the listed indicators (yes/no indicators count 1/0), on a named scale. Weights and intercept are
/// decimals with at most 6 fractional digits; the score is rounded half-even to 6 digits.
///
/// Schema: `EventSchemas/targeting-formula-published.v1.json` (`TargetingFormulaPublished` v1).
public struct TargetingFormulaPublished: DomainEvent {
    public static let eventType = "TargetingFormulaPublished"
    public static let schemaVersion = 1

    /// The programme.
    public var programmeId: ProgrammeID
    /// The targeting formula version.
    public var formulaVersion: Int
    /// First date on which assessments use this version.
    public var effectiveFrom: BusinessDate
    /// The scale of the score and thresholds.
    public var scoreScale: ScoreScale
    /// Intercept b0, a decimal (calibrated per programme).
    public var intercept: DecimalNumber
    /// Weight w_i per indicator; indicators not listed are not in the formula.
    public var weights: [IndicatorCode: DecimalNumber]
    /// The ministerial decision or methodology note.
    public var decisionRef: EvidenceReference?

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, formulaVersion: Int, effectiveFrom: BusinessDate, scoreScale: ScoreScale, intercept: DecimalNumber,
        weights: [IndicatorCode: DecimalNumber], decisionRef: EvidenceReference? = nil
    ) {
        self.programmeId = programmeId
        self.formulaVersion = formulaVersion
        self.effectiveFrom = effectiveFrom
        self.scoreScale = scoreScale
        self.intercept = intercept
        self.weights = weights
        self.decisionRef = decisionRef
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        formulaVersion = try object.required("formulaVersion")
        effectiveFrom = try object.required("effectiveFrom")
        scoreScale = try object.required("scoreScale")
        intercept = try object.required("intercept")
        weights = try object.required("weights")
        decisionRef = try object.optional("decisionRef")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("programmeId", programmeId)
        object.set("formulaVersion", formulaVersion)
        object.set("effectiveFrom", effectiveFrom)
        object.set("scoreScale", scoreScale)
        object.set("intercept", intercept)
        object.set("weights", weights)
        object.set("decisionRef", decisionRef)
        return object.json
    }

    /// The stream the event is appended to: `programme-{programmeId}`.
    public var streamID: String { "programme-\(programmeId)" }
}
