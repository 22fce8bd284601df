import DaftarJSON
import Postgres

extension EventStore {
    /// Appends one command's events to one or more streams, atomically.
    ///
    /// Checks every stream's expected version under a row lock on its head, in stream-id order.
    /// The idempotency key is claimed first: a retry with the same key and the same content
    /// returns the original result and appends nothing; the same key with other content fails.
    /// The append is one round trip and one transaction.
    ///
    /// - Parameter request: the command's streams and events, and its idempotency key.
    /// - Returns: where the events landed.
    /// - Throws: ``EventStoreError``: `invalid_input`, `unknown_event_type` or `schema_violation`
    ///   (nothing sent), `wrong_expected_version` (naming stream, expected and actual version),
    ///   `idempotency_key_reused`, or `database`.
    public func append(_ request: AppendRequest) async throws -> AppendResult {
        try await pool.withConnection { conn in try await append(request, on: conn) }
    }

    /// Appends within the caller's transaction on `connection` (see ``append(_:)``).
    ///
    /// The events become readable only when the caller commits, and vanish if it rolls back.
    /// - Parameters:
    ///   - request: the command's streams, events and idempotency key.
    ///   - connection: a connection, usually inside ``PostgresConnection/transaction(isolation:_:)``.
    /// - Returns: where the events landed.
    /// - Throws: as ``append(_:)``.
    public func append(_ request: AppendRequest, on connection: PostgresConnection) async throws -> AppendResult {
        try request.validate(limits: limits, catalogue: catalogue)
        let body = request.canonicalJSON.canonicalText
        do {
            let result = try await connection.query(
                """
                SELECT out_position, out_stream_id, out_stream_version, out_event_id, out_xid,
                       out_recorded_us, out_hash, out_duplicate
                FROM event_store.append($1, $2::json)
                """, [request.idempotencyKey, body])
            var events: [AppendedEvent] = []
            var duplicate = false
            for row in result.rows {
                let position = try row.decode(Int64.self, 0)
                let xid = try row.decode(String.self, 4)
                events.append(
                    AppendedEvent(
                        position: position,
                        stream: try row.decode(String.self, 1),
                        streamVersion: try row.decode(Int64.self, 2),
                        eventID: try row.decode(String.self, 3),
                        checkpoint: Checkpoint(xid: UInt64(xid) ?? 0, position: position),
                        recordedAtMicros: try row.decode(Int64.self, 5),
                        hash: try row.decode(PostgresBytes.self, 6).bytes))
                duplicate = try row.decode(Bool.self, 7)
            }
            return AppendResult(events: events, isDuplicate: duplicate)
        } catch {
            throw EventStore.translate(error)
        }
    }
}
