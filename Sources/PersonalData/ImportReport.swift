/// The outcome of a CSV import: how many persons were written, and every row refused.
///
/// An import is all or nothing: when any row is rejected, no row is written (``accepted`` is 0), so
/// that the corrected file can be imported again as a whole without duplicates.
public struct ImportReport: Sendable, Hashable {
    /// A refused row: its line, the column and the rule it broke, and why (never the value).
    public struct Rejection: Sendable, Hashable {
        /// The line the row starts on (1 is the header).
        public let line: Int
        /// The CSV column (`national_id` …), or `row` for the row as a whole.
        public let field: String
        /// The rule: `required`, `pattern`, `length`, `format`, `unique`, `columns`, `quoting`, `utf8` …
        public let rule: String
        /// An explanation free of personal data.
        public let message: String

        /// Creates a rejection.
        public init(line: Int, field: String, rule: String, message: String) {
            self.line = line
            self.field = field
            self.rule = rule
            self.message = message
        }
    }

    /// Data rows read (blank lines not counted).
    public let rows: Int
    /// Persons written: every row when none was rejected, else 0.
    public let accepted: Int
    /// The rejected rows, by line.
    public let rejected: [Rejection]

    /// Whether the import was written (no row was rejected).
    public var isCommitted: Bool { rejected.isEmpty }
}
