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
        // Heads are advanced optimistically: an append that expected "any" version and lost a race
        // to a concurrent writer on the same stream is simply run again.
        let retriable = request.streams.allSatisfy { $0.expected == .any }
        var attempt = 0
        while true {
            do {
                return try await pool.withConnection { conn in try await append(request, on: conn) }
            } catch let error as EventStoreError where retriable && error.code == .wrongExpectedVersion && attempt < 20 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...(2 * attempt))))
            }
        }
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
        let prepared = PreparedRequest(request)
        try request.validate(limits: limits, catalogue: catalogue, texts: prepared)
        var eventStreams: [Int?] = []
        var types: [String?] = []
        var schemaVersions: [Int?] = []
        var dates: [String?] = []
        var data: [String?] = []
        var metadata: [String?] = []
        for (i, s) in prepared.sortedStreams.enumerated() {
            for (k, e) in s.events.enumerated() {
                eventStreams.append(i)
                types.append(e.type)
                schemaVersions.append(e.schemaVersion)
                dates.append(e.effectiveAt.description)
                data.append(prepared.texts[i][k].data)
                metadata.append(prepared.texts[i][k].metadata)
            }
        }
        do {
            let result = try await connection.queryPrepared(
                "daftar_append",
                """
                SELECT out_position, out_stream_id, out_stream_version, out_event_id, out_xid,
                       out_recorded_us, out_hash, out_duplicate
                FROM event_store.append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                """,
                [request.idempotencyKey, PostgresBytes(prepared.requestHash), PostgresArray(prepared.sortedStreams.map { $0.stream }),
                 PostgresArray(prepared.sortedStreams.map { $0.expected.wireValue }), PostgresArray(eventStreams), PostgresArray(types),
                 PostgresArray(schemaVersions), PostgresArray(dates), PostgresArray(data), PostgresArray(metadata), notifier.shouldNotify()])
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
        } catch let error as PostgresError where error.sqlState == PostgresError.uniqueViolation && error.constraint == "streams_pkey" {
            throw await conflict(in: request)
        } catch {
            throw EventStore.translate(error)
        }
    }
}

extension EventStore {
    /// The version conflict behind a failed append whose new stream was created concurrently:
    /// names the first stream whose expectation no longer holds.
    func conflict(in request: AppendRequest) async -> EventStoreError {
        var error = EventStoreError(
            code: .wrongExpectedVersion, message: "a stream of this append was created concurrently", field: "expectedVersion",
            rule: "expectedVersion")
        for s in request.sortedStreams {
            guard let actual = try? await streamVersion(s.stream) else { continue }
            let expected = s.expected.wireValue ?? actual
            if actual != expected || s.expected == .noStream {
                error = EventStoreError(
                    code: .wrongExpectedVersion, message: "stream \"\(s.stream)\" is at version \(actual), expected \(s.expected)",
                    field: "expectedVersion", rule: "expectedVersion")
                error.stream = s.stream
                error.expectedVersion = s.expected.wireValue
                error.actualVersion = actual
                break
            }
        }
        return error
    }
}
