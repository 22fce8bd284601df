import DaftarJSON
import Foundation
import Postgres

/// What a bulk append did.
public struct BulkAppendResult: Sendable, Hashable {
    /// Requests whose events were appended now.
    public let appendedRequests: Int
    /// Events appended now.
    public let appendedEvents: Int
    /// Requests skipped as retries of earlier appends (same key, same content).
    public let duplicateRequests: Int
    /// The transaction id the events were written under (`nil` when nothing was appended).
    public let xid: UInt64?
}

extension EventStore {
    /// Appends many commands in one transaction, all or nothing: for imports and monthly payment runs.
    ///
    /// Every request keeps the guarantees of ``append(_:)``: its idempotency key (a request
    /// already appended with the same content is skipped and counted; other content fails the
    /// whole batch) and its expected versions (checked in order, against the stream heads locked
    /// for the transaction and the batch's own earlier requests). Event hashes are computed here
    /// and the events go to the log with one `COPY`; idempotency keys and stream heads are staged
    /// by `COPY` and written with set-based statements.
    ///
    /// - Parameter requests: the commands, in order.
    /// - Returns: counts of what was appended and skipped.
    /// - Throws: ``EventStoreError`` naming the request (``EventStoreError/requestIndex``) and
    ///   field; nothing of the batch is kept.
    public func bulkAppend(_ requests: [AppendRequest]) async throws -> BulkAppendResult {
        // Check everything before touching the database.
        var keyIndex: [String: (index: Int, hash: [UInt8])] = [:]
        var prepared: [PreparedRequest] = []
        prepared.reserveCapacity(requests.count)
        var streams = Set<String>()
        for (i, request) in requests.enumerated() {
            do {
                try request.validate(limits: limits, catalogue: catalogue)
            } catch {
                var e = error
                e.requestIndex = i
                throw e
            }
            let p = PreparedRequest(request, index: i)
            if let earlier = keyIndex[request.idempotencyKey] {
                guard earlier.hash == p.requestHash else {
                    var e = EventStoreError(
                        code: .idempotencyKeyReused,
                        message: "idempotency key \"\(request.idempotencyKey)\" is used by requests \(earlier.index) and \(i) with different content",
                        field: "idempotencyKey", rule: "idempotency")
                    e.requestIndex = i
                    throw e
                }
                continue  // the same request twice in one batch: append it once
            }
            keyIndex[request.idempotencyKey] = (i, p.requestHash)
            for s in request.streams { streams.insert(s.stream) }
            prepared.append(p)
        }
        guard !prepared.isEmpty else {
            return BulkAppendResult(appendedRequests: 0, appendedEvents: 0, duplicateRequests: requests.count, xid: nil)
        }
        let skippedInBatch = requests.count - prepared.count
        do {
            return try await pool.withConnection { conn in
                try await conn.transaction { conn in
                    try await self.bulkAppend(prepared, streams: streams, skippedInBatch: skippedInBatch, on: conn)
                }
            }
        } catch let error as EventStoreError {
            throw error
        } catch let error as PostgresError where error.sqlState == PostgresError.uniqueViolation {
            // A concurrent writer created one of these streams or claimed one of these keys
            // after we looked: nothing was kept; the caller may retry the batch.
            throw EventStoreError(
                code: error.constraint == "streams_pkey" ? .wrongExpectedVersion : .idempotencyKeyReused,
                message: "a concurrent append took one of this batch's \(error.constraint == "streams_pkey" ? "new streams" : "idempotency keys"); nothing was appended, retry the batch",
                field: error.constraint == "streams_pkey" ? "stream" : "idempotencyKey", rule: "concurrency")
        } catch {
            throw EventStore.translate(error)
        }
    }

    private func bulkAppend(
        _ prepared: [PreparedRequest], streams: Set<String>, skippedInBatch: Int, on conn: PostgresConnection
    ) async throws -> BulkAppendResult {
        let header = try await conn.query("SELECT pg_current_xact_id()::text, event_store.micros(now())")
        guard let row = header.first, let xid = UInt64(try row.decode(String.self, 0)) else {
            throw EventStoreError(code: .database, message: "could not read the transaction id")
        }
        let recordedAt = try row.decode(Int64.self, 1)
        try await conn.execute(
            """
            CREATE TEMP TABLE IF NOT EXISTS bulk_keys (key text, request_hash bytea) ON COMMIT DELETE ROWS;
            CREATE TEMP TABLE IF NOT EXISTS bulk_streams (stream_id text) ON COMMIT DELETE ROWS;
            CREATE TEMP TABLE IF NOT EXISTS bulk_heads (stream_id text, version bigint, last_hash bytea, is_new boolean) ON COMMIT DELETE ROWS;
            """)
        try await conn.copyIn("COPY bulk_keys (key, request_hash) FROM STDIN") { w in
            for p in prepared {
                var r = CopyTextRow()
                r.append(p.request.idempotencyKey)
                r.append(PostgresBytes(p.requestHash))
                try await w.write(r.line)
            }
        }
        try await conn.copyIn("COPY bulk_streams (stream_id) FROM STDIN") { w in
            for s in streams {
                var r = CopyTextRow()
                r.append(s)
                try await w.write(r.line)
            }
        }
        // Keys appended before: take them out of the staging table; same content is a skip.
        let existing = try await conn.query(
            """
            DELETE FROM bulk_keys b USING event_store.idempotency_keys k
            WHERE k.key = b.key
            RETURNING b.key, b.request_hash = k.request_hash
            """)
        var skip = Set<String>()
        for row in existing.rows {
            let key = try row.decode(String.self, 0)
            guard try row.decode(Bool.self, 1) else {
                var e = EventStoreError(
                    code: .idempotencyKeyReused, message: "idempotency key \"\(key)\" was already used for a different request",
                    field: "idempotencyKey", rule: "idempotency")
                e.requestIndex = prepared.first { $0.request.idempotencyKey == key }?.index
                throw e
            }
            skip.insert(key)
        }
        // Lock the existing heads in stream-id order, as single appends do.
        let heads = try await conn.query(
            """
            SELECT h.stream_id, h.version, h.last_hash
            FROM event_store.streams h JOIN bulk_streams b USING (stream_id)
            ORDER BY h.stream_id FOR UPDATE OF h
            """)
        var state: [String: StreamHead] = [:]
        state.reserveCapacity(streams.count)
        for row in heads.rows {
            let version = try row.decode(Int64.self, 1)
            state[try row.decode(String.self, 0)] = StreamHead(
                version: version, hash: try row.decode(PostgresBytes.self, 2).bytes, existedBefore: true, touched: false)
        }

        var appendedEvents = 0
        var appendedRequests = 0
        try await conn.copyIn(
            """
            COPY event_store.events (stream_id, stream_version, event_id, event_type, schema_version, effective_at,
                                     data, metadata, idempotency_key, prev_hash, hash) FROM STDIN
            """
        ) { w in
            for p in prepared where !skip.contains(p.request.idempotencyKey) {
                appendedRequests += 1
                for (s, append) in p.sortedStreams.enumerated() {
                    var head = state[append.stream] ?? StreamHead(version: 0, hash: EventHash.zero, existedBefore: false, touched: false)
                    if let expected = append.expected.wireValue, expected != head.version {
                        var e = EventStoreError(
                            code: .wrongExpectedVersion,
                            message: "stream \"\(append.stream)\" is at version \(head.version), expected \(append.expected)",
                            field: "expectedVersion", rule: "expectedVersion")
                        e.stream = append.stream
                        e.expectedVersion = expected
                        e.actualVersion = head.version
                        e.requestIndex = p.index
                        throw e
                    }
                    for (k, event) in append.events.enumerated() {
                        head.version += 1
                        let eventID = UUID().uuidString.lowercased()
                        let text = p.texts[s][k]
                        let hash = EventHash.compute(
                            previous: head.hash, eventID: eventID, stream: append.stream, streamVersion: head.version,
                            type: event.type, schemaVersion: event.schemaVersion, effectiveAt: event.effectiveAt,
                            recordedAtMicros: recordedAt, idempotencyKey: p.request.idempotencyKey,
                            dataText: text.data, metadataText: text.metadata)
                        var r = CopyTextRow()
                        r.append(append.stream)
                        r.append(head.version)
                        r.append(eventID)
                        r.append(event.type)
                        r.append(event.schemaVersion)
                        r.append(event.effectiveAt.description)
                        r.append(text.data)
                        r.append(text.metadata)
                        r.append(p.request.idempotencyKey)
                        r.append(PostgresBytes(head.hash))
                        r.append(PostgresBytes(hash))
                        try await w.write(r.line)
                        head.hash = hash
                        appendedEvents += 1
                    }
                    head.touched = true
                    state[append.stream] = head
                }
            }
        }
        try await conn.copyIn("COPY bulk_heads (stream_id, version, last_hash, is_new) FROM STDIN") { w in
            for (stream, head) in state where head.touched {
                var r = CopyTextRow()
                r.append(stream)
                r.append(head.version)
                r.append(PostgresBytes(head.hash))
                r.append(!head.existedBefore)
                try await w.write(r.line)
            }
        }
        try await conn.pipeline([
            PostgresStatement(
                """
                INSERT INTO event_store.idempotency_keys (key, request_hash, recorded_at, xid)
                SELECT key, request_hash, now(), pg_current_xact_id() FROM bulk_keys
                """),
            PostgresStatement(
                """
                INSERT INTO event_store.streams (stream_id, version, last_hash)
                SELECT stream_id, version, last_hash FROM bulk_heads WHERE is_new
                """),
            PostgresStatement(
                """
                UPDATE event_store.streams h SET version = b.version, last_hash = b.last_hash
                FROM bulk_heads b WHERE h.stream_id = b.stream_id AND NOT b.is_new
                """),
            PostgresStatement("SELECT pg_notify('\(EventStore.channel)', '')"),
        ])
        return BulkAppendResult(
            appendedRequests: appendedRequests, appendedEvents: appendedEvents,
            duplicateRequests: skip.count + skippedInBatch, xid: appendedEvents > 0 ? xid : nil)
    }
}

/// A request with its canonical texts computed once.
struct PreparedRequest {
    let request: AppendRequest
    let index: Int
    let sortedStreams: [StreamAppend]
    /// Canonical data and metadata per event, by sorted stream then event.
    let texts: [[(data: String, metadata: String)]]
    let requestHash: [UInt8]

    init(_ request: AppendRequest, index: Int = 0) {
        self.request = request
        self.index = index
        sortedStreams = request.sortedStreams
        texts = sortedStreams.map { s in s.events.map { ($0.data.canonicalText, $0.metadata.json.canonicalText) } }
        requestHash = EventHash.request(request.canonicalJSON.canonicalText)
    }
}

struct StreamHead {
    var version: Int64
    var hash: [UInt8]
    var existedBefore: Bool
    var touched: Bool
}
