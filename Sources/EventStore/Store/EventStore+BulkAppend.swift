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
    /// requests). Event hashes are computed here; events, new keys and new heads go in with `COPY`;
    /// moved heads are advanced with one `UPDATE` that also detects a concurrent writer.
    ///
    /// The first attempt assumes what a payment run makes true: no key was used before (the
    /// batch's first and last keys are probed) and every stream appended as no-stream is new. So
    /// it looks up only the heads of streams appended with another expectation. The primary keys
    /// of the key and head tables hold the assumption: when one refuses, or a request is refused,
    /// the attempt is rolled back and the batch runs again with every key and head looked up by one
    /// set-based query each, which gives the exact answer (a retry skipped, a conflict named).
    ///
    /// Validating and canonicalising requests is the client's main cost, so it runs as a pipeline:
    /// slices of the batch are prepared on the cores while earlier slices are already streaming
    /// into `COPY`, and the server's work overlaps the client's. Slices are consumed in request
    /// order, so the error reported is the first request's that breaks a rule, whatever the rule.
    ///
    /// - Parameter requests: the commands, in order.
    /// - Returns: counts of what was appended and skipped.
    /// - Throws: ``EventStoreError`` naming the request (``EventStoreError/requestIndex``) and
    ///   field; nothing of the batch is kept.
    public func bulkAppend(_ requests: [AppendRequest]) async throws -> BulkAppendResult {
        guard !requests.isEmpty else {
            return BulkAppendResult(appendedRequests: 0, appendedEvents: 0, duplicateRequests: 0, xid: nil)
        }
        func attempt(optimistic: Bool) async throws -> BulkAppendResult {
            try await pool.withConnection { conn in
                try await conn.transaction { conn in try await self.bulkAppend(requests, on: conn, optimistic: optimistic) }
            }
        }
        do {
            // Optimistic unless the batch's first or last key was used before (an import re-run
            // after a crash): no key is a retry and every stream appended as no-stream is new. The
            // primary keys of the key and head tables hold that. Whatever an optimistic attempt
            // refuses is checked again with every key and head looked up first, so that the answer
            // is exactly the checked one: a retry skipped, a conflict named, and the first failing
            // request reported whatever its rule.
            let optimistic = try await noKeyUsedBefore(requests)
            do {
                return try await attempt(optimistic: optimistic)
            } catch where optimistic && EventStore.mayBeAWrongGuess(error) {
                return try await attempt(optimistic: false)
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

    /// Whether neither the batch's first nor its last idempotency key was used before (ids the
    /// naming rules refuse are not looked up: preparation refuses them).
    private func noKeyUsedBefore(_ requests: [AppendRequest]) async throws -> Bool {
        let probe = [requests[0].idempotencyKey, requests[requests.count - 1].idempotencyKey].filter {
            (try? AppendRequest.checkKey($0, limits: limits)) != nil
        }
        let found = try await pool.withConnection { conn in
            try await conn.query("SELECT 1 FROM event_store.idempotency_keys WHERE key = ANY($1::text[])", [PostgresArray(probe)])
        }
        return found.count == 0
    }

    /// Whether an optimistic attempt's failure may come from what it assumed rather than from the
    /// batch: a refusal of the key or head tables, or any refusal of a request (an earlier request
    /// that is a retry or meets an existing stream must be answered first).
    static func mayBeAWrongGuess(_ error: any Error) -> Bool {
        if error is EventStoreError { return true }
        guard let error = error as? PostgresError else { return false }
        return error.sqlState == PostgresError.uniqueViolation
            && (error.constraint == "idempotency_keys_pkey" || error.constraint == "streams_pkey")
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

    /// Validates and canonicalises `requests[range]`, and writes the `COPY` rows of each stream the
    /// request may create (expected: no-stream or any) as if it were new.
    /// - Returns: the requests prepared, up to the first that breaks a rule, and that rule broken.
    static func prepare(
        _ requests: [AppendRequest], _ range: Range<Int>, limits: EventStoreLimits, catalogue: any EventCatalogue,
        recordedAtMicros: Int64
    ) -> PreparedSlice {
        var out: [BulkRequest] = []
        out.reserveCapacity(range.count)
        for i in range {
            let p = PreparedRequest(requests[i], index: i)
            if var e = EventStore.violation(of: requests[i], limits: limits, catalogue: catalogue, texts: p) {
                e.requestIndex = i
                return PreparedSlice(requests: out, violation: e)
            }
            // An exact expectation is at least 1 (validated), so such a stream is never new.
            let rows = p.sortedStreams.indices.map { s -> StreamRows? in
                guard (p.sortedStreams[s].expected.wireValue ?? 0) == 0 else { return nil }
                return EventStore.rows(of: p, stream: s, from: StreamHead.new, recordedAtMicros: recordedAtMicros)
            }
            out.append(BulkRequest(prepared: p, rowsIfNew: rows))
        }
        return PreparedSlice(requests: out, violation: nil)
    }

    /// The `COPY` rows of one stream's events in a request, chained from `head`.
    static func rows(of p: PreparedRequest, stream s: Int, from head: StreamHead, recordedAtMicros: Int64) -> StreamRows {
        let append = p.sortedStreams[s]
        var version = head.version
        var previous = head.hash
        var bytes: [UInt8] = []
        bytes.reserveCapacity(append.events.count * 640)
        for (k, event) in append.events.enumerated() {
            version += 1
            let eventID = EventID.random()
            let text = p.texts[s][k]
            let hash = EventHash.compute(
                previous: previous, eventID: eventID, stream: append.stream, streamVersion: version,
                type: event.type, schemaVersion: event.schemaVersion, effectiveAt: event.effectiveAt,
                recordedAtMicros: recordedAtMicros, idempotencyKey: p.request.idempotencyKey,
                dataText: text.data, metadataText: text.metadata)
            var r = CopyTextRow()
            r.append(append.stream)
            r.append(version)
            r.append(eventID)
            r.append(event.type)
            r.append(event.schemaVersion)
            r.append(event.effectiveAt.description)
            r.append(text.data)
            r.append(text.metadata)
            r.append(p.request.idempotencyKey)
            r.append(PostgresBytes(previous))
            r.append(PostgresBytes(hash))
            bytes.append(contentsOf: r.bytes)
            bytes.append(0x0A)
            previous = hash
        }
        return StreamRows(bytes: bytes, version: version, hash: previous)
    }

    /// Requests per prepared slice, and how many slices may be prepared ahead of the `COPY`.
    static let bulkSlice = 1_000
    static var bulkSlicesAhead: Int { max(2, 2 * ProcessInfo.processInfo.activeProcessorCount) }

    private func bulkAppend(_ requests: [AppendRequest], on conn: PostgresConnection, optimistic: Bool) async throws -> BulkAppendResult {
        let header = try await conn.query("SELECT pg_current_xact_id()::text, event_store.micros(now())")
        guard let row = header.first, let xid = UInt64(try row.decode(String.self, 0)) else {
            throw EventStoreError(code: .database, message: "could not read the transaction id")
        }
        let recordedAt = try row.decode(Int64.self, 1)
        let limits = self.limits
        let catalogue = self.catalogue
        let sliceCount = (requests.count + EventStore.bulkSlice - 1) / EventStore.bulkSlice
        return try await withThrowingTaskGroup(of: (Int, PreparedSlice).self) { group in
            var started = 0
            func startNextSlice() {
                guard started < sliceCount else { return }
                let range = (started * EventStore.bulkSlice)..<min(requests.count, (started + 1) * EventStore.bulkSlice)
                let slice = started
                group.addTask {
                    (slice, EventStore.prepare(requests, range, limits: limits, catalogue: catalogue, recordedAtMicros: recordedAt))
                }
                started += 1
            }
            // Preparation starts now and runs while the lookups below wait on the server.
            for _ in 0..<EventStore.bulkSlicesAhead { startNextSlice() }
            var ready: [Int: PreparedSlice] = [:]
            var consumed = 0
            /// The next slice in request order, starting another one in its place.
            func nextSlice() async throws -> PreparedSlice? {
                guard consumed < sliceCount else { return nil }
                while ready[consumed] == nil {
                    guard let (slice, result) = try await group.next() else { return nil }
                    ready[slice] = result
                }
                let slice = ready.removeValue(forKey: consumed)!
                consumed += 1
                startNextSlice()
                return slice
            }
            return try await bulkAppend(
                requests, on: conn, xid: xid, recordedAt: recordedAt, optimistic: optimistic, nextSlice: nextSlice)
        }
    }

    private func bulkAppend(
        _ requests: [AppendRequest], on conn: PostgresConnection, xid: UInt64, recordedAt: Int64, optimistic: Bool,
        nextSlice: () async throws -> PreparedSlice?
    ) async throws -> BulkAppendResult {
        // Keys appended before (same content is a skip, other content fails the batch) and the heads
        // as they are now, read without locks: they are advanced at the end only if nobody moved them
        // meanwhile. Ids that break the naming rules are not looked up: preparation refuses them.
        // Optimistically, no key is looked up, nor a stream that is only ever appended as no-stream.
        let limits = self.limits
        var keys = Set<String>()
        var streams = Set<String>()
        for request in requests {
            if !optimistic, (try? AppendRequest.checkKey(request.idempotencyKey, limits: limits)) != nil {
                keys.insert(request.idempotencyKey)
            }
            for append in request.streams where !(optimistic && append.expected == .noStream) {
                if (try? AppendRequest.checkStream(append.stream, field: "", limits: limits)) != nil { streams.insert(append.stream) }
            }
        }
        let lookups = try await conn.pipeline([
            PostgresStatement(
                "SELECT key, request_hash FROM event_store.idempotency_keys WHERE key = ANY($1::text[])", [PostgresArray(Array(keys))]),
            PostgresStatement(
                "SELECT stream_id, version, last_hash FROM event_store.streams WHERE stream_id = ANY($1::text[])",
                [PostgresArray(Array(streams))]),
        ])
        var existingKeys: [String: [UInt8]] = [:]
        for row in lookups[0].rows {
            existingKeys[try row.decode(String.self, 0)] = try row.decode(PostgresBytes.self, 1).bytes
        }
        var state: [String: StreamHead] = [:]
        state.reserveCapacity(streams.count)
        for row in lookups[1].rows {
            let version = try row.decode(Int64.self, 1)
            state[try row.decode(String.self, 0)] = StreamHead(
                version: version, hash: try row.decode(PostgresBytes.self, 2).bytes, original: version, touched: false)
        }

        var appendedEvents = 0
        var appendedRequests = 0
        var skipped = 0
        var batchKeys: [String: (index: Int, hash: [UInt8])] = [:]
        batchKeys.reserveCapacity(requests.count)
        var keyRows: [UInt8] = []
        try await conn.copyIn(
            """
            COPY event_store.events (stream_id, stream_version, event_id, event_type, schema_version, effective_at,
                                     data, metadata, idempotency_key, prev_hash, hash) FROM STDIN
            """
        ) { w in
            var chunk: [UInt8] = []
            chunk.reserveCapacity(1 << 20)
            while let slice = try await nextSlice() {
                for b in slice.requests {
                    let p = b.prepared
                    let key = p.request.idempotencyKey
                    if let earlier = batchKeys[key] {
                        guard earlier.hash == p.requestHash else {
                            var e = EventStoreError(
                                code: .idempotencyKeyReused,
                                message: "idempotency key \"\(key)\" is used by requests \(earlier.index) and \(p.index) with different content",
                                field: "idempotencyKey", rule: "idempotency")
                            e.requestIndex = p.index
                            throw e
                        }
                        skipped += 1  // the same request twice in one batch: append it once
                        continue
                    }
                    batchKeys[key] = (p.index, p.requestHash)
                    if let stored = existingKeys[key] {
                        guard stored == p.requestHash else {
                            var e = EventStoreError(
                                code: .idempotencyKeyReused, message: "idempotency key \"\(key)\" was already used for a different request",
                                field: "idempotencyKey", rule: "idempotency")
                            e.requestIndex = p.index
                            throw e
                        }
                        skipped += 1
                        continue
                    }
                    appendedRequests += 1
                    var keyRow = CopyTextRow()
                    keyRow.append(key)
                    keyRow.append(PostgresBytes(p.requestHash))
                    keyRows.append(contentsOf: keyRow.bytes)
                    keyRows.append(0x0A)
                    for (s, append) in p.sortedStreams.enumerated() {
                        let head = state[append.stream] ?? StreamHead.new
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
                        // A new stream's rows were written during preparation; others are chained here.
                        let rows: StreamRows
                        if head.version == 0, let written = b.rowsIfNew[s] {
                            rows = written
                        } else {
                            rows = EventStore.rows(of: p, stream: s, from: head, recordedAtMicros: recordedAt)
                        }
                        chunk.append(contentsOf: rows.bytes)
                        appendedEvents += append.events.count
                        state[append.stream] = StreamHead(version: rows.version, hash: rows.hash, original: head.original, touched: true)
                    }
                }
                // A request refused by validation comes after every request before it was answered.
                if let violation = slice.violation { throw violation }
                // One write per slice keeps the server busy while the next slice is consumed.
                if chunk.count >= 1 << 16 {
                    try await w.write(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            if !chunk.isEmpty { try await w.write(chunk) }
        }
        guard appendedEvents > 0 else {
            return BulkAppendResult(appendedRequests: 0, appendedEvents: 0, duplicateRequests: skipped, xid: nil)
        }
        // New keys and new streams go straight in (a concurrent writer that took one fails the
        // batch on the primary key); moved heads are advanced only from the version read above.
        try await conn.copyIn("COPY event_store.idempotency_keys (key, request_hash) FROM STDIN") { w in
            try await w.write(keyRows)
        }
        let touched = state.filter { $0.value.touched }
        let created = touched.filter { $0.value.original == 0 }
        if !created.isEmpty {
            try await conn.copyIn("COPY event_store.streams (stream_id, version, last_hash) FROM STDIN") { w in
                var rows: [UInt8] = []
                for (stream, head) in created {
                    var r = CopyTextRow()
                    r.append(stream)
                    r.append(head.version)
                    r.append(PostgresBytes(head.hash))
                    rows.append(contentsOf: r.bytes)
                    rows.append(0x0A)
                }
                try await w.write(rows)
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
            appendedRequests: appendedRequests, appendedEvents: appendedEvents, duplicateRequests: skipped, xid: xid)
    }
}

struct StreamHead {
    var version: Int64
    var hash: [UInt8]
    /// The version read from the database (0 for a new stream).
    let original: Int64
    var touched: Bool

    /// A stream that does not exist yet.
    static let new = StreamHead(version: 0, hash: EventHash.zero, original: 0, touched: false)
}

/// A validated request of a bulk append, with its streams' rows written as if each stream were new.
struct BulkRequest: Sendable {
    let prepared: PreparedRequest
    /// Per sorted stream: its events' `COPY` rows chained from version 0 and the zero hash, for a
    /// stream the request may create (`nil` under an exact expectation).
    let rowsIfNew: [StreamRows?]
}

/// A slice of a bulk append's requests, prepared up to the first that breaks a rule.
struct PreparedSlice: Sendable {
    let requests: [BulkRequest]
    /// The rule the request after `requests` breaks, if one does.
    let violation: EventStoreError?
}

/// One stream's events in one request as `COPY` text rows, and the head they leave.
struct StreamRows: Sendable {
    let bytes: [UInt8]
    let version: Int64
    let hash: [UInt8]
}
