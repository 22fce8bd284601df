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
    /// whole batch) and its expected versions (checked in order, against the stream heads read
    /// at the start and re-checked when the heads are advanced, and against the batch's own earlier
    /// requests). Existing keys and heads are looked up with one set-based query each; event hashes
    /// are computed here; events, new keys and new heads go in with `COPY`; moved heads are
    /// advanced with one `UPDATE` that also detects a concurrent writer.
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
        // Canonicalising, hashing and validating are pure and dominate the client's time: spread
        // them over the cores, in contiguous slices so that the first failing request is reported.
        let all = try await EventStore.prepareConcurrently(requests, limits: limits, catalogue: catalogue)
        for (i, p) in all.enumerated() {
            let request = p.request
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

    static func violation(
        of request: AppendRequest, limits: EventStoreLimits, catalogue: any EventCatalogue, texts: PreparedRequest
    ) -> EventStoreError? {
        do {
            try request.validate(limits: limits, catalogue: catalogue, texts: texts)
            return nil
        } catch {
            return error
        }
    }

    static func prepareConcurrently(
        _ requests: [AppendRequest], limits: EventStoreLimits, catalogue: any EventCatalogue
    ) async throws(EventStoreError) -> [PreparedRequest] {
        let slices = max(1, min(ProcessInfo.processInfo.activeProcessorCount, requests.count / 2000))
        let size = (requests.count + slices - 1) / slices
        let parts = await withTaskGroup(of: (Int, Result<[PreparedRequest], EventStoreError>).self) { group in
            for slice in 0..<slices {
                let range = (slice * size)..<min(requests.count, (slice + 1) * size)
                group.addTask {
                    var out: [PreparedRequest] = []
                    out.reserveCapacity(range.count)
                    for i in range {
                        let p = PreparedRequest(requests[i], index: i)
                        if var e = EventStore.violation(of: requests[i], limits: limits, catalogue: catalogue, texts: p) {
                            e.requestIndex = i
                            return (slice, .failure(e))
                        }
                        out.append(p)
                    }
                    return (slice, .success(out))
                }
            }
            var parts: [(Int, Result<[PreparedRequest], EventStoreError>)] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }
        }
        var prepared: [PreparedRequest] = []
        prepared.reserveCapacity(requests.count)
        for (_, part) in parts { prepared += try part.get() }
        return prepared
    }

    private func bulkAppend(
        _ prepared: [PreparedRequest], streams: Set<String>, skippedInBatch: Int, on conn: PostgresConnection
    ) async throws -> BulkAppendResult {
        let header = try await conn.query("SELECT pg_current_xact_id()::text, event_store.micros(now())")
        guard let row = header.first, let xid = UInt64(try row.decode(String.self, 0)) else {
            throw EventStoreError(code: .database, message: "could not read the transaction id")
        }
        let recordedAt = try row.decode(Int64.self, 1)

        // Keys appended before: same content is a skip, other content fails the batch.
        let existing = try await conn.query(
            "SELECT key, request_hash FROM event_store.idempotency_keys WHERE key = ANY($1::text[])",
            [PostgresArray(prepared.map { $0.request.idempotencyKey })])
        var skip = Set<String>()
        if existing.count > 0 {
            let hashes = Dictionary(prepared.map { ($0.request.idempotencyKey, $0) }, uniquingKeysWith: { a, _ in a })
            for row in existing.rows {
                let key = try row.decode(String.self, 0)
                let stored = try row.decode(PostgresBytes.self, 1).bytes
                guard let p = hashes[key], p.requestHash == stored else {
                    var e = EventStoreError(
                        code: .idempotencyKeyReused, message: "idempotency key \"\(key)\" was already used for a different request",
                        field: "idempotencyKey", rule: "idempotency")
                    e.requestIndex = hashes[key]?.index
                    throw e
                }
                skip.insert(key)
            }
        }

        // The heads as they are now, read without locks: they are advanced at the end only if
        // nobody moved them meanwhile.
        let heads = try await conn.query(
            "SELECT stream_id, version, last_hash FROM event_store.streams WHERE stream_id = ANY($1::text[])",
            [PostgresArray(Array(streams))])
        var state: [String: StreamHead] = [:]
        state.reserveCapacity(streams.count)
        for row in heads.rows {
            let version = try row.decode(Int64.self, 1)
            state[try row.decode(String.self, 0)] = StreamHead(
                version: version, hash: try row.decode(PostgresBytes.self, 2).bytes, original: version, touched: false)
        }

        var appendedEvents = 0
        var appendedRequests = 0
        try await conn.copyIn(
            """
            COPY event_store.events (stream_id, stream_version, event_id, event_type, schema_version, effective_at,
                                     data, metadata, idempotency_key, prev_hash, hash) FROM STDIN
            """
        ) { w in
            var chunk: [UInt8] = []
            chunk.reserveCapacity(1 << 20)
            for p in prepared where !skip.contains(p.request.idempotencyKey) {
                appendedRequests += 1
                for (s, append) in p.sortedStreams.enumerated() {
                    var head = state[append.stream] ?? StreamHead(version: 0, hash: EventHash.zero, original: 0, touched: false)
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
                        let eventID = EventID.random()
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
                        chunk.append(contentsOf: r.bytes)
                        chunk.append(0x0A)
                        head.hash = hash
                        appendedEvents += 1
                    }
                    head.touched = true
                    state[append.stream] = head
                    if chunk.count >= 1 << 20 {
                        try await w.write(chunk)
                        chunk.removeAll(keepingCapacity: true)
                    }
                }
            }
            try await w.write(chunk)
        }
        // New keys and new streams go straight in (a concurrent writer that took one fails the
        // batch on the primary key); moved heads are advanced only from the version read above.
        try await conn.copyIn("COPY event_store.idempotency_keys (key, request_hash) FROM STDIN") { w in
            for p in prepared where !skip.contains(p.request.idempotencyKey) {
                var r = CopyTextRow()
                r.append(p.request.idempotencyKey)
                r.append(PostgresBytes(p.requestHash))
                try await w.write(r.line)
            }
        }
        let touched = state.filter { $0.value.touched }
        let created = touched.filter { $0.value.original == 0 }
        if !created.isEmpty {
            try await conn.copyIn("COPY event_store.streams (stream_id, version, last_hash) FROM STDIN") { w in
                for (stream, head) in created {
                    var r = CopyTextRow()
                    r.append(stream)
                    r.append(head.version)
                    r.append(PostgresBytes(head.hash))
                    try await w.write(r.line)
                }
            }
        }
        let moved = touched.filter { $0.value.original > 0 }
        var statements: [PostgresStatement] = []
        if !moved.isEmpty {
            statements.append(PostgresStatement(
                """
                UPDATE event_store.streams h SET version = u.version, last_hash = u.last_hash
                FROM unnest($1::text[], $2::bigint[], $3::bytea[], $4::bigint[]) AS u(stream_id, version, last_hash, original)
                WHERE h.stream_id = u.stream_id AND h.version = u.original
                """,
                [PostgresArray(moved.map { $0.key }), PostgresArray(moved.map { $0.value.version }),
                 PostgresArray(moved.map { PostgresBytes($0.value.hash) }), PostgresArray(moved.map { $0.value.original })]))
        }
        statements.append(PostgresStatement("SELECT pg_notify('\(EventStore.channel)', '')"))
        let results = try await conn.pipeline(statements)
        if !moved.isEmpty, results[0].affectedRows != Int64(moved.count) {
            throw EventStoreError(
                code: .wrongExpectedVersion,
                message: "another writer appended to \(moved.count - Int(results[0].affectedRows ?? 0)) of this batch's streams meanwhile; nothing was appended, retry the batch",
                field: "stream", rule: "concurrency")
        }
        return BulkAppendResult(
            appendedRequests: appendedRequests, appendedEvents: appendedEvents,
            duplicateRequests: skip.count + skippedInBatch, xid: appendedEvents > 0 ? xid : nil)
    }
}

struct StreamHead {
    var version: Int64
    var hash: [UInt8]
    /// The version read from the database (0 for a new stream).
    let original: Int64
    var touched: Bool
}
