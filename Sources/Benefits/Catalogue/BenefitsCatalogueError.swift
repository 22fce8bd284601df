/// The event catalogue could not be loaded from `EventSchemas/`.
///
/// Raised once, at start-up, by ``BenefitsCatalogue/init()``: a binary whose catalogue does not load
/// must not accept appends.
public struct BenefitsCatalogueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The code as text.
        public let rawValue: String
        /// Creates a code from its text.
        /// - Parameter rawValue: the stable text of the code.
        public init(_ rawValue: String) { self.rawValue = rawValue }
        /// The code as text.
        public var description: String { rawValue }

        /// The bundled `EventSchemas/` folder is missing or unreadable.
        public static let missingSchemas = Code("missing_schemas")
        /// A schema file is not JSON, or not a schema the validator accepts.
        public static let invalidSchema = Code("invalid_schema")
        /// A schema lacks `x-event-type` or `x-schema-version`, or two schemas claim the same pair.
        public static let invalidCatalogue = Code("invalid_catalogue")
    }

    /// What went wrong.
    public let code: Code
    /// The schema file or `$id` concerned.
    public let file: String
    /// A sentence saying what is wrong.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: the classification.
    ///   - file: the schema file or `$id` concerned.
    ///   - message: what is wrong.
    public init(code: Code, file: String, message: String) {
        self.code = code
        self.file = file
        self.message = message
    }

    /// The code, file and message on one line.
    public var description: String { "\(code) in \(file): \(message)" }
}
