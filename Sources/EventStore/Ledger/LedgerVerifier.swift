import Postgres

/// Recomputes everything the ledger's integrity rests on (DESIGN.md §3.6) and names the first
/// thing that does not hold.
///
/// It reads only the `audit` views, so an auditor can run it with the `daftar_auditor` role.
/// Three passes over the database, each one streaming `COPY`:
/// 1. the global chain, in `ledger_seq` order: no holes, each link recomputed, each entry's event
///    present at its position with the hash that was sequenced, readers' order respected, and
///    every seal's Merkle root and chain head recomputed;
/// 2. every event in stream order: its hash recomputed from its content, versions contiguous from 1,
///    each event linked to its predecessor's hash, the stream head matching the last event;
/// 3. no event below the sequenced tail that the ledger does not know (a forged insertion).
/// Seals are checked against their signatures, and against an exported copy when one is given.
public struct LedgerVerifier: Sendable {
    let conninfo: String

    /// A verifier for the database at `conninfo` (any role that can read the event store).
    public init(conninfo: String) {
        self.conninfo = conninfo
    }

    /// Something that does not hold, located as precisely as possible.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public var ledgerSeq: Int64?
        public var stream: String?
        public var streamVersion: Int64?
        public var eventID: String?
        public var position: Int64?
        public var sealNo: Int64?
        /// What differs.
        public var what: String

        public var description: String {
            var parts: [String] = []
            if let sealNo { parts.append("seal \(sealNo)") }
            if let ledgerSeq { parts.append("ledger_seq \(ledgerSeq)") }
            if let stream { parts.append("stream \(stream)") }
            if let streamVersion { parts.append("version \(streamVersion)") }
            if let eventID { parts.append("event \(eventID)") }
            if let position { parts.append("position \(position)") }
            return (parts.isEmpty ? "" : parts.joined(separator: ", ") + ": ") + what
        }
    }

    /// What was checked, and the first finding if any.
    public struct Report: Sendable {
        public var ledgerEntries = 0
        public var events = 0
        public var streams = 0
        public var seals = 0
        /// Readable events not yet sequenced (normal: the sequencer has not reached them yet).
        public var unsequenced = 0
        /// The first thing that does not hold; `nil` when everything does.
        public var finding: Finding?

        /// Whether everything holds.
        public var isIntact: Bool { finding == nil }
    }

    struct Stop: Error { let finding: Finding }

    /// Verifies the ledger.
    /// - Parameters:
    ///   - fromSeq: the first ledger entry to check (default 1). With a range, stream chains are
    ///     checked for the events of the range only (each linked to its predecessor).
    ///   - toSeq: the last ledger entry to check (default: the tail).
    ///   - exportedSeals: seals an auditor kept outside the system, to compare with the database's.
    ///   - trustedKey: the public key seals must be signed with (default: each seal's own key).
    ///   - progress: called with (items checked, items to check).
    /// - Returns: the report; `finding` names the first mismatch.
    /// - Throws: ``PostgresError`` on an operational failure.
    public func verify(
        fromSeq: Int64? = nil, toSeq: Int64? = nil, exportedSeals: [Seal]? = nil, trustedKey: [UInt8]? = nil,
        progress: @escaping (Int, Int) -> Void = { _, _ in }
    ) async throws -> Report {
        let conn = try await PostgresConnection.connect(conninfo)
        defer { Task { await conn.close() } }
        var report = Report()
        do {
            try await conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            let tail = try await LedgerSequencer.tail(on: conn, schema: "audit")
            let first = max(1, fromSeq ?? 1)
            let last = min(tail.ledgerSeq, toSeq ?? tail.ledgerSeq)
            let ranged = fromSeq != nil || toSeq != nil
            let totals = try await conn.query("SELECT (SELECT count(*) FROM audit.events)").first!.decode(Int.self, 0)
            let total = max(1, Int(max(0, last - first + 1)) + (ranged ? Int(max(0, last - first + 1)) : totals))
            var done = 0
            let seals = try await LedgerSeals.seals(on: conn, fromSeq: first, schema: "audit").filter { $0.fromSeq >= first && $0.toSeq <= last }
            try checkSeals(seals, exported: exportedSeals, trustedKey: trustedKey, tail: last)
            report.seals = seals.count
            try await verifyChain(conn, first: first, last: last, seals: seals, report: &report) { n in
                done += n
                progress(done, total)
            }
            try await verifyStreams(conn, first: first, last: last, ranged: ranged, report: &report) { n in
                done += n
                progress(done, total)
            }
            if !ranged {
                try await verifyNothingUnsequencedBelowTail(conn, tail: tail)
                report.unsequenced = try await conn.query(
                    "SELECT count(*) FROM audit.events e WHERE (e.xid, e.position) > ($1::xid8, $2::bigint)",
                    [String(tail.checkpoint.xid), tail.checkpoint.position]
                ).first!.decode(Int.self, 0)
            }
            progress(total, total)
            try await conn.execute("COMMIT")
        } catch let stop as Stop {
            try? await conn.execute("ROLLBACK")
            report.finding = stop.finding
        }
        await conn.close()
        return report
    }

    // MARK: Seals

    func checkSeals(_ seals: [Seal], exported: [Seal]?, trustedKey: [UInt8]?, tail: Int64) throws {
        for seal in seals {
            if !seal.hasValidSignature(key: trustedKey) {
                throw Stop(finding: Finding(sealNo: seal.sealNo, what: "the seal in the database does not match its signature\(trustedKey == nil ? "" : " under the trusted key")"))
            }
        }
        guard let exported else { return }
        let byNumber = Dictionary(seals.map { ($0.sealNo, $0) }, uniquingKeysWith: { a, _ in a })
        for kept in exported {
            guard kept.hasValidSignature(key: trustedKey) else {
                throw Stop(finding: Finding(sealNo: kept.sealNo, what: "the exported seal does not match its signature: its range, root or chain head was altered"))
            }
            guard kept.toSeq <= tail else {
                throw Stop(finding: Finding(sealNo: kept.sealNo, what: "the exported seal covers ledger_seq up to \(kept.toSeq), but the ledger ends at \(tail): entries were removed"))
            }
            guard let stored = byNumber[kept.sealNo] else {
                throw Stop(finding: Finding(sealNo: kept.sealNo, what: "the exported seal is missing from the database"))
            }
            guard stored == kept else {
                throw Stop(finding: Finding(sealNo: kept.sealNo, what: "the seal in the database differs from the exported one"))
            }
        }
    }

    // MARK: Pass 1: the global chain

    func verifyChain(
        _ conn: PostgresConnection, first: Int64, last: Int64, seals: [Seal], report: inout Report, advance: (Int) -> Void
    ) async throws {
        var previousChain = EventHash.zero
        if first > 1 {
            guard let row = try await conn.query("SELECT chain_hash FROM audit.ledger WHERE ledger_seq = $1", [first - 1]).first else {
                throw Stop(finding: Finding(ledgerSeq: first - 1, what: "ledger entry missing (a hole in ledger_seq)"))
            }
            previousChain = try row.decode(PostgresBytes.self, 0).bytes
        }
        guard last >= first else { return }
        var expected = first
        var previousOrder: (UInt64, Int64)?
        var sealIndex = 0
        var leaves: [[UInt8]] = []
        var failure: Finding?
        var count = 0
        try await conn.copyOut(
            """
            COPY (SELECT l.ledger_seq, l.position, l.xid::text, encode(l.event_hash, 'hex'), encode(l.chain_hash, 'hex'),
                         e.position, e.xid::text, encode(e.hash, 'hex'), e.stream_id, e.stream_version, e.event_id
                  FROM audit.ledger l
                  LEFT JOIN audit.events e ON e.position = l.position
                  WHERE l.ledger_seq BETWEEN \(first) AND \(last)
                  ORDER BY l.ledger_seq) TO STDOUT
            """
        ) { chunk in
            guard failure == nil else { return }
            var lines = 0
            CopyTextFields.forEachLine(in: chunk) { line in
                guard failure == nil else { return }
                lines += 1
                let f = CopyTextFields.split(line)
                let seq = Int64(f[0] ?? "") ?? -1
                let position = Int64(f[1] ?? "") ?? -1
                var here = Finding(ledgerSeq: seq, stream: f[8], streamVersion: f[9].flatMap { Int64($0) }, eventID: f[10], position: position, what: "")
                func fail(_ what: String) {
                    here.what = what
                    failure = here
                }
                guard seq == expected else {
                    fail(seq > expected ? "ledger entries \(expected)…\(seq - 1) are missing (a hole in ledger_seq)" : "ledger entry out of order")
                    here.ledgerSeq = expected
                    failure = here
                    return
                }
                expected += 1
                let eventHash = Hex.decode(f[3] ?? "") ?? []
                let chain = LedgerSequencer.chain(previousChain, eventHash)
                guard Hex.encode(chain) == f[4] ?? "" else { return fail("the global chain does not link: chain hash recomputed differs") }
                previousChain = chain
                guard f[5] != nil else { return fail("the sequenced event is gone: no event at this position (removed)") }
                guard f[7] == f[3] else { return fail("the event at this position is not the one sequenced: its hash differs (replaced or moved)") }
                guard f[6] == f[2] else { return fail("the event's transaction id differs from the one sequenced") }
                let order = (UInt64(f[2] ?? "") ?? 0, position)
                if let p = previousOrder, !(p < order) {
                    return fail("ledger order is not the readers' (xid, position) order")
                }
                previousOrder = order
                // Seals: collect the range's event hashes and recompute its root at the end.
                while sealIndex < seals.count && seals[sealIndex].toSeq < seq { sealIndex += 1 }
                if sealIndex < seals.count, seals[sealIndex].fromSeq <= seq {
                    leaves.append(eventHash)
                    if seq == seals[sealIndex].toSeq {
                        let seal = seals[sealIndex]
                        if MerkleTree.root(leaves) != seal.merkleRoot {
                            here.sealNo = seal.sealNo
                            return fail("the seal's Merkle root no longer matches the event hashes of ledger_seq \(seal.fromSeq)…\(seal.toSeq)")
                        }
                        if chain != seal.chainHead {
                            here.sealNo = seal.sealNo
                            return fail("the seal's chain head no longer matches the global chain")
                        }
                        leaves.removeAll(keepingCapacity: true)
                        sealIndex += 1
                    }
                }
            }
            count += lines
            advance(lines)
        }
        if let failure { throw Stop(finding: failure) }
        if expected <= last {
            throw Stop(finding: Finding(ledgerSeq: expected, what: "ledger entries \(expected)…\(last) are missing"))
        }
        report.ledgerEntries = count
    }

    // MARK: Pass 2: every event and every stream chain

    func verifyStreams(
        _ conn: PostgresConnection, first: Int64, last: Int64, ranged: Bool, report: inout Report, advance: (Int) -> Void
    ) async throws {
        let scope =
            ranged
            ? "WHERE e.position IN (SELECT position FROM audit.ledger WHERE ledger_seq BETWEEN \(first) AND \(last))" : ""
        let predecessor =
            ranged
            ? "(SELECT encode(p.hash, 'hex') FROM audit.events p WHERE p.stream_id = e.stream_id AND p.stream_version = e.stream_version - 1 LIMIT 1)"
            : "NULL"
        var failure: Finding?
        var previous: (stream: String, version: Int64, hash: [UInt8], head: (Int64, String)?)?
        var events = 0
        var streams = 0
        func closeStream() -> Finding? {
            guard !ranged, let p = previous else { return nil }
            guard let head = p.head else {
                return Finding(stream: p.stream, what: "the stream has events but no head")
            }
            if head.0 != p.version || head.1 != Hex.encode(p.hash) {
                return Finding(stream: p.stream, streamVersion: p.version, what: "the stream head (version \(head.0)) does not match its last event")
            }
            return nil
        }
        try await conn.copyOut(
            """
            COPY (SELECT e.stream_id, e.stream_version, e.event_id, e.event_type, e.schema_version,
                         to_char(e.effective_at, 'YYYY-MM-DD'), (extract(epoch FROM e.recorded_at) * 1000000)::bigint, e.idempotency_key,
                         e.data::text, e.metadata::text, encode(e.prev_hash, 'hex'), encode(e.hash, 'hex'), e.position,
                         h.version, encode(h.last_hash, 'hex'), \(predecessor)
                  FROM audit.events e LEFT JOIN audit.stream_heads h ON h.stream_id = e.stream_id
                  \(scope)
                  ORDER BY e.stream_id, e.stream_version) TO STDOUT
            """
        ) { chunk in
            guard failure == nil else { return }
            var lines = 0
            CopyTextFields.forEachLine(in: chunk) { line in
                guard failure == nil else { return }
                lines += 1
                let f = CopyTextFields.split(line)
                let stream = f[0] ?? ""
                let version = Int64(f[1] ?? "") ?? -1
                let eventID = f[2] ?? ""
                let prevHash = Hex.decode(f[10] ?? "") ?? []
                let hash = Hex.decode(f[11] ?? "") ?? []
                var here = Finding(stream: stream, streamVersion: version, eventID: eventID, position: Int64(f[12] ?? ""), what: "")
                func fail(_ what: String) {
                    here.what = what
                    failure = here
                }
                guard let date = try? BusinessDate(parsing: f[5] ?? ""), let recorded = Int64(f[6] ?? ""), let schema = Int(f[4] ?? "") else {
                    return fail("the event's columns are unreadable")
                }
                let recomputed = EventHash.compute(
                    previous: prevHash, eventID: eventID, stream: stream, streamVersion: version, type: f[3] ?? "", schemaVersion: schema,
                    effectiveAt: date, recordedAtMicros: recorded, idempotencyKey: f[7] ?? "", dataText: f[8] ?? "", metadataText: f[9] ?? "")
                guard recomputed == hash else { return fail("the event's content does not match its hash (altered)") }
                events += 1
                if let p = previous, p.stream == stream {
                    if version == p.version { return fail("two events hold this stream version (one is forged)") }
                    if version != p.version + 1 { return fail("versions \(p.version + 1)…\(version - 1) of the stream are missing (removed)") }
                    if prevHash != p.hash { return fail("the event does not link to the stream's previous event (stream chain broken)") }
                } else {
                    if let finding = closeStream() {
                        failure = finding
                        return
                    }
                    streams += 1
                    if ranged && version > 1 {
                        guard let link = f[15] else { return fail("the stream's previous event (version \(version - 1)) is missing") }
                        if Hex.encode(prevHash) != link { return fail("the event does not link to the stream's previous event (stream chain broken)") }
                    } else if !ranged {
                        if version != 1 { return fail("versions 1…\(version - 1) of the stream are missing (removed)") }
                        if prevHash != EventHash.zero { return fail("the stream's first event does not start its chain") }
                    }
                }
                let head: (Int64, String)? = f[13].flatMap { Int64($0) }.map { ($0, f[14] ?? "") }
                previous = (stream, version, hash, head)
            }
            advance(lines)
        }
        if failure == nil, let finding = closeStream() { failure = finding }
        if let failure { throw Stop(finding: failure) }
        report.events = events
        report.streams = streams
    }

    // MARK: Pass 3: nothing unsequenced below the tail

    func verifyNothingUnsequencedBelowTail(_ conn: PostgresConnection, tail: LedgerSequencer.Tail) async throws {
        guard tail.ledgerSeq > 0 else { return }
        let r = try await conn.query(
            """
            SELECT e.position, e.stream_id, e.stream_version, e.event_id::text
            FROM audit.events e
            WHERE (e.xid, e.position) <= ($1::xid8, $2::bigint)
              AND NOT EXISTS (SELECT 1 FROM audit.ledger l WHERE l.position = e.position)
            ORDER BY e.xid, e.position LIMIT 1
            """, [String(tail.checkpoint.xid), tail.checkpoint.position])
        if let row = r.first {
            throw Stop(
                finding: Finding(
                    stream: try row.decode(String.self, 1), streamVersion: try row.decode(Int64.self, 2), eventID: try row.decode(String.self, 3),
                    position: try row.decode(Int64.self, 0),
                    what: "the event lies inside the sequenced part of the log but the ledger never sequenced it (inserted afterwards)"))
        }
    }
}
