import Postgres

extension EventStore {
    /// The columns ``RecordedEvent/init(row:)`` reads, in order, for a query over `event_store.events e`
    /// or `audit.events e`.
    public static let selectColumns = """
        e.position, e.xid::text, e.stream_id, e.stream_version, e.event_id::text, e.event_type, e.schema_version,
        e.data::text, e.metadata::text, to_char(e.effective_at, 'YYYY-MM-DD'), event_store.micros(e.recorded_at),
        e.idempotency_key, e.prev_hash, e.hash
        """

    /// Reads the log in `(xid, position)` order after `checkpoint`, only behind the transaction
    /// horizon: events of transactions that may still be open are not returned yet, so a reader
    /// that follows checkpoints never skips an event that commits late.
    ///
    /// - Parameters:
    ///   - checkpoint: where the reader is; ``Checkpoint/start`` for the beginning.
    ///   - limit: the most events to return (1–100,000).
    /// - Returns: the events, possibly fewer than `limit` even when more will become readable.
    /// - Throws: ``EventStoreError`` with code `database`.
    public func readAll(after checkpoint: Checkpoint = .start, limit: Int = 1000) async throws -> [RecordedEvent] {
        guard (1...100_000).contains(limit) else {
            throw EventStoreError.invalid("limit", "range", "must be between 1 and 100000")
        }
        do {
            let result = try await pool.withConnection { conn in
                try await conn.query(
                    """
                    SELECT \(EventStore.selectColumns)
                    FROM event_store.events e
                    WHERE (e.xid, e.position) > ($1::xid8, $2::bigint)
                      AND e.xid < pg_snapshot_xmin(pg_current_snapshot())
                    ORDER BY e.xid, e.position
                    LIMIT $3
                    """, [String(checkpoint.xid), checkpoint.position, limit])
            }
            return try result.rows.map(RecordedEvent.init(row:))
        } catch {
            throw EventStore.translate(error)
        }
    }

    /// Reads one stream's events in version order.
    /// - Parameters:
    ///   - stream: the stream id.
    ///   - fromVersion: the first version to return.
    /// - Returns: the events; empty when the stream does not exist.
    /// - Throws: ``EventStoreError`` with code `invalid_input` for a malformed id, or `database`.
    public func readStream(_ stream: String, fromVersion: Int64 = 1) async throws -> [RecordedEvent] {
        try AppendRequest.checkStream(stream, field: "stream", limits: limits)
        do {
            let result = try await pool.withConnection { conn in
                try await conn.query(
                    """
                    SELECT \(EventStore.selectColumns)
                    FROM event_store.events e
                    WHERE e.stream_id = $1 AND e.stream_version >= $2
                    ORDER BY e.stream_version
                    """, [stream, fromVersion])
            }
            return try result.rows.map(RecordedEvent.init(row:))
        } catch {
            throw EventStore.translate(error)
        }
    }

    /// A stream's current version (0 when it does not exist).
    public func streamVersion(_ stream: String) async throws -> Int64 {
        try AppendRequest.checkStream(stream, field: "stream", limits: limits)
        let result = try await pool.withConnection { conn in
            try await conn.query("SELECT version FROM event_store.streams WHERE stream_id = $1", [stream])
        }
        return try result.first?.decode(Int64.self, 0) ?? 0
    }

}

extension RecordedEvent {
    /// An event from a row whose first columns are ``EventStore/selectColumns``.
    /// - Throws: ``PostgresError`` or ``EventStoreError`` when a column is unreadable.
    public init(row: PostgresRow) throws {
        let position = try row.decode(Int64.self, 0)
        let xid = try row.decode(String.self, 1)
        guard let xidValue = UInt64(xid) else {
            throw EventStoreError(code: .database, message: "event at position \(position) has an unreadable xid")
        }
        self.init(
            position: position,
            checkpoint: Checkpoint(xid: xidValue, position: position),
            stream: try row.decode(String.self, 2),
            streamVersion: try row.decode(Int64.self, 3),
            eventID: try row.decode(String.self, 4),
            type: try row.decode(String.self, 5),
            schemaVersion: try row.decode(Int.self, 6),
            dataText: try row.decode(String.self, 7),
            metadataText: try row.decode(String.self, 8),
            effectiveAt: try BusinessDate(parsing: try row.decode(String.self, 9)),
            recordedAtMicros: try row.decode(Int64.self, 10),
            idempotencyKey: try row.decode(String.self, 11),
            previousHash: try row.decode(PostgresBytes.self, 12).bytes,
            hash: try row.decode(PostgresBytes.self, 13).bytes)
    }
}
