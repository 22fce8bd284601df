import CLibPQ

/// A failure talking to PostgreSQL.
///
/// Carries the server's SQLSTATE and diagnostic fields. Its description never includes the
/// parameter values of the statement that failed: those may be personal data.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// A stable classification of the failure, independent of the server's wording.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The connection could not be opened.
        public static let connectionFailed = Code("connection_failed")
        /// The connection broke while in use.
        public static let connectionLost = Code("connection_lost")
        /// The server rejected a statement; see ``PostgresError/sqlState``.
        public static let server = Code("server")
        /// A value in a result could not be decoded as the requested type.
        public static let decoding = Code("decoding")
        /// The client library or the server did something this layer did not expect.
        public static let protocolViolation = Code("protocol_violation")
        /// A COPY stream failed.
        public static let copyFailed = Code("copy_failed")
        /// The connection pool could not provide a connection in time, or was closed.
        public static let poolUnavailable = Code("pool_unavailable")
    }

    /// What kind of failure this is.
    public let code: Code
    /// The server's five-character SQLSTATE, when the server reported the error.
    public let sqlState: String?
    /// The primary message.
    public let message: String
    /// The server's DETAIL field.
    public let detail: String?
    /// The server's HINT field.
    public let hint: String?
    /// The constraint involved, when the server named one.
    public let constraint: String?

    /// Creates an error.
    public init(
        code: Code, message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil,
        constraint: String? = nil
    ) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
    }

    public var description: String {
        var s = sqlState.map { "[\($0)] \(message)" } ?? "\(code): \(message)"
        if let detail { s += " — \(detail)" }
        if let hint { s += " (hint: \(hint))" }
        return s
    }

    /// The SQLSTATE for a unique constraint violation.
    public static let uniqueViolation = "23505"
    /// The SQLSTATE for insufficient privilege.
    public static let insufficientPrivilege = "42501"

    static func from(result: OpaquePointer?, connection: OpaquePointer?) -> PostgresError {
        guard let result else {
            return PostgresError(code: .connectionLost, message: connectionMessage(connection))
        }
        func field(_ f: Int32) -> String? {
            guard let p = PQresultErrorField(result, f) else { return nil }
            return String(cString: p)
        }
        let primary = field(Int32(UInt8(ascii: "M")))
            ?? PQresultErrorMessage(result).map { String(cString: $0) }?.trimmingTrailingNewlines()
            ?? "unknown error"
        let state = field(Int32(UInt8(ascii: "C")))
        return PostgresError(
            code: state == nil ? .connectionLost : .server,
            message: primary,
            sqlState: state,
            detail: field(Int32(UInt8(ascii: "D"))),
            hint: field(Int32(UInt8(ascii: "H"))),
            constraint: field(Int32(UInt8(ascii: "n")))
        )
    }

    static func connectionMessage(_ connection: OpaquePointer?) -> String {
        guard let connection, let p = PQerrorMessage(connection) else { return "no connection" }
        let s = String(cString: p).trimmingTrailingNewlines()
        return s.isEmpty ? "connection error" : s
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while let last = s.last, last.isNewline || last == " " { s = s.dropLast() }
        return String(s)
    }
}
