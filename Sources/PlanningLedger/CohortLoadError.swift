/// Why ``CohortLoader`` could not load a cohort from the store (a bad option is a `PlanningError`).
public struct CohortLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A `planning_cohort` row that does not read (a build written by other code, or altered).
        public static let unreadableRow = Code(rawValue: "unreadable_cohort_row")
        /// An event of the programme's stream that does not decode.
        public static let undecodableEvent = Code(rawValue: "undecodable_event")
    }

    /// The code.
    public let code: Code
    /// What went wrong, naming ids but no member's facts.
    public let message: String

    /// Creates an error; each parameter sets the property of the same name.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
