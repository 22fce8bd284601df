import Foundation
import Postgres

/// The audit layer's own migrations (indexes over the event store for the questions auditors ask).
public enum AuditSchema {
    /// The migrations, in order.
    public static var migrations: [Migration] {
        get throws {
            try Migration.files(in: Bundle.module.url(forResource: "Migrations", withExtension: nil), component: "audit")
        }
    }

    /// Applies what is missing (after the event store's migrations).
    /// - Parameter connection: a connection as the owner role.
    /// - Returns: the migrations applied now.
    @discardableResult
    public static func migrate(_ connection: PostgresConnection) async throws -> [Migration] {
        try await Migrator(component: "audit", migrations: try migrations).migrate(connection)
    }
}
