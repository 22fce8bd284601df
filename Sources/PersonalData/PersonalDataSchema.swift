import Foundation
import Postgres

/// The vault's migrations: the `pii` schema (persons, matching keys, access log), owner-only.
public enum PersonalDataSchema {
    /// The component name in `public.daftar_schema_migrations`.
    public static let component = "personal_data"

    /// The migrations, in order.
    /// - Throws: ``PostgresError`` when the bundled folder is missing or a file is misnamed.
    public static var migrations: [Migration] {
        get throws {
            try Migration.files(in: Bundle.module.url(forResource: "Migrations", withExtension: nil), component: component)
        }
    }

    /// Applies what is missing.
    /// - Parameter connection: a connection as the owner role.
    /// - Returns: the migrations applied now.
    /// - Throws: ``PostgresError``.
    @discardableResult
    public static func migrate(_ connection: PostgresConnection) async throws -> [Migration] {
        try await Migrator(component: component, migrations: try migrations).migrate(connection)
    }
}
