/// Why a matching step refused its input: a national id, a CSV row, an exchange file, a run's state.
///
/// Every error carries a stable ``code`` (for scripts and the CLI's JSON errors), the ``line`` of the
/// file at fault where there is one (1-based, as an editor counts), the ``field`` (a header field,
/// `rows[17]`, `persons[3]`, `national_id` …) and a ``message`` in words. Nothing is written or
/// returned when one is thrown.
public struct MatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable error code. Compare codes, never messages.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The code as written in JSON errors: `malformed_line`, …
        public var rawValue: String

        /// A code from its text.
        ///
        /// - Parameter rawValue: the code as written, `malformed_line` …
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The code as written.
        public var description: String { rawValue }

        /// A line of an exchange file that is not what its position calls for (not JSON, a bad point encoding,
        /// a line after the trailer …).
        public static let malformedLine = Code(rawValue: "malformed_line")
        /// A header line that is not a header of the kind expected, or misses a field.
        public static let malformedHeader = Code(rawValue: "malformed_header")
        /// An exchange file that ends before its trailer.
        public static let truncatedFile = Code(rawValue: "truncated_file")
        /// An exchange file whose trailer does not match its lines (digest or count).
        public static let tamperedFile = Code(rawValue: "tampered_file")
        /// A partner file answering a run this registry did not start (or not this run).
        public static let foreignRun = Code(rawValue: "foreign_run")
        /// A file for, or from, another partner than the run's.
        public static let wrongPartner = Code(rawValue: "wrong_partner")
        /// A file written to another protocol version.
        public static let protocolVersion = Code(rawValue: "protocol_version")
        /// A partner file whose answer was computed for another registry key (fingerprint mismatch).
        public static let keyMismatch = Code(rawValue: "key_mismatch")
        /// A partner file whose section D does not have one line per line of the registry's file.
        public static let countMismatch = Code(rawValue: "count_mismatch")
        /// A national id that fails normalisation (characters, length rule).
        public static let invalidNationalID = Code(rawValue: "invalid_national_id")
        /// The same national id twice in the partner's rows.
        public static let duplicateNationalID = Code(rawValue: "duplicate_national_id")
        /// An X25519 result of all zeros: the input was a low-order point. Practically impossible for hashed
        /// ids; from a file it means the file was crafted.
        public static let lowOrderPoint = Code(rawValue: "low_order_point")
        /// A partner CSV that cannot be read at all (not UTF-8, wrong header).
        public static let invalidCSV = Code(rawValue: "invalid_csv")
        /// A CSV row refused (reported in ``PartnerCSV/Report/rejected``, never thrown for a single row).
        public static let invalidRow = Code(rawValue: "invalid_row")
        /// A run state that cannot be restored (wrong key, corrupt, another version).
        public static let invalidState = Code(rawValue: "invalid_state")
        /// A parameter out of its range (partner code, length rule).
        public static let invalidInput = Code(rawValue: "invalid_input")
    }

    /// The stable code.
    public var code: Code
    /// The 1-based line of the file at fault, when the error is about a file.
    public var line: Int?
    /// The field at fault: a header field, `rows[i]`, `persons[i]`, `sha256` …
    public var field: String?
    /// What is wrong, in words.
    public var message: String

    /// Creates an error; each parameter sets the property of the same name.
    public init(_ code: Code, line: Int? = nil, field: String? = nil, _ message: String) {
        self.code = code
        self.line = line
        self.field = field
        self.message = message
    }

    /// `code at line N (field): message`, for logs.
    public var description: String {
        var s = code.rawValue
        if let line { s += " at line \(line)" }
        if let field { s += " (\(field))" }
        return s + ": " + message
    }
}
