/// A versioned SQL script.
public struct Migration: Sendable {
    /// Its version: scripts apply in ascending order.
    public let version: Int
    /// A short name, e.g. `event_store`.
    public let name: String
    /// The SQL, run as one transaction.
    public let sql: String

    /// Creates a migration.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

/// Applies migrations in order, each in its own transaction, and records them.
///
/// Safe to run concurrently from several processes (an advisory lock serialises them) and to run
/// again (applied versions are skipped). A recorded migration whose SQL has since changed is an
/// error: published migrations are never edited.
public struct Migrator: Sendable {
    /// The component whose migrations these are, e.g. `event_store`.
    public let component: String
    /// The migrations, in any order.
    public let migrations: [Migration]

    /// Creates a migrator.
    public init(component: String, migrations: [Migration]) {
        self.component = component
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Applies what is missing.
    /// - Parameter connection: a connection as the owner role.
    /// - Returns: the migrations applied by this call.
    /// - Throws: ``PostgresError`` from a failing script (that script is rolled back), or with code
    ///   `server` and SQLSTATE `DF900` when an applied migration's SQL has changed.
    @discardableResult
    public func migrate(_ connection: PostgresConnection) async throws -> [Migration] {
        try await connection.execute(
            """
            CREATE TABLE IF NOT EXISTS public.daftar_schema_migrations (
              component  text        NOT NULL,
              version    integer     NOT NULL,
              name       text        NOT NULL,
              checksum   text        NOT NULL,
              applied_at timestamptz NOT NULL DEFAULT now(),
              PRIMARY KEY (component, version)
            )
            """)
        var applied: [Migration] = []
        for migration in migrations {
            let didApply = try await connection.transaction { conn -> Bool in
                try await conn.query("SELECT pg_advisory_xact_lock(hashtext('daftar.migrate'))")
                let existing = try await conn.query(
                    """
                    SELECT checksum = encode(sha256(convert_to($3, 'UTF8')), 'hex')
                    FROM public.daftar_schema_migrations WHERE component = $1 AND version = $2
                    """, [component, migration.version, migration.sql])
                if let row = existing.first {
                    guard try row.decode(Bool.self, 0) else {
                        throw PostgresError(
                            code: .server,
                            message: "migration \(component) \(migration.version) (\(migration.name)) was applied with different SQL; published migrations must not be edited",
                            sqlState: "DF900")
                    }
                    return false
                }
                try await conn.execute(migration.sql)
                try await conn.query(
                    """
                    INSERT INTO public.daftar_schema_migrations (component, version, name, checksum)
                    VALUES ($1, $2, $3, encode(sha256(convert_to($4, 'UTF8')), 'hex'))
                    """, [component, migration.version, migration.name, migration.sql])
                return true
            }
            if didApply { applied.append(migration) }
        }
        return applied
    }
}
