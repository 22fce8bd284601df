import CLibPQ
import Glibc

/// A statement and its parameters, for ``PostgresConnection/pipeline(_:)``.
public struct PostgresStatement: Sendable {
    /// The SQL text with `$n` placeholders.
    public var sql: String
    /// The parameter values.
    public var parameters: [(any PostgresEncodable)?]

    /// Creates a statement.
    public init(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) {
        self.sql = sql
        self.parameters = parameters
    }
}

extension PostgresConnection {
    /// Sends all statements in libpq's pipeline mode, one network round trip for the batch, then
    /// reads their results.
    ///
    /// Outside an explicit transaction the batch runs as one implicit transaction: when a statement
    /// fails, the statements after it are not run and nothing of the batch is kept.
    ///
    /// - Parameter statements: the statements, in order.
    /// - Returns: one result per statement.
    /// - Throws: the first statement's ``PostgresError`` when one failed.
    @discardableResult
    public func pipeline(_ statements: [PostgresStatement]) async throws -> [PostgresResult] {
        guard !statements.isEmpty else { return [] }
        let prepared = statements.map { ($0.sql, $0.parameters.map { $0?.postgresText }) }
        return try await run { conn in
            guard PQenterPipelineMode(conn) == 1 else {
                throw PostgresError(code: .protocolViolation, message: PostgresError.connectionMessage(conn))
            }
            defer { PQexitPipelineMode(conn) }
            PQsetnonblocking(conn, 1)
            for (sql, texts) in prepared {
                let sent = CStringArray(texts).withPointers { values in
                    PQsendQueryParams(conn, sql, Int32(texts.count), nil, values, nil, nil, 0)
                }
                guard sent == 1 else {
                    PQsetnonblocking(conn, 0)
                    throw PostgresError(code: .connectionLost, message: PostgresError.connectionMessage(conn))
                }
                try PostgresConnection.flushNonBlocking(conn)
            }
            guard PQpipelineSync(conn) == 1 else {
                PQsetnonblocking(conn, 0)
                throw PostgresError(code: .connectionLost, message: PostgresError.connectionMessage(conn))
            }
            try PostgresConnection.flushNonBlocking(conn)
            PQsetnonblocking(conn, 0)

            var results: [PostgresResult] = []
            var firstError: PostgresError?
            for _ in prepared {
                var kept: PostgresResult?
                while let result = PQgetResult(conn) {
                    switch PQresultStatus(result) {
                    case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
                        kept = PostgresResult(handle: result)
                    case PGRES_PIPELINE_ABORTED:
                        PQclear(result)
                    default:
                        if firstError == nil { firstError = PostgresError.from(result: result, connection: conn) }
                        PQclear(result)
                    }
                }
                if let kept { results.append(kept) }
            }
            // The synchronisation point that ends the batch.
            while let result = PQgetResult(conn) {
                let status = PQresultStatus(result)
                PQclear(result)
                if status == PGRES_PIPELINE_SYNC { break }
            }
            if let firstError { throw firstError }
            guard results.count == prepared.count else {
                throw PostgresError(code: .protocolViolation, message: "pipeline returned \(results.count) results for \(prepared.count) statements")
            }
            return results
        }
    }

    /// Flushes libpq's output buffer in non-blocking mode, reading the server's replies into
    /// libpq's input buffer meanwhile, so that a large batch cannot deadlock with a server that is
    /// blocked writing results nobody reads.
    static func flushNonBlocking(_ conn: OpaquePointer) throws {
        while true {
            let r = PQflush(conn)
            if r == 0 { return }
            if r < 0 { throw PostgresError(code: .connectionLost, message: PostgresError.connectionMessage(conn)) }
            var fd = pollfd(fd: PQsocket(conn), events: Int16(POLLIN | POLLOUT), revents: 0)
            _ = poll(&fd, 1, 1000)
            if fd.revents & Int16(POLLIN) != 0 {
                guard PQconsumeInput(conn) == 1 else {
                    throw PostgresError(code: .connectionLost, message: PostgresError.connectionMessage(conn))
                }
            }
        }
    }
}
