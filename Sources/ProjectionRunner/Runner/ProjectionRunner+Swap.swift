import Postgres

extension ProjectionRunner {
    /// Makes a caught-up build the one the reporting views read, in one transaction, and retires the
    /// build it replaces.
    ///
    /// The `@views` section's `CREATE OR REPLACE VIEW` statements point the views at the build's
    /// schema: a reader sees the old build or the new one, never neither and never half of each. When
    /// a new version changed a view's columns, the views are dropped and created in the same
    /// transaction instead. The old schema is dropped afterwards (``dropRetired()``).
    /// - Parameter build: a build in phase `catching_up`.
    /// - Throws: ``ProjectionError`` `checkpoint_moved` when the build is no longer catching up; ``PostgresError``.
    public func swap(_ build: ProjectionBuild) async throws {
        let definition = try projection(named: build.projection).definition
        try await PostgresConnection.connect(conninfo).closing { conn in
            try await conn.transaction { tx in
                let phase = try await tx.query(
                    "SELECT phase FROM projection.builds WHERE projection = $1 AND phase IN ('live', 'catching_up') AND build_id = $2 FOR UPDATE",
                    [build.projection, build.id]
                ).rows.first?[0]
                guard phase == ProjectionBuild.Phase.catchingUp.rawValue else {
                    throw ProjectionError(.checkpointMoved, "build \(build.id) of \(build.projection) is not catching up; not swapped")
                }
                _ = try await tx.query("SELECT 1 FROM projection.builds WHERE projection = $1 AND phase = 'live' FOR UPDATE", [build.projection])
                let views = definition.sql(.views, schema: build.schema)
                try await tx.execute("SAVEPOINT replace_views")
                do {
                    try await tx.execute(views)
                } catch let error as PostgresError {
                    // A view whose columns changed cannot be replaced in place: drop and create, still atomically.
                    logger.notice("reporting views of \(build.projection) change shape; dropping and creating them", metadata: ["error": "\(error)"])
                    try await tx.execute("ROLLBACK TO SAVEPOINT replace_views")
                    for view in definition.viewNames.reversed() { try await tx.execute("DROP VIEW IF EXISTS \(view)") }
                    try await tx.execute(views)
                }
                try await tx.execute("GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO daftar_reporting, daftar_auditor")
                _ = try await tx.query(
                    "UPDATE projection.builds SET phase = 'retired', retired_at = now(), updated_at = now() WHERE projection = $1 AND phase = 'live'",
                    [build.projection])
                _ = try await tx.query(
                    "UPDATE projection.builds SET phase = 'live', live_since = now(), updated_at = now() WHERE build_id = $1", [build.id])
            }
        }
        logger.debug("projection swapped in", metadata: ["projection": "\(build.projection)", "version": "\(build.version)", "build": "\(build.id)"])
        try await dropRetired()
    }

    /// Drops the schemas of retired builds. A schema still read by a running query is left for the
    /// next call (the drop waits at most a few seconds for its lock).
    public func dropRetired() async throws {
        try await PostgresConnection.connect(conninfo).closing { conn in
            let retired = try await conn.query(
                "SELECT build_id, schema_name FROM projection.builds WHERE phase = 'retired' AND NOT schema_dropped ORDER BY build_id"
            ).rows.map { (try $0.decode(Int64.self, 0), try $0.decode(String.self, 1)) }
            for (id, schema) in retired {
                do {
                    try await conn.transaction { tx in
                        try await tx.execute("SET LOCAL lock_timeout = '5s'")
                        try await tx.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")
                        _ = try await tx.query("UPDATE projection.builds SET schema_dropped = true WHERE build_id = $1", [id])
                    }
                } catch let error as PostgresError where error.sqlState == "55P03" {
                    logger.info("retired schema still in use; will drop later", metadata: ["schema": "\(schema)"])
                }
            }
        }
    }
}
