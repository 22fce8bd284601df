import Foundation
import Postgres

/// The audit layer's own migrations (indexes over the event store for the questions auditors ask).
public enum AuditSchema {
    /// The migrations, in order.
    public static var migrations: [Migration] {
        get throws {
            guard let dir = Bundle.module.url(forResource: "Migrations", withExtension: nil) else { return [] }
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".sql") }.sorted()
            return try files.map { file in
                let parts = file.dropLast(4).split(separator: "_", maxSplits: 1)
                let sql = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
                return Migration(version: Int(parts[0]) ?? 0, name: String(parts.count > 1 ? parts[1] : ""), sql: sql)
            }
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
