import DaftarJSON
import EventStore

/// A privacy-preserving cross-match of the caseload against another registry was run: the source and its snapshot date,
/// the matching method (national ids as keyed HMAC-SHA-256 hashes, key version), and the counts. Superseded by v2 for
/// new events, which records who started the run; v1 events are upcast on read (see cross-match-run-recorded.v2.json).
///
/// Schema: `EventSchemas/cross-match-run-recorded.v1.json` (`CrossMatchRunRecorded` v1).
public struct CrossMatchRunRecordedV1: DomainEvent {
    public static let eventType = "CrossMatchRunRecorded"
    public static let schemaVersion = 1

    /// The cross-match run.
    public var crossMatchRunId: CrossMatchRunID
    /// The programme.
    public var programmeId: ProgrammeID
    /// The registry matched against.
    public var sourceRegistry: SourceRegistry
    /// Date of the other registry's extract.
    public var sourceSnapshotOn: BusinessDate
    /// How records were matched.
    public var matchMethod: CrossMatchRunRecorded.MatchMethod
    /// Version of the HMAC key.
    public var keyVersion: Int
    /// Counts of the run.
    public var counts: CrossMatchRunRecorded.Counts
    /// When the run started (UTC).
    public var startedAt: UTCTimestamp
    /// When the run completed (UTC).
    public var completedAt: UTCTimestamp

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        crossMatchRunId: CrossMatchRunID, programmeId: ProgrammeID, sourceRegistry: SourceRegistry, sourceSnapshotOn: BusinessDate,
        matchMethod: CrossMatchRunRecorded.MatchMethod, keyVersion: Int, counts: CrossMatchRunRecorded.Counts, startedAt: UTCTimestamp,
        completedAt: UTCTimestamp
    ) {
        self.crossMatchRunId = crossMatchRunId
        self.programmeId = programmeId
        self.sourceRegistry = sourceRegistry
        self.sourceSnapshotOn = sourceSnapshotOn
        self.matchMethod = matchMethod
        self.keyVersion = keyVersion
        self.counts = counts
        self.startedAt = startedAt
        self.completedAt = completedAt
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        crossMatchRunId = try object.required("crossMatchRunId")
        programmeId = try object.required("programmeId")
        sourceRegistry = try object.required("sourceRegistry")
        sourceSnapshotOn = try object.required("sourceSnapshotOn")
        matchMethod = try object.required("matchMethod")
        keyVersion = try object.required("keyVersion")
        counts = try object.required("counts")
        startedAt = try object.required("startedAt")
        completedAt = try object.required("completedAt")
        try object.finish()
    }

    /// The payload object.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("crossMatchRunId", crossMatchRunId)
        object.set("programmeId", programmeId)
        object.set("sourceRegistry", sourceRegistry)
        object.set("sourceSnapshotOn", sourceSnapshotOn)
        object.set("matchMethod", matchMethod)
        object.set("keyVersion", keyVersion)
        object.set("counts", counts)
        object.set("startedAt", startedAt)
        object.set("completedAt", completedAt)
        return object.json
    }

    /// The stream the event is appended to: `cross-match-{crossMatchRunId}`.
    public var streamID: String { "cross-match-\(crossMatchRunId)" }
}
