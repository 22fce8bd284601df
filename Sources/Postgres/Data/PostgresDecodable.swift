import Foundation

/// A Swift type that can be read from a column in PostgreSQL's text output format.
public protocol PostgresDecodable: Sendable {
    /// Decodes a non-null column value.
    /// - Parameter text: the value in PostgreSQL's text output format.
    /// - Throws: ``PostgresDecodingFailure`` when the text is not a value of this type.
    init(postgresText text: String) throws(PostgresDecodingFailure)
}

/// Why a column value could not be decoded; wrapped into a ``PostgresError`` naming the column.
public struct PostgresDecodingFailure: Error, Sendable {
    /// What was expected, e.g. "bigint".
    public let expected: String
    /// Creates a failure.
    public init(expected: String) { self.expected = expected }
}

extension String: PostgresDecodable {
    public init(postgresText text: String) { self = text }
}

extension Int64: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresDecodingFailure) {
        guard let v = Int64(text) else { throw PostgresDecodingFailure(expected: "bigint") }
        self = v
    }
}

extension Int: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresDecodingFailure) {
        guard let v = Int(text) else { throw PostgresDecodingFailure(expected: "integer") }
        self = v
    }
}

extension Int32: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresDecodingFailure) {
        guard let v = Int32(text) else { throw PostgresDecodingFailure(expected: "integer") }
        self = v
    }
}

extension Bool: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresDecodingFailure) {
        switch text {
        case "t", "true": self = true
        case "f", "false": self = false
        default: throw PostgresDecodingFailure(expected: "boolean")
        }
    }
}

extension UUID: PostgresDecodable {
    public init(postgresText text: String) throws(PostgresDecodingFailure) {
        guard let v = UUID(uuidString: text) else { throw PostgresDecodingFailure(expected: "uuid") }
        self = v
    }
}
