import CLibPQ

/// The rows a statement returned, read lazily from libpq's result.
///
/// Immutable once created, so it may be shared between tasks.
public final class PostgresResult: @unchecked Sendable {
    private let handle: OpaquePointer?

    /// The number of rows.
    public let count: Int
    /// The column names, in order.
    public let columns: [String]
    /// For INSERT, UPDATE, DELETE, COPY and the like: how many rows were affected.
    public let affectedRows: Int64?

    init(handle: OpaquePointer) {
        self.handle = handle
        count = Int(PQntuples(handle))
        columns = (0..<PQnfields(handle)).map { String(cString: PQfname(handle, $0)) }
        let tuples = String(cString: PQcmdTuples(handle))
        affectedRows = Int64(tuples)
    }

    deinit {
        if let handle { PQclear(handle) }
    }

    /// The command tag, for example `INSERT 0 1` or `COMMIT`.
    public var commandStatus: String { handle.map { String(cString: PQcmdStatus($0)) } ?? "" }

    /// The text of column `column` of row `row`, or `nil` for SQL NULL.
    public func text(row: Int, column: Int) -> String? {
        guard let handle else { return nil }
        if PQgetisnull(handle, Int32(row), Int32(column)) == 1 { return nil }
        return String(cString: PQgetvalue(handle, Int32(row), Int32(column)))
    }

    /// The bytes of column `column` of row `row` without copying into a `String`, or `nil` for NULL.
    public func withBytes<T>(row: Int, column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T? {
        guard let handle, PQgetisnull(handle, Int32(row), Int32(column)) == 0 else { return nil }
        let length = Int(PQgetlength(handle, Int32(row), Int32(column)))
        let p = PQgetvalue(handle, Int32(row), Int32(column))!
        return try p.withMemoryRebound(to: UInt8.self, capacity: length) { try body(UnsafeBufferPointer(start: $0, count: length)) }
    }

    /// The rows.
    public var rows: [PostgresRow] { (0..<count).map { PostgresRow(result: self, index: $0) } }

    /// The first row, if any.
    public var first: PostgresRow? { count > 0 ? PostgresRow(result: self, index: 0) : nil }
}

/// One row of a ``PostgresResult``.
public struct PostgresRow: Sendable {
    /// The result this row belongs to.
    public let result: PostgresResult
    /// The row's index in its result.
    public let index: Int

    /// Decodes column `column` as `T`.
    /// - Throws: ``PostgresError`` with code `decoding` naming the column when the value is NULL or not a `T`.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, _ column: Int) throws(PostgresError) -> T {
        guard let text = result.text(row: index, column: column) else {
            throw PostgresError(code: .decoding, message: "column \(columnName(column)) is NULL, expected \(T.self)")
        }
        do {
            return try T(postgresText: text)
        } catch {
            throw PostgresError(code: .decoding, message: "column \(columnName(column)) is not a valid \(error.expected)")
        }
    }

    /// Decodes column `column` as `T`, or `nil` for SQL NULL.
    /// - Throws: ``PostgresError`` with code `decoding` naming the column when the value is not a `T`.
    public func decodeIfPresent<T: PostgresDecodable>(_ type: T.Type = T.self, _ column: Int) throws(PostgresError) -> T? {
        guard result.text(row: index, column: column) != nil else { return nil }
        return try decode(T.self, column)
    }

    /// The raw text of column `column`, or `nil` for NULL.
    public subscript(column: Int) -> String? { result.text(row: index, column: column) }

    private func columnName(_ column: Int) -> String {
        column < result.columns.count ? "\"\(result.columns[column])\"" : "#\(column)"
    }
}
