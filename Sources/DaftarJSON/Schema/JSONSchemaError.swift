/// A schema that cannot be loaded or compiled.
///
/// Raised by ``JSONSchemaRegistry`` when a document is registered or compiled, never while an
/// instance is validated: a schema that compiles validates every instance without failing.
public struct JSONSchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable classification of the problem, independent of the message's wording.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The code as text, for example `unsupported_keyword`.
        public let rawValue: String

        /// Creates a code from its text.
        /// - Parameter rawValue: the stable text of the code.
        public init(_ rawValue: String) { self.rawValue = rawValue }

        /// The code as text.
        public var description: String { rawValue }

        /// The schema uses a keyword this validator does not implement, so it cannot be honoured.
        public static let unsupportedKeyword = Code("unsupported_keyword")
        /// A keyword's value has the wrong shape, for example a negative `minLength`.
        public static let invalidKeywordValue = Code("invalid_keyword_value")
        /// A subschema is neither an object nor a Boolean.
        public static let invalidSchema = Code("invalid_schema")
        /// A `pattern` or `patternProperties` key is not a regular expression this validator accepts.
        public static let invalidPattern = Code("invalid_pattern")
        /// `$schema` names a dialect other than Draft 2020-12.
        public static let unsupportedDialect = Code("unsupported_dialect")
        /// A document has no `$id`, or the `$id` is not an absolute URI without a fragment.
        public static let invalidIdentifier = Code("invalid_identifier")
        /// Two schema resources claim the same `$id`.
        public static let duplicateIdentifier = Code("duplicate_identifier")
        /// A `$ref` names no schema known to the registry.
        public static let unresolvableReference = Code("unresolvable_reference")
        /// Schemas refer to each other in a loop that never descends into the instance.
        public static let referenceCycle = Code("reference_cycle")
        /// The schema asked to be compiled is not registered.
        public static let unknownSchema = Code("unknown_schema")
        /// The schema text is not valid JSON.
        public static let invalidJSON = Code("invalid_json")
    }

    /// What kind of problem this is.
    public let code: Code
    /// Where the problem is: the absolute URI of the schema location, with a JSON Pointer
    /// fragment, for example `https://daftar.invalid/schemas/a.json#/properties/name/minLenght`.
    public let location: String
    /// What is wrong, naming the keyword involved.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: the classification.
    ///   - location: the absolute schema location of the problem.
    ///   - message: what is wrong.
    public init(code: Code, location: String, message: String) {
        self.code = code
        self.location = location
        self.message = message
    }

    /// The code, location and message on one line.
    public var description: String { "\(code) at \(location): \(message)" }
}
