import CLibPQ

extension PostgresConnection {
    /// Runs `COPY … FROM STDIN` and streams the data that `body` writes.
    ///
    /// Data is sent in chunks as it is written. When `body` throws, the COPY is aborted on the
    /// server (nothing of it is kept) and the error is rethrown.
    ///
    /// - Parameters:
    ///   - sql: a `COPY table (columns) FROM STDIN …` statement.
    ///   - body: writes rows in the COPY's format through the writer.
    /// - Returns: the number of rows the server copied.
    /// - Throws: ``PostgresError`` from the server (e.g. a bad row, with its line), or what `body` threw.
    @discardableResult
    public func copyIn(_ sql: String, _ body: (CopyInWriter) async throws -> Void) async throws -> Int64 {
        _ = try await run { conn in
            guard let result = PQexec(conn, sql) else {
                throw PostgresError(code: .connectionLost, message: PostgresError.connectionMessage(conn))
            }
            defer { PQclear(result) }
            guard PQresultStatus(result) == PGRES_COPY_IN else {
                throw PostgresError.from(result: result, connection: conn)
            }
            return ()
        }
        let writer = CopyInWriter(connection: self)
        do {
            try await body(writer)
            try await writer.flush()
        } catch {
            _ = try? await finishCopyIn(abortMessage: "aborted by client")
            throw error
        }
        return try await finishCopyIn(abortMessage: nil)
    }

    private func finishCopyIn(abortMessage: String?) async throws -> Int64 {
        try await run { conn in
            let ended: Int32 = abortMessage.map { PQputCopyEnd(conn, $0) } ?? PQputCopyEnd(conn, nil)
            guard ended == 1 else {
                throw PostgresError(code: .copyFailed, message: PostgresError.connectionMessage(conn))
            }
            return try PostgresConnection.finishCopy(conn)
        }
    }

    /// Reads the results that end a COPY; returns the rows copied or throws the server's error.
    static func finishCopy(_ conn: OpaquePointer) throws -> Int64 {
        var failure: PostgresError?
        var rows: Int64 = 0
        while let result = PQgetResult(conn) {
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                rows = Int64(String(cString: PQcmdTuples(result))) ?? 0
            } else if failure == nil {
                failure = PostgresError.from(result: result, connection: conn)
            }
            PQclear(result)
        }
        if let failure { throw failure }
        return rows
    }

    func putCopyData(_ bytes: [UInt8]) async throws {
        try await run { conn in
            let sent = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    PQputCopyData(conn, $0, Int32(buffer.count))
                }
            }
            guard sent == 1 else {
                throw PostgresError(code: .copyFailed, message: PostgresError.connectionMessage(conn))
            }
        }
    }

    /// Runs `COPY … TO STDOUT` and hands the output to `body` in chunks of whole rows.
    ///
    /// - Parameters:
    ///   - sql: a `COPY (query) TO STDOUT …` statement.
    ///   - body: receives chunks of about 1 MiB, each ending at a row boundary.
    /// - Returns: the number of rows copied.
    /// - Throws: ``PostgresError`` from the server, or what `body` threw (the rest is then drained).
    @discardableResult
    public func copyOut(_ sql: String, _ body: ([UInt8]) async throws -> Void) async throws -> Int64 {
        _ = try await run { conn in
            guard let result = PQexec(conn, sql) else {
                throw PostgresError(code: .connectionLost, message: PostgresError.connectionMessage(conn))
            }
            defer { PQclear(result) }
            guard PQresultStatus(result) == PGRES_COPY_OUT else {
                throw PostgresError.from(result: result, connection: conn)
            }
            return ()
        }
        var consumerError: (any Error)?
        while true {
            let (chunk, done) = try await readCopyChunk()
            if !chunk.isEmpty && consumerError == nil {
                do { try await body(chunk) } catch { consumerError = error }
            }
            if done { break }
        }
        let rows = try await run { conn -> Int64 in
            return try PostgresConnection.finishCopy(conn)
        }
        if let consumerError { throw consumerError }
        return rows
    }

    private func readCopyChunk() async throws -> ([UInt8], Bool) {
        try await run { conn in
            var chunk: [UInt8] = []
            chunk.reserveCapacity(1 << 20)
            while chunk.count < (1 << 20) {
                var buffer: UnsafeMutablePointer<CChar>?
                let n = PQgetCopyData(conn, &buffer, 0)
                if n > 0, let buffer {
                    buffer.withMemoryRebound(to: UInt8.self, capacity: Int(n)) {
                        chunk.append(contentsOf: UnsafeBufferPointer(start: $0, count: Int(n)))
                    }
                    PQfreemem(buffer)
                } else if n == -1 {
                    return (chunk, true)
                } else {
                    throw PostgresError(code: .copyFailed, message: PostgresError.connectionMessage(conn))
                }
            }
            return (chunk, false)
        }
    }
}

/// Writes COPY data for ``PostgresConnection/copyIn(_:_:)``, buffering into chunks.
public final class CopyInWriter {
    private let connection: PostgresConnection
    private var buffer: [UInt8] = []
    /// Bytes written so far.
    public private(set) var bytesWritten = 0
    static let chunkSize = 1 << 20

    init(connection: PostgresConnection) {
        self.connection = connection
        buffer.reserveCapacity(CopyInWriter.chunkSize + 4096)
    }

    /// Writes bytes; sends a chunk when enough has accumulated.
    public func write(_ bytes: [UInt8]) async throws {
        buffer.append(contentsOf: bytes)
        bytesWritten += bytes.count
        if buffer.count >= CopyInWriter.chunkSize { try await flush() }
    }

    /// Writes a string as UTF-8.
    public func write(_ string: String) async throws {
        try await write(Array(string.utf8))
    }

    /// Sends what is buffered.
    public func flush() async throws {
        guard !buffer.isEmpty else { return }
        let chunk = buffer
        buffer.removeAll(keepingCapacity: true)
        try await connection.putCopyData(chunk)
    }
}
