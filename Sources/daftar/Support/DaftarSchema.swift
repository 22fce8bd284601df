import Audit
import EventStore
import Postgres
import ReadModels

/// Every component's migrations, in the order they build on each other.
enum DaftarSchema {
    /// Applies what is missing: the event store, the audit schema, the projection catalogue and the
    /// read models' index.
    /// - Returns: `component version name` of each migration applied.
    static func migrate(_ conn: PostgresConnection) async throws -> [String] {
        var applied = try await EventStore.migrate(conn).map { "event_store \($0.version) \($0.name)" }
        applied += try await AuditSchema.migrate(conn).map { "audit \($0.version) \($0.name)" }
        for migrator in try ReadModels.migrators() {
            applied += try await migrator.migrate(conn).map { "\(migrator.component) \($0.version) \($0.name)" }
        }
        return applied
    }
}
