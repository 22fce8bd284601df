import Audit
import EventStore
import PersonalData
import Postgres
import ReadModels

/// Every component's migrations, in the order they build on each other.
enum DaftarSchema {
    /// Applies what is missing: the event store, the projection catalogue and the read models'
    /// indexes, the audit schema, and the personal-data vault.
    /// - Returns: `component version name` of each migration applied.
    static func migrate(_ conn: PostgresConnection) async throws -> [String] {
        var applied = try await EventStore.migrate(conn).map { "event_store \($0.version) \($0.name)" }
        // The read models before the audit layer: audit migration 3 reuses their partition-key index.
        for migrator in try ReadModels.migrators() {
            applied += try await migrator.migrate(conn).map { "\(migrator.component) \($0.version) \($0.name)" }
        }
        applied += try await AuditSchema.migrate(conn).map { "audit \($0.version) \($0.name)" }
        applied += try await PersonalDataSchema.migrate(conn).map { "\(PersonalDataSchema.component) \($0.version) \($0.name)" }
        return applied
    }
}
