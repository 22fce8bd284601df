import CLibPQ

extension PostgresConnection {
    /// Runs a statement through a server-side prepared statement, preparing it on first use on this
    /// connection: the server parses and plans it once rather than on every call.
    ///
    /// - Parameters:
    ///   - name: a name unique to this SQL text (the caller's constant).
    ///   - sql: the statement, with `$1`, `$2` … placeholders.
    ///   - parameters: values for the placeholders.
    /// - Returns: the result rows.
    /// - Throws: ``PostgresError`` from preparing or running it.
    @discardableResult
    public func queryPrepared(_ name: String, _ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws -> PostgresResult {
        let texts = parameters.map { $0?.postgresText }
        return try await run { conn in
            if !self.prepared.contains(name) {
                _ = try PostgresConnection.check(PQprepare(conn, name, sql, Int32(texts.count), nil), conn)
                self.prepared.insert(name)
            }
            let result = CStringArray(texts).withPointers { values in
                PQexecPrepared(conn, name, Int32(texts.count), values, nil, nil, 0)
            }
            return try PostgresConnection.check(result, conn)
        }
    }
}
