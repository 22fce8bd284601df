import DaftarJSON
import EventStore

/// A cost projection of the programme was published: a scenario projected month by month from the
/// ledger as known at a pinned ledger position, with the digests that let anyone recompute it and
/// check the result.
///
/// Schema: `EventSchemas/cost-projection-published.v1.json` (`CostProjectionPublished` v1). Appended
/// to `cost-projection-{programmeId}`, a stream of its own, so that publishing never contends with the
/// programme's own decisions; having a `programmeId` and no `householdId`, it falls in the
/// programme's read-model partition.
public struct CostProjectionPublished: DomainEvent {
    public static let eventType = "CostProjectionPublished"
    public static let schemaVersion = 1

    /// The published projection; published once per programme.
    public var projectionId: CostProjectionID
    /// The programme.
    public var programmeId: ProgrammeID
    /// The scenario's name as shown in tables and charts.
    public var scenarioLabel: ScenarioLabel
    /// SHA-256 of ``scenarioJson``'s UTF-8 bytes, lower-case hex.
    public var scenarioDigest: HexDigest
    /// The scenario as canonical JSON text.
    public var scenarioJson: JSONText
    /// The ledger position the cohort was read at.
    public var pinnedLedgerSeq: Int64
    /// The first month projected.
    public var fromMonth: PaymentCycle
    /// Months projected (1–120).
    public var months: Int
    /// The first month of a fiscal year (1 = January).
    public var fiscalYearStartMonth: Int
    /// The version of the projection method that computed the result.
    public var methodVersion: Int
    /// SHA-256 of the result's canonical JSON text, lower-case hex.
    public var resultDigest: HexDigest
    /// The currency of every amount in the event.
    public var currency: Currency
    /// The projection's total cost over its months, in ledger units of `currency`.
    public var totalAmountMinor: Int64
    /// The date of publication.
    public var publishedOn: BusinessDate

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        projectionId: CostProjectionID, programmeId: ProgrammeID, scenarioLabel: ScenarioLabel, scenarioDigest: HexDigest, scenarioJson: JSONText,
        pinnedLedgerSeq: Int64, fromMonth: PaymentCycle, months: Int, fiscalYearStartMonth: Int, methodVersion: Int, resultDigest: HexDigest,
        currency: Currency, totalAmountMinor: Int64, publishedOn: BusinessDate
    ) {
        self.projectionId = projectionId
        self.programmeId = programmeId
        self.scenarioLabel = scenarioLabel
        self.scenarioDigest = scenarioDigest
        self.scenarioJson = scenarioJson
        self.pinnedLedgerSeq = pinnedLedgerSeq
        self.fromMonth = fromMonth
        self.months = months
        self.fiscalYearStartMonth = fiscalYearStartMonth
        self.methodVersion = methodVersion
        self.resultDigest = resultDigest
        self.currency = currency
        self.totalAmountMinor = totalAmountMinor
        self.publishedOn = publishedOn
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        projectionId = try object.required("projectionId")
        programmeId = try object.required("programmeId")
        scenarioLabel = try object.required("scenarioLabel")
        scenarioDigest = try object.required("scenarioDigest")
        scenarioJson = try object.required("scenarioJson")
        pinnedLedgerSeq = try object.required("pinnedLedgerSeq")
        fromMonth = try object.required("fromMonth")
        months = try object.required("months")
        fiscalYearStartMonth = try object.required("fiscalYearStartMonth")
        methodVersion = try object.required("methodVersion")
        resultDigest = try object.required("resultDigest")
        currency = try object.required("currency")
        totalAmountMinor = try object.required("totalAmountMinor")
        publishedOn = try object.required("publishedOn")
        try object.finish()
    }

    /// The payload object.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("projectionId", projectionId)
        object.set("programmeId", programmeId)
        object.set("scenarioLabel", scenarioLabel)
        object.set("scenarioDigest", scenarioDigest)
        object.set("scenarioJson", scenarioJson)
        object.set("pinnedLedgerSeq", pinnedLedgerSeq)
        object.set("fromMonth", fromMonth)
        object.set("months", months)
        object.set("fiscalYearStartMonth", fiscalYearStartMonth)
        object.set("methodVersion", methodVersion)
        object.set("resultDigest", resultDigest)
        object.set("currency", currency)
        object.set("totalAmountMinor", totalAmountMinor)
        object.set("publishedOn", publishedOn)
        return object.json
    }

    /// The stream the event is appended to: `cost-projection-{programmeId}`.
    public var streamID: String { "cost-projection-\(programmeId)" }
}
