import DaftarJSON
import EventStore

/// A privacy-preserving cross-match of the caseload against another registry was run: the source and its snapshot date,
/// the matching method (national ids as keyed HMAC-SHA-256 hashes, key version), the counts, and who started it. Only
/// matches are revealed; the hits follow as CrossMatchHitRecorded in the same stream. Whoever started a run makes its
/// exclusion proposals and may not decide them (maker-checker). v1 events (``CrossMatchRunRecordedV1``) are read as this
/// version with `startedBy` = `legacy:unrecorded`.
///
/// Schema: `EventSchemas/cross-match-run-recorded.v2.json` (`CrossMatchRunRecorded` v2).
public struct CrossMatchRunRecorded: DomainEvent {
    public static let eventType = "CrossMatchRunRecorded"
    public static let schemaVersion = 2

    /// How records were matched.
    public enum MatchMethod: String, JSONStringCode {
        /// A Diffie–Hellman private set intersection over X25519 (`Ops/matching/PROTOCOL.md`).
        case dhPsiX25519
        case hmacNationalId
        case hmacNationalIdAndBirthDate
        case hmacCivilRegistryNumber
        case registryInternal
    }

    /// Counts of the run.
    public struct Counts: Sendable, Hashable, JSONConvertible {
        /// Caseload records (persons) sent as keyed hashes.
        public var recordsSubmitted: Int
        /// Records in the other registry's extract.
        public var recordsInSource: Int
        /// Hits found.
        public var hits: Int
        /// Persons with at least one hit.
        public var personsWithHits: Int
        /// Households with at least one hit.
        public var householdsWithHits: Int

        /// Creates the object; each parameter sets the property of the same name.
        public init(recordsSubmitted: Int, recordsInSource: Int, hits: Int, personsWithHits: Int, householdsWithHits: Int) {
            self.recordsSubmitted = recordsSubmitted
            self.recordsInSource = recordsInSource
            self.hits = hits
            self.personsWithHits = personsWithHits
            self.householdsWithHits = householdsWithHits
        }

        /// Reads the payload object; see ``JSONConvertible``.
        public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
            var object = try JSONObjectReader(json, at: pointer)
            recordsSubmitted = try object.required("recordsSubmitted")
            recordsInSource = try object.required("recordsInSource")
            hits = try object.required("hits")
            personsWithHits = try object.required("personsWithHits")
            householdsWithHits = try object.required("householdsWithHits")
            try object.finish()
        }

        /// The payload object; optional properties that are `nil` are left out.
        public var json: JSONValue {
            var object = JSONObjectWriter()
            object.set("recordsSubmitted", recordsSubmitted)
            object.set("recordsInSource", recordsInSource)
            object.set("hits", hits)
            object.set("personsWithHits", personsWithHits)
            object.set("householdsWithHits", householdsWithHits)
            return object.json
        }
    }

    /// The cross-match run.
    public var crossMatchRunId: CrossMatchRunID
    /// The programme.
    public var programmeId: ProgrammeID
    /// The registry matched against.
    public var sourceRegistry: SourceRegistry
    /// Date of the other registry's extract.
    public var sourceSnapshotOn: BusinessDate
    /// How records were matched.
    public var matchMethod: MatchMethod
    /// Version of the HMAC key.
    public var keyVersion: Int
    /// Counts of the run.
    public var counts: Counts
    /// When the run started (UTC).
    public var startedAt: UTCTimestamp
    /// When the run completed (UTC).
    public var completedAt: UTCTimestamp
    /// Who started the run: the maker of its exclusion proposals, who may not decide them.
    public var startedBy: ActorID

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        crossMatchRunId: CrossMatchRunID, programmeId: ProgrammeID, sourceRegistry: SourceRegistry, sourceSnapshotOn: BusinessDate,
        matchMethod: MatchMethod, keyVersion: Int, counts: Counts, startedAt: UTCTimestamp, completedAt: UTCTimestamp, startedBy: ActorID
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
        self.startedBy = startedBy
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
        startedBy = try object.required("startedBy")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
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
        object.set("startedBy", startedBy)
        return object.json
    }

    /// The stream the event is appended to: `cross-match-{crossMatchRunId}`.
    public var streamID: String { "cross-match-\(crossMatchRunId)" }
}
