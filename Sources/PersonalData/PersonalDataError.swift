/// A refusal or failure of the personal-data vault, with a stable code.
///
/// Messages name fields, rules and pseudonymous person ids; they never repeat a name, a national id,
/// a phone number, an address or a birth date.
public struct PersonalDataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable classification of the failure.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A field broke a rule; see ``PersonalDataError/field`` and ``PersonalDataError/rule``.
        public static let invalidInput = Code("invalid_input")
        /// A read or export was asked for without a purpose.
        public static let purposeRequired = Code("purpose_required")
        /// No person with this id is in the vault.
        public static let personNotFound = Code("person_not_found")
        /// The person was erased: their data key is gone and their details cannot be read.
        public static let personErased = Code("person_erased")
        /// The person id or the national id is already in the vault.
        public static let duplicatePerson = Code("duplicate_person")
        /// The master key is missing, malformed, or not the one the vault's keys are wrapped with.
        public static let masterKey = Code("master_key")
        /// A stored key or record did not decrypt: it was altered, or belongs to another person or key.
        public static let decryptionFailed = Code("decryption_failed")
        /// No such cross-match run was started here.
        public static let matchRunNotFound = Code("match_run_not_found")
    }

    /// What kind of failure this is.
    public let code: Code
    /// The field concerned (`nationalId`, `purpose`, a CSV column …), when there is one.
    public let field: String?
    /// The rule it broke (`required`, `pattern`, `length`, `unique` …), when there is one.
    public let rule: String?
    /// A human explanation, free of personal data.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: the stable code.
    ///   - field: the field concerned.
    ///   - rule: the rule broken.
    ///   - message: an explanation that holds no personal data.
    public init(code: Code, field: String? = nil, rule: String? = nil, message: String) {
        self.code = code
        self.field = field
        self.rule = rule
        self.message = message
    }

    public var description: String { message }

    /// `invalid_input` for `field` breaking `rule`; the message is prefixed with the field.
    static func invalid(_ field: String, _ rule: String, _ message: String) -> PersonalDataError {
        PersonalDataError(code: .invalidInput, field: field, rule: rule, message: "\(field): \(message)")
    }
}
