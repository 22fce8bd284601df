/// Why the event store refused or failed an operation.
///
/// A struct with a stable ``code`` rather than an enum, so that codes can be added without
/// breaking callers. The message names the field and the rule; it never repeats payload values.
public struct EventStoreError: Error, Sendable, CustomStringConvertible {
    /// A stable code.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A stream was not at the expected version; see ``EventStoreError/expectedVersion`` and ``EventStoreError/actualVersion``.
        public static let wrongExpectedVersion = Code("wrong_expected_version")
        /// The idempotency key was used before for a different request.
        public static let idempotencyKeyReused = Code("idempotency_key_reused")
        /// The input broke a rule; see ``EventStoreError/field`` and ``EventStoreError/rule``.
        public static let invalidInput = Code("invalid_input")
        /// The event's type or schema version is not in the catalogue.
        public static let unknownEventType = Code("unknown_event_type")
        /// The event's payload does not satisfy its schema.
        public static let schemaViolation = Code("schema_violation")
        /// The database failed; see the underlying ``EventStoreError/postgres`` error.
        public static let database = Code("database")
    }

    /// What went wrong.
    public let code: Code
    /// A sentence naming the field and the rule.
    public let message: String
    /// The field concerned, as a path (`events[0].data/governorate`, `expectedVersion`), when one is.
    public var field: String?
    /// The rule broken (`pattern`, `maxLength`, `required` …), when one is.
    public var rule: String?
    /// The stream concerned, for version conflicts.
    public var stream: String?
    /// The version the caller expected (`nil` for "any"; 0 for "no stream").
    public var expectedVersion: Int64?
    /// The version the stream was at.
    public var actualVersion: Int64?
    /// In a bulk append, the index of the request concerned.
    public var requestIndex: Int?
    /// The underlying database error, for code ``Code/database``.
    public var postgres: PostgresErrorSummary?

    /// Creates an error.
    public init(code: Code, message: String, field: String? = nil, rule: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.rule = rule
    }

    /// An invalid-input error for `field` breaking `rule`.
    public static func invalid(_ field: String, _ rule: String, _ message: String) -> EventStoreError {
        EventStoreError(code: .invalidInput, message: "\(field): \(message)", field: field, rule: rule)
    }

    public var description: String { "\(code): \(message)" }
}

/// The parts of a database error that are safe to show.
public struct PostgresErrorSummary: Sendable {
    /// The SQLSTATE.
    public let sqlState: String?
    /// The server's message.
    public let message: String
}
