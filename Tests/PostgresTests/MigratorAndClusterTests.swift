import DaftarTesting
import Postgres
import Testing

@Suite struct MigratorAndClusterTests {
    @Test func migrationsApplyOnceInOrderAndRefuseEdits() async throws {
        let db = try await TestCluster.newDatabase(migrated: false)
        let conn = try await PostgresConnection.connect(db.uri)
        let migrations = [
            Migration(version: 2, name: "add", sql: "INSERT INTO t VALUES (2)"),
            Migration(version: 1, name: "create", sql: "CREATE TABLE t (v int); INSERT INTO t VALUES (1)"),
        ]
        let first = try await Migrator(component: "test", migrations: migrations).migrate(conn)
        #expect(first.map(\.version) == [1, 2])
        let second = try await Migrator(component: "test", migrations: migrations).migrate(conn)
        #expect(second.isEmpty)
        #expect(try await conn.query("SELECT array_agg(v ORDER BY v)::text FROM t").first?.decode(String.self, 0) == "{1,2}")

        let edited = [Migration(version: 1, name: "create", sql: "CREATE TABLE t (v bigint)")]
        let error = await #expect(throws: PostgresError.self) { try await Migrator(component: "test", migrations: edited).migrate(conn) }
        #expect(error?.sqlState == "DF900")

        // A failing migration is rolled back whole and not recorded.
        let failing = migrations + [Migration(version: 3, name: "bad", sql: "INSERT INTO t VALUES (3); SELECT 1/0")]
        await #expect(throws: PostgresError.self) { try await Migrator(component: "test", migrations: failing).migrate(conn) }
        #expect(try await conn.query("SELECT count(*) FROM t WHERE v = 3").first?.decode(Int.self, 0) == 0)
        #expect(try await conn.query("SELECT max(version) FROM daftar_schema_migrations WHERE component = 'test'").first?.decode(Int.self, 0) == 2)
        await conn.close()
    }

    @Test func startingARunningClusterReusesIt() async throws {
        let db = try await TestCluster.newDatabase(migrated: false)
        let again = try await LocalCluster(home: db.cluster.home, durability: .throwaway).start()
        #expect(again == db.cluster.uri())
        let status = try db.cluster.status()
        #expect(status.exists && status.running)
        #expect(status.uri.hasPrefix("postgresql:///daftar?host="))
    }

    @Test func findsTheServerBinaries() throws {
        let binaries = try LocalCluster.findBinaries()
        #expect(binaries.version.contains("PostgreSQL"))
    }
}
