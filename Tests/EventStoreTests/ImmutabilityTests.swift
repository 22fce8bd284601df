import DaftarTesting
import EventStore
import Postgres
import Testing

@Suite struct ImmutabilityTests {
    static let changes = [
        "UPDATE event_store.events SET event_type = 'Forged'",
        "DELETE FROM event_store.events",
        "TRUNCATE event_store.events",
        "UPDATE event_store.idempotency_keys SET key = 'x'",
        "DELETE FROM event_store.idempotency_keys",
        "TRUNCATE event_store.idempotency_keys",
        "DELETE FROM event_store.streams",
        "TRUNCATE event_store.streams",
    ]

    /// Makes login roles in `daftar_writer` and `daftar_auditor` (cluster-wide, so tolerant of a
    /// concurrent test creating them first) and returns a store and connections for both roles.
    static func setUp() async throws -> (TestDatabase, EventStore) {
        let db = try await TestCluster.newDatabase()
        let admin = try await db.superuser()
        try await admin.execute(
            """
            DO $$ BEGIN
              CREATE ROLE test_writer LOGIN IN ROLE daftar_writer;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$;
            DO $$ BEGIN
              CREATE ROLE test_auditor LOGIN IN ROLE daftar_auditor;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$;
            """)
        await admin.close()
        let store = EventStore(pool: PostgresPool(conninfo: db.uri(user: "test_writer")))
        _ = try await store.append(request("k1", "s-1", .noStream, [event(), event()]))
        _ = try await store.bulkAppend([request("k2", "s-2", .noStream, [event()])])
        return (db, store)
    }

    @Test(arguments: ["daftar_owner", "test_writer", "test_auditor"])
    func nobodyCanChangeHistory(_ role: String) async throws {
        let (db, store) = try await Self.setUp()
        let conn = try await PostgresConnection.connect(db.uri(user: role))
        let admin = try await db.superuser()
        let partition = try await admin.query(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'event_store.events'::regclass AND c.relname <> 'events_default' LIMIT 1"
        ).first!.decode(String.self, 0)
        await admin.close()
        for sql in Self.changes + ["TRUNCATE event_store.\(partition)", "DELETE FROM event_store.\(partition)"] {
            let error = await #expect(throws: PostgresError.self, "\(role): \(sql)") { try await conn.query(sql) }
            #expect(["DF010", PostgresError.insufficientPrivilege].contains(error?.sqlState), "\(role): \(sql) → \(error?.sqlState ?? "-")")
        }
        #expect(try await store.readEverything().count == 3)
        await conn.close()
    }

    @Test func theOwnerIsStoppedByTriggersNotOnlyByPrivileges() async throws {
        let (db, _) = try await Self.setUp()
        let conn = try await PostgresConnection.connect(db.uri)
        for sql in Self.changes {
            let error = await #expect(throws: PostgresError.self) { try await conn.query(sql) }
            #expect(error?.sqlState == "DF010", "\(sql)")
            #expect(error?.hint?.contains("correcting event") == true)
        }
        await conn.close()
    }

    @Test func writersCannotForgeServerAssignedColumns() async throws {
        let (db, _) = try await Self.setUp()
        let conn = try await PostgresConnection.connect(db.uri(user: "test_writer"))
        let error = await #expect(throws: PostgresError.self) {
            try await conn.query(
                """
                INSERT INTO event_store.events (xid, stream_id, stream_version, event_id, event_type, schema_version,
                  effective_at, data, metadata, idempotency_key, prev_hash, hash)
                VALUES ('1', 's-9', 1, gen_random_uuid(), 'A', 1, '2026-01-01', '{}', '{}', 'x',
                        decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex'))
                """)
        }
        #expect(error?.sqlState == PostgresError.insufficientPrivilege)
        let auditor = try await PostgresConnection.connect(db.uri(user: "test_auditor"))
        let denied = await #expect(throws: PostgresError.self) {
            try await auditor.query("SELECT * FROM event_store.append('k', '{}'::json)")
        }
        #expect(denied?.sqlState == PostgresError.insufficientPrivilege)
        await conn.close()
        await auditor.close()
    }
}

@Suite struct AuditorRoleTests {
    @Test func theAuditorReadsTheAuditViewsAndNothingElse() async throws {
        let (db, store) = try await ImmutabilityTests.setUp()
        _ = try await store.readEverything()  // wait for the cluster-wide horizon to pass them
        let sequenced = try await LedgerSequencer(conninfo: db.uri).catchUp()
        #expect(sequenced != nil)
        let auditor = try await PostgresConnection.connect(db.uri(user: "test_auditor"))
        for view in ["audit.events", "audit.ledger", "audit.seals", "audit.stream_heads"] {
            #expect(try await auditor.query("SELECT count(*) FROM \(view)").first != nil, "\(view) is readable")
        }
        let actors = try await auditor.query("SELECT DISTINCT actor FROM audit.events").rows.map { $0[0] }
        #expect(actors == ["user:test.operator"])
        let admin = try await db.superuser()
        let tables = try await admin.query(
            "SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema', 'audit')"
        ).rows.map { try $0.decode(String.self, 0) }
        await admin.close()
        #expect(tables.contains("event_store.events_default") && tables.contains("public.daftar_schema_migrations"))
        for table in tables + ["event_store.events"] {
            let error = await #expect(throws: PostgresError.self, "\(table)") { try await auditor.query("SELECT 1 FROM \(table) LIMIT 1") }
            #expect(error?.sqlState == PostgresError.insufficientPrivilege, "\(table)")
        }
        // The auditor can verify the ledger with their own role.
        let report = try await LedgerVerifier(conninfo: db.uri(user: "test_auditor")).verify()
        #expect(report.isIntact, "\(report.finding?.description ?? "")")
        #expect(report.ledgerEntries == 3)
        await auditor.close()
    }
}
