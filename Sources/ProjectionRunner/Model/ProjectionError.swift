/// Why the projection runner could not go on.
public struct ProjectionError: Error, Sendable, CustomStringConvertible {
    /// A stable code.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A projection name that no projection has.
        public static let unknownProjection = Code(rawValue: "unknown_projection")
        /// A projection's SQL file lacks a section, or a table it declares.
        public static let invalidDefinition = Code(rawValue: "invalid_projection_definition")
        /// An event row from the store could not be read.
        public static let unreadableEvent = Code(rawValue: "unreadable_event")
        /// Another process holds the build (it is running or rebuilding it).
        public static let busy = Code(rawValue: "projection_busy")
        /// The checkpoint moved under the runner: another runner applied the batch.
        public static let checkpointMoved = Code(rawValue: "checkpoint_moved")
        /// A projection wrote a row that does not fit its table.
        public static let invalidRow = Code(rawValue: "invalid_projection_row")
    }

    /// The code.
    public let code: Code
    /// What went wrong.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
