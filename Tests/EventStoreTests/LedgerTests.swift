import DaftarJSON
import DaftarTesting
import EventStore
import Postgres
import Testing

/// A small ledger: 3 streams × 4 events, sequenced and sealed.
private func sealedLedger() async throws -> (TestDatabase, EventStore, SealingKey, [Seal]) {
    let db = try await TestCluster.newDatabase()
    let store = EventStore(pool: db.pool())
    for s in 0..<3 {
        for v in 0..<4 {
            _ = try await store.append(request("k-\(s)-\(v)", "hh-\(s)", .any, [event("PaymentIssued", ["amountMinor": .number(JSONNumber(Int64(125_000 + v)))])]))
        }
    }
    _ = try await store.readEverything()
    let sequencer = LedgerSequencer(conninfo: db.uri, batchSize: 5)
    #expect(try await sequencer.catchUp() == 12)
    let key = SealingKey()
    let conn = try await PostgresConnection.connect(db.uri)
    let first = try #require(try await LedgerSeals.seal(on: conn, key: key))
    #expect(first.fromSeq == 1 && first.toSeq == 12)
    #expect(try await LedgerSeals.seal(on: conn, key: key) == nil)
    await conn.close()
    return (db, store, key, [first])
}

/// Runs `sql` as the superuser with triggers disabled: the attacker the tamper tests imagine.
private func tamper(_ db: TestDatabase, _ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws {
    let su = try await db.superuser()
    try await su.execute("SET session_replication_role = replica")
    try await su.query(sql, parameters)
    await su.close()
}

@Suite struct LedgerTests {
    @Test func anUntouchedLedgerVerifies() async throws {
        let (db, store, key, seals) = try await sealedLedger()
        let report = try await LedgerVerifier(conninfo: db.uri).verify(exportedSeals: seals, trustedKey: key.publicKey)
        #expect(report.isIntact, "\(report.finding?.description ?? "")")
        #expect(report.ledgerEntries == 12 && report.events == 12 && report.streams == 3 && report.seals == 1)
        // Readers' order is ledger order.
        let conn = try await PostgresConnection.connect(db.uri)
        let ledger = try await conn.query("SELECT position FROM event_store.ledger ORDER BY ledger_seq").rows.map { try $0.decode(Int64.self, 0) }
        #expect(ledger == (try await store.readEverything()).map(\.position))
        await conn.close()
        // A range verifies too.
        let ranged = try await LedgerVerifier(conninfo: db.uri).verify(fromSeq: 4, toSeq: 9)
        #expect(ranged.isIntact, "\(ranged.finding?.description ?? "")")
        #expect(ranged.ledgerEntries == 6 && ranged.events == 6)
    }

    @Test func aChangedPayloadByteIsNamed() async throws {
        let (db, store, _, _) = try await sealedLedger()
        let victim = try await store.readStream("hh-1")[2]
        try await tamper(db, "UPDATE event_store.events SET data = replace(data::text, '125002', '125009')::json WHERE position = $1", [victim.position])
        let report = try await LedgerVerifier(conninfo: db.uri).verify()
        let finding = try #require(report.finding)
        #expect(finding.eventID == victim.eventID)
        #expect(finding.stream == "hh-1" && finding.streamVersion == 3)
        #expect(finding.what.contains("altered"))
    }

    @Test func aDeletedEventIsNamed() async throws {
        let (db, store, _, _) = try await sealedLedger()
        let victim = try await store.readStream("hh-2")[1]
        try await tamper(db, "DELETE FROM event_store.events WHERE position = $1", [victim.position])
        let finding = try #require(try await LedgerVerifier(conninfo: db.uri).verify().finding)
        #expect(finding.position == victim.position)
        #expect(finding.ledgerSeq != nil)
        #expect(finding.what.contains("gone"))
    }

    @Test func swappedPositionsAreNamed() async throws {
        let (db, store, _, _) = try await sealedLedger()
        let a = try await store.readStream("hh-0")[1]
        let b = try await store.readStream("hh-2")[3]
        try await tamper(
            db, "UPDATE event_store.events SET position = CASE WHEN position = $1 THEN $2 ELSE $1 END WHERE position IN ($1, $2)",
            [a.position, b.position])
        let finding = try #require(try await LedgerVerifier(conninfo: db.uri).verify().finding)
        #expect([a.position, b.position].contains(finding.position ?? -1))
        #expect(finding.what.contains("not the one sequenced"))
    }

    @Test func aForgedEventWithARecomputedHashIsNamed() async throws {
        let (db, store, _, _) = try await sealedLedger()
        let last = try await store.readStream("hh-0").last!
        let early = try await store.readStream("hh-0").first!
        // A careful forger: correct stream hash, head updated, an old transaction id so it sits in sealed history.
        let forgedID = "00000000-0000-4000-8000-000000000001"
        let hash = EventHash.compute(
            previous: last.hash, eventID: forgedID, stream: "hh-0", streamVersion: 5, type: "PaymentIssued", schemaVersion: 1,
            effectiveAt: last.effectiveAt, recordedAtMicros: last.recordedAtMicros, idempotencyKey: "forged", dataText: #"{"amountMinor":999999}"#,
            metadataText: last.metadataText)
        try await tamper(
            db,
            """
            INSERT INTO event_store.events (position, xid, recorded_at, stream_id, stream_version, event_id, event_type, schema_version,
              effective_at, data, metadata, idempotency_key, prev_hash, hash)
            VALUES (nextval('event_store.event_position'), $1::xid8, to_timestamp($2::bigint / 1000000.0), 'hh-0', 5, $3::uuid, 'PaymentIssued', 1,
              $4::date, '{"amountMinor":999999}', $5::json, 'forged', $6, $7)
            """,
            [String(early.checkpoint.xid), last.recordedAtMicros, forgedID, last.effectiveAt.description, last.metadataText,
             PostgresBytes(last.hash), PostgresBytes(hash)])
        try await tamper(db, "UPDATE event_store.streams SET version = 5, last_hash = $1 WHERE stream_id = 'hh-0'", [PostgresBytes(hash)])
        let finding = try #require(try await LedgerVerifier(conninfo: db.uri).verify().finding)
        #expect(finding.eventID == forgedID)
        #expect(finding.what.contains("never sequenced"))
    }

    @Test func aReplacedSealRootIsNamed() async throws {
        let (db, _, key, seals) = try await sealedLedger()
        var json = seals[0].json.objectValue!
        json["merkleRoot"] = .string(String(repeating: "ab", count: 32))
        let forged = try Seal(json: .object(json))
        let finding = try #require(try await LedgerVerifier(conninfo: db.uri).verify(exportedSeals: [forged], trustedKey: key.publicKey).finding)
        #expect(finding.sealNo == 1)
        #expect(finding.what.contains("signature"))
        // A seal signed by another key is refused under the trusted key.
        let other = SealingKey()
        let report = try await LedgerVerifier(conninfo: db.uri).verify(trustedKey: other.publicKey)
        #expect(report.finding?.sealNo == 1)
    }

    @Test func aHoleInTheLedgerIsNamedAndCannotBeMadeByInsert() async throws {
        let (db, _, _, _) = try await sealedLedger()
        let conn = try await PostgresConnection.connect(db.uri)
        let gap = await #expect(throws: PostgresError.self) {
            try await conn.query(
                "INSERT INTO event_store.ledger (ledger_seq, position, xid, recorded_at, event_hash, chain_hash) VALUES (20, 999, '1', now(), $1, $1)",
                [PostgresBytes(EventHash.zero)])
        }
        #expect(gap?.sqlState == "DF011")
        await conn.close()
        try await tamper(db, "DELETE FROM event_store.ledger WHERE ledger_seq = 7")
        let finding = try #require(try await LedgerVerifier(conninfo: db.uri).verify().finding)
        #expect(finding.ledgerSeq == 7)
        #expect(finding.what.contains("missing"))
    }

    @Test(.timeLimit(.minutes(10)))  // a safety net against hangs, not a measure: the suite runs beside CPU-heavy backtests
    func aNewLeaderTakesOverAndTheSequenceStaysContiguous() async throws {
        let db = try await TestCluster.newDatabase()
        let store = EventStore(pool: db.pool(maximumConnections: 6))
        let first = LedgerSequencer(conninfo: db.uri, batchSize: 50)
        let second = LedgerSequencer(conninfo: db.uri, batchSize: 50)
        let runA = Task { await first.run(pollInterval: .milliseconds(20)) }
        try await Task.sleep(for: .milliseconds(300))
        let runB = Task { await second.run(pollInterval: .milliseconds(20)) }
        let writers = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for w in 0..<4 {
                    group.addTask {
                        for i in 0..<400 {
                            _ = try await store.append(request("w\(w)-\(i)", "s-\(w)-\(i % 7)", .any, [event()]))
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        // Kill the leader's connection while the writers are busy.
        let admin = try await db.superuser()
        try await Task.sleep(for: .milliseconds(800))
        let leaders = try await admin.query(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = $1)", [db.name])
        let leader = try #require(leaders.first).decode(Int.self, 0)
        try await admin.query("SELECT pg_terminate_backend($1)", [leader])
        try await writers.value
        // Wait for the ledger to catch up with the log.
        let deadline = ContinuousClock.now + .seconds(60)
        var counts = (0, 1)
        while ContinuousClock.now < deadline {
            let r = try await admin.query("SELECT (SELECT count(*) FROM event_store.ledger), (SELECT count(*) FROM event_store.events)").first!
            counts = (try r.decode(Int.self, 0), try r.decode(Int.self, 1))
            if counts.0 == counts.1 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        runA.cancel()
        runB.cancel()
        #expect(counts.0 == 1600 && counts.1 == 1600)
        let newLeader = try await admin.query(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = $1)", [db.name])
        #expect(try newLeader.first?.decode(Int.self, 0) != leader)
        let seqs = try await admin.query("SELECT ledger_seq, position FROM event_store.ledger ORDER BY ledger_seq")
        #expect(try seqs.rows.map { try $0.decode(Int64.self, 0) } == Array(1...1600))
        let positions = try seqs.rows.map { try $0.decode(Int64.self, 1) }
        let readOrder = try await store.readEverything().map(\.position)
        #expect(positions == readOrder, "ledger order is the readers' order")
        let report = try await LedgerVerifier(conninfo: db.uri).verify()
        #expect(report.isIntact, "\(report.finding?.description ?? "")")
        await admin.close()
    }

    @Test func merkleRootsFollowRFC6962() {
        let leaves = (0..<7).map { i in [UInt8](repeating: UInt8(i), count: 32) }
        let r7 = MerkleTree.root(leaves)
        #expect(r7 != MerkleTree.root(Array(leaves.prefix(6))))
        #expect(MerkleTree.root(Array(leaves.reversed())) != r7)
        #expect(MerkleTree.root([]) == Hex.decode("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")!)
        #expect(MerkleTree.root([leaves[0]]).count == 32)
    }
}
