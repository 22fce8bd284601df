import EventStore
import Foundation
import Postgres

/// The projection catalogue's migrations and the queries over `projection.builds`.
public enum ProjectionCatalog {
    /// The catalogue's migrations (component `projections`).
    /// - Throws: when the bundled SQL cannot be read.
    public static func migrator() throws -> Migrator {
        Migrator(
            component: "projections",
            migrations: try Migration.files(in: Bundle.module.url(forResource: "Migrations", withExtension: nil), component: "projections"))
    }

    /// Every build not yet retired, and the retired ones whose schema is still there.
    static func builds(_ conn: PostgresConnection) async throws -> [ProjectionBuild] {
        try await conn.query(
            "SELECT \(ProjectionBuild.columns) FROM projection.builds WHERE phase <> 'retired' OR NOT schema_dropped ORDER BY build_id"
        ).rows.map { try ProjectionBuild(row: $0) }
    }

    /// The latest event behind the transaction horizon: a rebuild's target.
    static func horizon(_ conn: PostgresConnection) async throws -> Checkpoint {
        try await latest(conn, behindHorizon: true)
    }

    /// The latest event committed, whether or not the horizon has passed it yet.
    /// - Parameter conn: a connection.
    /// - Returns: its checkpoint, or ``Checkpoint/start`` for an empty log.
    public static func head(_ conn: PostgresConnection) async throws -> Checkpoint {
        try await latest(conn, behindHorizon: false)
    }

    private static func latest(_ conn: PostgresConnection, behindHorizon: Bool) async throws -> Checkpoint {
        // `e.xid`, not `xid`: ORDER BY would otherwise sort the text output column ("990" after "1054").
        let rows = try await conn.query(
            """
            SELECT e.xid::text, e.position FROM event_store.events e
            \(behindHorizon ? "WHERE e.xid < pg_snapshot_xmin(pg_current_snapshot())" : "")
            ORDER BY e.xid DESC, e.position DESC LIMIT 1
            """
        ).rows
        guard let row = rows.first else { return .start }
        return Checkpoint(xid: UInt64(try row.decode(String.self, 0)) ?? 0, position: try row.decode(Int64.self, 1))
    }

    /// Creates a build of `definition` in a new schema with its tables, its bulk pass ending at `target`.
    static func createBuild(_ conn: PostgresConnection, _ definition: ProjectionDefinition, partitionKeySQL: String, target: Checkpoint)
        async throws -> ProjectionBuild
    {
        try await conn.transaction { tx in
            let id = try await tx.query("SELECT nextval('projection.builds_build_id_seq')").rows[0].decode(Int64.self, 0)
            let schema = definition.schema(build: id)
            try await tx.execute("CREATE SCHEMA \(schema)")
            try await tx.execute(definition.sql(.tables, schema: schema))
            // For the progress bar only: the planner's estimate when the log has been analysed (a count of
            // a large log costs seconds), an exact count otherwise.
            let estimate = try await tx.query(
                """
                SELECT sum(c.reltuples)::bigint FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'event_store.events'::regclass AND c.reltuples > 0
                """
            ).rows[0].decodeIfPresent(Int64.self, 0)
            var total = estimate ?? 0
            if estimate == nil {
                total = try await tx.query(
                    """
                    SELECT count(*) FROM event_store.events e
                    WHERE (\(partitionKeySQL)) IS NOT NULL AND (e.xid, e.position) <= ($1::xid8, $2::bigint)
                    """, [String(target.xid), target.position]
                ).rows[0].decode(Int64.self, 0)
            }
            _ = try await tx.query(
                """
                INSERT INTO projection.builds (build_id, projection, version, schema_name, phase, target_xid, target_position, rebuild_total)
                VALUES ($1, $2, $3, $4, 'rebuilding', $5::xid8, $6, $7)
                """, [id, definition.name, definition.version, schema, String(target.xid), target.position, total])
            return try await tx.query("SELECT \(ProjectionBuild.columns) FROM projection.builds WHERE build_id = $1", [id]).rows.map {
                try ProjectionBuild(row: $0)
            }[0]
        }
    }

    /// Takes the build's advisory lock on `conn`'s session, if no other session holds it.
    static func tryLock(_ conn: PostgresConnection, build: Int64) async throws -> Bool {
        try await conn.query("SELECT pg_try_advisory_lock(\(lockClass), $1::int)", [Int(truncatingIfNeeded: build)]).rows[0].decode(Bool.self, 0)
    }

    /// Releases the build's advisory lock.
    static func unlock(_ conn: PostgresConnection, build: Int64) async throws {
        _ = try await conn.query("SELECT pg_advisory_unlock(\(lockClass), $1::int)", [Int(truncatingIfNeeded: build)])
    }

    /// The advisory-lock class for builds (two-key form, apart from the ledger sequencer's one-key lock).
    static let lockClass = 0x5052_4A31
}
