import DaftarJSON

/// A JSON document carried in a payload as a string (a published projection's scenario), kept as
/// written so that its digest can be checked.
///
/// Its shape (an object, no raw control characters, a maximum length) is in the schema that holds it,
/// checked by the catalogue on every append.
public struct JSONText: Sendable, Hashable, CustomStringConvertible, JSONConvertible {
    /// The JSON text as written.
    public let text: String

    /// A document from its text.
    /// - Parameter text: the JSON text, canonical where a digest covers it.
    public init(_ text: String) {
        self.text = text
    }

    /// Reads the text from a JSON string.
    /// - Throws: ``EventDecodingError`` with rule `type` for anything but a string.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        guard case .string(let text) = json else { throw .wrongType(pointer, expected: "JSON text string", found: json) }
        self.text = text
    }

    /// The text as a JSON string.
    public var json: JSONValue { .string(text) }

    /// The text as written.
    public var description: String { text }
}
