import CLibPQ
import Dispatch
import Foundation

/// One connection to PostgreSQL through libpq.
///
/// libpq's calls block. Each connection therefore runs them on its own serial dispatch queue and
/// resumes the awaiting task when they finish, so no call ever blocks Swift's cooperative thread
/// pool. A connection does one thing at a time; share connections through ``PostgresPool``.
public final class PostgresConnection: @unchecked Sendable {
    let handle: OpaquePointer
    let queue: DispatchQueue
    private let closed = LockedFlag()
    /// Names of the statements prepared on this connection; touched only on `queue`.
    nonisolated(unsafe) var prepared = Set<String>()

    private init(handle: OpaquePointer, label: String) {
        self.handle = handle
        self.queue = DispatchQueue(label: label)
    }

    deinit {
        if closed.setIfUnset() { PQfinish(handle) }
    }

    /// Opens a connection.
    /// - Parameter conninfo: a libpq connection string or URI (`postgresql://user@host/db?...`).
    /// - Returns: the open connection, with `TimeZone` set to UTC and `DateStyle` to ISO.
    /// - Throws: ``PostgresError`` with code `connectionFailed`; the message does not repeat the URI.
    public static func connect(_ conninfo: String) async throws -> PostgresConnection {
        let handle: OpaquePointer = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                guard let conn = PQconnectdb(conninfo) else {
                    continuation.resume(throwing: PostgresError(code: .connectionFailed, message: "out of memory"))
                    return
                }
                guard PQstatus(conn) == CONNECTION_OK else {
                    let message = PostgresError.connectionMessage(conn)
                    PQfinish(conn)
                    continuation.resume(throwing: PostgresError(code: .connectionFailed, message: message))
                    return
                }
                continuation.resume(returning: conn)
            }
        }
        // Notices (e.g. "relation already exists, skipping") would otherwise go to stderr.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        let connection = PostgresConnection(handle: handle, label: "daftar.postgres.connection")
        try await connection.execute("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET client_encoding = 'UTF8'")
        return connection
    }

    /// Closes the connection. Further use fails.
    public func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                if self.closed.setIfUnset() { PQfinish(self.handle) }
                continuation.resume()
            }
        }
    }

    /// Whether the connection is open, healthy and outside any transaction, so that a pool may lend it again.
    public var isReusable: Bool {
        !closed.isSet && PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    /// The server's process id for this connection (for `pg_terminate_backend` in operations and tests).
    public var backendPID: Int32 { PQbackendPID(handle) }

    /// Runs `body` with the libpq handle on this connection's queue.
    func run<T: Sendable>(_ body: @escaping @Sendable (OpaquePointer) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                guard !self.closed.isSet else {
                    continuation.resume(throwing: PostgresError(code: .connectionLost, message: "connection is closed"))
                    return
                }
                continuation.resume(with: Result { try body(self.handle) })
            }
        }
    }

    /// Runs one statement with parameters and returns its rows.
    ///
    /// - Parameters:
    ///   - sql: the statement, with `$1`, `$2` … placeholders.
    ///   - parameters: values for the placeholders; `nil` is SQL NULL.
    /// - Returns: the result rows.
    /// - Throws: ``PostgresError`` with the server's SQLSTATE and fields; never the parameter values.
    @discardableResult
    public func query(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws -> PostgresResult {
        let texts = parameters.map { $0?.postgresText }
        return try await run { conn in
            let result = CStringArray(texts).withPointers { values in
                PQexecParams(conn, sql, Int32(texts.count), nil, values, nil, nil, 0)
            }
            return try PostgresConnection.check(result, conn)
        }
    }

    /// Runs one or more statements without parameters (the simple query protocol), for DDL and scripts.
    /// - Parameter sql: the statements.
    /// - Throws: ``PostgresError`` from the first statement that failed.
    public func execute(_ sql: String) async throws {
        _ = try await run { conn in
            _ = try PostgresConnection.check(PQexec(conn, sql), conn)
        }
    }

    /// Turns a libpq result into a ``PostgresResult`` or a thrown ``PostgresError``.
    static func check(_ result: OpaquePointer?, _ conn: OpaquePointer) throws -> PostgresResult {
        guard let result else {
            throw PostgresError(code: .connectionLost, message: PostgresError.connectionMessage(conn))
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PostgresResult(handle: result)
        default:
            let error = PostgresError.from(result: result, connection: conn)
            PQclear(result)
            throw error
        }
    }
}

/// C strings for libpq parameter arrays, freed when done.
struct CStringArray {
    let strings: [String?]
    init(_ strings: [String?]) { self.strings = strings }

    func withPointers<R>(_ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
        guard !strings.isEmpty else { return body(nil) }
        let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0)! } }
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) { body($0) }
        }
    }
}

/// A flag set once, safely from any thread.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }

    /// Sets the flag; returns `true` if this call set it.
    func setIfUnset() -> Bool {
        lock.withLock {
            if value { return false }
            value = true
            return true
        }
    }
}
