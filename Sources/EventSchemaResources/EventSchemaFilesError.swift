/// The bundled event catalogue cannot be read.
public struct EventSchemaFilesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable classification of the problem.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The code as text.
        public let rawValue: String
        /// Creates a code from its text.
        /// - Parameter rawValue: the stable text of the code.
        public init(_ rawValue: String) { self.rawValue = rawValue }
        /// The code as text.
        public var description: String { rawValue }

        /// The resource bundle has no `EventSchemas` folder: the binary was built or installed without it.
        public static let missingBundle = Code("missing_bundle")
        /// A folder could not be listed or a file could not be read as UTF-8.
        public static let unreadable = Code("unreadable")
    }

    /// What went wrong.
    public let code: Code
    /// The file or folder concerned.
    public let file: String
    /// A sentence saying what went wrong.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: the classification.
    ///   - file: the file or folder concerned.
    ///   - message: what went wrong.
    public init(code: Code, file: String, message: String) {
        self.code = code
        self.file = file
        self.message = message
    }

    /// The code and message on one line.
    public var description: String { "\(code): \(message)" }
}
