import DaftarTesting
import Foundation
import Postgres
import Testing

@Suite struct PostgresConnectionTests {
    @Test func parametersTravelSeparatelyAndDecodeTyped() async throws {
        let db = try await TestCluster.newDatabase(migrated: false)
        let conn = try await PostgresConnection.connect(db.uri)
        let hostile = "x'); DROP TABLE pg_class; --"
        let r = try await conn.query(
            "SELECT $1::text, $2::bigint, $3::boolean, $4::bytea, $5::text IS NULL, $6::uuid",
            [hostile, Int64.max, true, PostgresBytes([0, 255, 16]), nil, UUID(uuidString: "3f2504e0-4f89-11d3-9a0c-0305e82c3301")!])
        let row = try #require(r.first)
        #expect(try row.decode(String.self, 0) == hostile)
        #expect(try row.decode(Int64.self, 1) == Int64.max)
        #expect(try row.decode(Bool.self, 2) == true)
        #expect(try row.decode(PostgresBytes.self, 3).bytes == [0, 255, 16])
        #expect(try row.decode(Bool.self, 4) == true)
        #expect(try row.decode(UUID.self, 5).uuidString == "3F2504E0-4F89-11D3-9A0C-0305E82C3301")
        await conn.close()
    }

    @Test func decodingNullOrWrongTypeNamesTheColumn() async throws {
        let db = try await TestCluster.newDatabase(migrated: false)
        let conn = try await PostgresConnection.connect(db.uri)
        let row = try #require(try await conn.query("SELECT NULL::bigint AS amount, 'abc' AS code").first)
        #expect(try row.decodeIfPresent(Int64.self, 0) == nil)
        let e1 = #expect(throws: PostgresError.self) { try row.decode(Int64.self, 0) }
        #expect(e1?.message.contains("\"amount\"") == true)
        let e2 = #expect(throws: PostgresError.self) { try row.decode(Int64.self, 1) }
        #expect(e2?.code == .decoding)
        #expect(e2?.message.contains("\"code\"") == true)
        await conn.close()
    }

    @Test func serverErrorsCarrySQLStateAndNeverParameterValues() async throws {
        let db = try await TestCluster.newDatabase(migrated: false)
        let conn = try await PostgresConnection.connect(db.uri)
        try await conn.execute("CREATE TABLE t (id int PRIMARY KEY, v text)")
        try await conn.query("INSERT INTO t VALUES (1, $1)", ["secret-national-id-123"])
        let error = await #expect(throws: PostgresError.self) {
            try await conn.query("INSERT INTO t VALUES ($1, $2)", [1, "secret-national-id-456"])
        }
        #expect(error?.sqlState == PostgresError.uniqueViolation)
        #expect(error?.constraint == "t_pkey")
        #expect(error?.description.contains("secret-national-id-456") == false)
        // The connection is usable after an error.
        #expect(try await conn.query("SELECT count(*) FROM t").first?.decode(Int64.self, 0) == 1)
        await conn.close()
    }

    @Test func transactionsCommitOrRollBack() async throws {
        let db = try await TestCluster.newDatabase(migrated: false)
        let conn = try await PostgresConnection.connect(db.uri)
        try await conn.execute("CREATE TABLE t (v int)")
        try await conn.transaction { c in try await c.query("INSERT INTO t VALUES (1)") }
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await conn.transaction { c in
                try await c.query("INSERT INTO t VALUES (2)")
                throw Boom()
            }
        }
        await #expect(throws: PostgresError.self) {
            try await conn.transaction { c in
                try await c.query("INSERT INTO t VALUES (3)")
                try await c.query("SELECT 1/0")
            }
        }
        let values = try await conn.query("SELECT v FROM t ORDER BY v").rows.map { try $0.decode(Int.self, 0) }
        #expect(values == [1])
        #expect(conn.isReusable)
        await conn.close()
    }

    @Test func copyInAndOutRoundTripEscapes() async throws {
        let db = try await TestCluster.newDatabase(migrated: false)
        let conn = try await PostgresConnection.connect(db.uri)
        try await conn.execute("CREATE TABLE t (id int, note text, payload json)")
        let notes = ["tab\there", "new\nline", "back\\slash", "عربي", nil]
        let copied = try await conn.copyIn("COPY t (id, note, payload) FROM STDIN") { w in
            for i in 0..<5000 {
                var r = CopyTextRow()
                r.append(i)
                r.append(notes[i % notes.count])
                r.append(#"{"a":"x\"y\\z","n":\#(i)}"#)
                try await w.write(r.line)
            }
        }
        #expect(copied == 5000)
        let back = try await conn.query("SELECT note, payload::text FROM t WHERE id < 5 ORDER BY id")
        #expect(back.rows.map { $0[0] } == notes)
        #expect(back.rows[0][1] == #"{"a":"x\"y\\z","n":0}"#)
        var bytes = 0
        var lines = 0
        let rows = try await conn.copyOut("COPY (SELECT id, note FROM t ORDER BY id) TO STDOUT") { chunk in
            bytes += chunk.count
            lines += chunk.filter { $0 == 0x0A }.count
        }
        #expect(rows == 5000)
        #expect(lines == 5000)
        #expect(bytes > 5000)
        await conn.close()
    }

    @Test func aFailedCopyKeepsNothing() async throws {
        let db = try await TestCluster.newDatabase(migrated: false)
        let conn = try await PostgresConnection.connect(db.uri)
        try await conn.execute("CREATE TABLE t (id int)")
        struct Stop: Error {}
        await #expect(throws: Stop.self) {
            try await conn.copyIn("COPY t FROM STDIN") { w in
                for i in 0..<100_000 { try await w.write("\(i)\n") }
                throw Stop()
            }
        }
        await #expect(throws: PostgresError.self) {
            try await conn.copyIn("COPY t FROM STDIN") { w in
                try await w.write("1\nnot-a-number\n")
            }
        }
        #expect(try await conn.query("SELECT count(*) FROM t").first?.decode(Int64.self, 0) == 0)
        await conn.close()
    }

    @Test func pipelineRunsABatchAsOneImplicitTransaction() async throws {
        let db = try await TestCluster.newDatabase(migrated: false)
        let conn = try await PostgresConnection.connect(db.uri)
        try await conn.execute("CREATE TABLE t (id int PRIMARY KEY)")
        let statements = (1...2000).map { PostgresStatement("INSERT INTO t VALUES ($1) RETURNING id", [$0]) }
        let results = try await conn.pipeline(statements)
        #expect(results.count == 2000)
        #expect(try results[1999].first?.decode(Int.self, 0) == 2000)
        // A failure in the middle keeps nothing of its batch.
        await #expect(throws: PostgresError.self) {
            try await conn.pipeline([
                PostgresStatement("INSERT INTO t VALUES ($1)", [5000]),
                PostgresStatement("INSERT INTO t VALUES ($1)", [1]),
                PostgresStatement("INSERT INTO t VALUES ($1)", [5001]),
            ])
        }
        #expect(try await conn.query("SELECT count(*) FROM t").first?.decode(Int64.self, 0) == 2000)
        #expect(conn.isReusable)
        await conn.close()
    }

    @Test func listenerReceivesNotificationsAfterCommit() async throws {
        let db = try await TestCluster.newDatabase(migrated: false)
        let listener = try await PostgresNotificationListener(conninfo: db.uri, channels: ["ledger events"])
        let conn = try await PostgresConnection.connect(db.uri)
        try await conn.transaction { c in
            try await c.query("SELECT pg_notify('ledger events', 'first')")
        }
        try await conn.query("SELECT pg_notify('ledger events', 'second')")
        var received: [String] = []
        for await note in listener.notifications {
            received.append(note.payload)
            if received.count == 2 { break }
        }
        #expect(received == ["first", "second"])
        listener.stop()
        await conn.close()
    }

    @Test func poolBoundsConnectionsAndReplacesBrokenOnes() async throws {
        let db = try await TestCluster.newDatabase(migrated: false)
        let pool = PostgresPool(conninfo: db.uri, maximumConnections: 3)
        let pids = try await withThrowingTaskGroup(of: Int32.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    try await pool.withConnection { c in
                        try await c.query("SELECT pg_sleep(0.05)")
                        return c.backendPID
                    }
                }
            }
            var all = Set<Int32>()
            for try await pid in group { all.insert(pid) }
            return all
        }
        #expect(pids.count <= 3)
        // A connection whose server process dies is not lent again.
        let victim = try await pool.withConnection { $0.backendPID }
        let admin = try await db.superuser()
        try await admin.query("SELECT pg_terminate_backend($1)", [Int(victim)])
        try await Task.sleep(for: .milliseconds(200))
        var ok = 0
        for _ in 0..<6 {
            if (try? await pool.withConnection({ try await $0.query("SELECT 1") })) != nil { ok += 1 }
        }
        #expect(ok >= 5)
        #expect(try await pool.withConnection { try await $0.query("SELECT 1").count } == 1)
        await admin.close()
        await pool.close()
    }
}
