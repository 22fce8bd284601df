import Foundation

extension Migration {
    /// The migrations in a folder of files named `NNNN_name.sql` (a component's bundled `Migrations`).
    /// - Parameters:
    ///   - directory: the folder, or `nil` when the bundle has none.
    ///   - component: the owning component, for error messages.
    /// - Returns: the migrations, by file name.
    /// - Throws: ``PostgresError`` with code `server` when the folder is missing or a file is misnamed
    ///   or unreadable.
    public static func files(in directory: URL?, component: String) throws -> [Migration] {
        guard let directory else {
            throw PostgresError(code: .server, message: "the \(component) migrations are missing from the bundle")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }.sorted()
        return try files.map { file in
            let parts = file.dropLast(4).split(separator: "_", maxSplits: 1)
            guard parts.count == 2, let version = Int(parts[0]) else {
                throw PostgresError(code: .server, message: "\(component) migration file \(file) is not named NNNN_name.sql")
            }
            let sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            return Migration(version: version, name: String(parts[1]), sql: sql)
        }
    }
}
