import DaftarJSON

/// Why a payload could not be read as a domain event.
///
/// Raised by `init(json:)` of the event types and by ``DomainEventDecoder``. Like the schema
/// validator's violations it names the place (a JSON Pointer into the payload) and the rule, and the
/// kind of the value found, never the value: payloads may hold personal data.
public struct EventDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The code as text, for example `invalid_payload`.
        public let rawValue: String
        /// Creates a code from its text.
        /// - Parameter rawValue: the stable text of the code.
        public init(_ rawValue: String) { self.rawValue = rawValue }
        /// The code as text.
        public var description: String { rawValue }

        /// The payload does not have the shape of the event type: see ``EventDecodingError/rule``.
        public static let invalidPayload = Code("invalid_payload")
        /// No Swift type is registered for the event type and schema version.
        public static let unknownEventType = Code("unknown_event_type")
    }

    /// What went wrong.
    public let code: Code
    /// The JSON Pointer of the offending value in the payload (`""` for the root, `/components/0/amountMinor`).
    public let field: String
    /// The rule broken, named like the JSON Schema keyword it corresponds to: `type`, `required`,
    /// `additionalProperties`, `enum`, `format`; `eventType` for an unknown type or version.
    public let rule: String
    /// A sentence naming the field, the rule and the kind of value found.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: the classification.
    ///   - field: the JSON Pointer of the offending value.
    ///   - rule: the rule broken.
    ///   - message: a sentence naming the field and the rule, without the value.
    public init(code: Code, field: String, rule: String, message: String) {
        self.code = code
        self.field = field
        self.rule = rule
        self.message = message
    }

    /// The code and message on one line.
    public var description: String { "\(code): \(message)" }

    static func invalid(_ pointer: String, _ rule: String, _ explanation: String) -> EventDecodingError {
        EventDecodingError(
            code: .invalidPayload, field: pointer, rule: rule,
            message: "\(pointer.isEmpty ? "the payload" : pointer): \(explanation)")
    }

    static func wrongType(_ pointer: String, expected: String, found value: JSONValue) -> EventDecodingError {
        invalid(pointer, "type", "expected \(expected), found \(value.kindName)")
    }
}
