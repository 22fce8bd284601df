import CLibPQ

extension PostgresConnection {
    /// Runs `body` inside a transaction: commits when it returns, rolls back when it throws.
    ///
    /// - Parameters:
    ///   - isolation: the isolation level; the default is PostgreSQL's (read committed).
    ///   - body: the work, given this connection.
    /// - Returns: what `body` returned, once the commit succeeded.
    /// - Throws: what `body` threw (after the rollback), or ``PostgresError`` when the commit failed.
    public func transaction<T>(
        isolation: IsolationLevel = .readCommitted,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await execute(isolation == .readCommitted ? "BEGIN" : "BEGIN ISOLATION LEVEL \(isolation.sql)")
        let value: T
        do {
            value = try await body(self)
        } catch {
            if PQstatus(handle) == CONNECTION_OK { try? await execute("ROLLBACK") }
            throw error
        }
        let status = try await query("COMMIT").commandStatus
        guard status == "COMMIT" else {
            throw PostgresError(code: .server, message: "transaction was rolled back at commit (\(status))")
        }
        return value
    }

    /// A transaction isolation level.
    public enum IsolationLevel: Sendable {
        case readCommitted, repeatableRead, serializable

        var sql: String {
            switch self {
            case .readCommitted: return "READ COMMITTED"
            case .repeatableRead: return "REPEATABLE READ"
            case .serializable: return "SERIALIZABLE"
            }
        }
    }
}
