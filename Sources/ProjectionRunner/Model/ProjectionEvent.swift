import EventStore
import Postgres

/// One event as a projection reads it: its place in the log, its partition and its payload.
///
/// Projections need no hashes, and metadata only for a few event types, so the runner reads only these
/// columns, and the envelope (metadata, recorded time) only for the types the folder names in
/// ``PartitionFolder/envelopeEventTypes``: a rebuild moves less data than a full ``RecordedEvent``.
public struct ProjectionEvent: Sendable, Hashable {
    /// The partition the event belongs to (the folder's ``PartitionFolder/partitionKeySQL``).
    public let partitionKey: String
    /// Where the event is in the readers' `(xid, position)` order.
    public let checkpoint: Checkpoint
    /// The stream.
    public let stream: String
    /// The event's version within its stream.
    public let streamVersion: Int64
    /// The event id.
    public let eventID: String
    /// The event type.
    public let type: String
    /// The payload's schema version.
    public let schemaVersion: Int
    /// The business date the event takes effect.
    public let effectiveAt: BusinessDate
    /// The payload, as stored (JSON text).
    public let dataText: String
    /// The envelope's metadata as stored (JSON text), for the event types whose envelope the folder
    /// reads (``PartitionFolder/envelopeEventTypes``); `nil` for the others.
    public let metadataText: String?
    /// When the event was recorded, in microseconds since the Unix epoch, for the same event types; `nil` for the others.
    public let recordedAtMicros: Int64?

    /// Creates an event; each parameter sets the property of the same name.
    public init(
        partitionKey: String, checkpoint: Checkpoint, stream: String, streamVersion: Int64, eventID: String, type: String,
        schemaVersion: Int, effectiveAt: BusinessDate, dataText: String, metadataText: String? = nil, recordedAtMicros: Int64? = nil
    ) {
        self.partitionKey = partitionKey
        self.checkpoint = checkpoint
        self.stream = stream
        self.streamVersion = streamVersion
        self.eventID = eventID
        self.type = type
        self.schemaVersion = schemaVersion
        self.effectiveAt = effectiveAt
        self.dataText = dataText
        self.metadataText = metadataText
        self.recordedAtMicros = recordedAtMicros
    }

    /// The columns ``init(copyFields:)`` reads, for a query over `event_store.events e` whose
    /// partition key expression is `key`.
    /// - Parameters:
    ///   - key: the partition key expression.
    ///   - envelopeTypes: the event types whose metadata and recorded time are read (NULL for the others).
    /// - Returns: the select list.
    public static func selectList(key: String, envelopeTypes: [String] = []) -> String {
        var envelope = "NULL::text, NULL::bigint"
        if !envelopeTypes.isEmpty {
            let types = envelopeTypes.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ")
            envelope = """
                CASE WHEN e.event_type IN (\(types)) THEN e.metadata::text END,
                CASE WHEN e.event_type IN (\(types)) THEN event_store.micros(e.recorded_at) END
                """
        }
        return """
            (\(key)), e.xid::text, e.position, e.stream_id, e.stream_version, e.event_id::text, e.event_type, e.schema_version,
            to_char(e.effective_at, 'YYYY-MM-DD'), e.data::text, \(envelope)
            """
    }

    /// Reads one row of ``selectList(key:envelopeTypes:)`` in COPY text form.
    /// - Parameter f: the row's fields.
    /// - Throws: ``ProjectionError`` `unreadable_event` when a column is missing or malformed.
    public init(copyFields f: [String?]) throws(ProjectionError) {
        guard f.count == 12, let key = f[0], let xid = f[1].flatMap({ UInt64($0) }), let position = f[2].flatMap({ Int64($0) }),
            let stream = f[3], let version = f[4].flatMap({ Int64($0) }), let id = f[5], let type = f[6],
            let schema = f[7].flatMap({ Int($0) }), let dateText = f[8], let date = try? BusinessDate(parsing: dateText), let data = f[9]
        else {
            throw ProjectionError(.unreadableEvent, "an event row from the store has missing or malformed columns")
        }
        var recorded: Int64?
        if let text = f[11] {
            guard let micros = Int64(text) else { throw ProjectionError(.unreadableEvent, "an event row from the store has a malformed recorded time") }
            recorded = micros
        }
        self.init(
            partitionKey: key, checkpoint: Checkpoint(xid: xid, position: position), stream: stream, streamVersion: version, eventID: id,
            type: type, schemaVersion: schema, effectiveAt: date, dataText: data, metadataText: f[10], recordedAtMicros: recorded)
    }

    /// Reads one row of ``selectList(key:envelopeTypes:)`` from a query result, the partition key possibly NULL.
    init?(row: PostgresRow) throws {
        guard let key = row[0] else { return nil }
        try self.init(copyFields: [key] + (1..<12).map { row[$0] })
    }
}
