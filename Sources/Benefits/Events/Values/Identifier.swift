import DaftarJSON

/// What an ``Identifier`` identifies: a phantom type that keeps a household id from being passed
/// where a person id is expected.
public protocol IdentifierKind: Sendable {
    /// The kind in words, for messages, for example `household id`.
    static var noun: String { get }
}

/// A pseudonymous id, code or opaque reference held in events as a string (`HH-BG00012345`,
/// `IQ-BG-07`, `user:researcher.bg.0412`).
///
/// The string is kept as written. Its pattern is defined once, in `EventSchemas/common.v1.json`,
/// and checked by the catalogue on every append (``BenefitsCatalogue``); ids are never derived from
/// national id numbers or names (DESIGN.md §4).
public struct Identifier<Kind: IdentifierKind>: Sendable, Hashable, Comparable, CustomStringConvertible, JSONConvertible {
    /// The id as written.
    public let rawValue: String

    /// An id from its text.
    /// - Parameter rawValue: the id, for example `HH-BG00012345`.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Reads the id from a JSON string.
    /// - Throws: ``EventDecodingError`` with rule `type` for anything but a string.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        guard case .string(let text) = json else { throw .wrongType(pointer, expected: Kind.noun, found: json) }
        rawValue = text
    }

    /// The id as a JSON string.
    public var json: JSONValue { .string(rawValue) }

    /// The id as written.
    public var description: String { rawValue }

    public static func < (lhs: Identifier, rhs: Identifier) -> Bool {
        lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
    }
}
