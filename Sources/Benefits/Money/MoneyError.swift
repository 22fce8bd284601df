/// Why an amount of money or a rate was refused.
///
/// A struct with a stable ``code`` (not an enum), so codes can be added without breaking callers.
/// The message names the field and the rule; the offending text, when there is one, is kept apart in
/// ``value`` so that a caller decides whether to show it.
public struct MoneyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The code as text, for example `amount_overflow`.
        public let rawValue: String
        /// Creates a code from its text.
        /// - Parameter rawValue: the stable text of the code.
        public init(_ rawValue: String) { self.rawValue = rawValue }
        /// The code as text.
        public var description: String { rawValue }

        /// Text is not an amount: see ``MoneyError/rule`` (`syntax`, `leadingZero`, `sign`, `fractionDigits`).
        public static let invalidAmount = Code("invalid_amount")
        /// The result does not fit in 64-bit minor units (rule `range`).
        public static let overflow = Code("amount_overflow")
        /// Two amounts in different currencies were combined (rule `currency`).
        public static let currencyMismatch = Code("currency_mismatch")
        /// A currency code is not in Daftar's table (rule `enum`).
        public static let unknownCurrency = Code("unknown_currency")
        /// Text or a value is not a rate Daftar accepts (rules `syntax`, `leadingZero`, `precision`).
        public static let invalidRate = Code("invalid_rate")
    }

    /// What went wrong.
    public let code: Code
    /// The field concerned, for example `amountMinor` or `components[2].amountMinor`.
    public var field: String
    /// The rule broken: `syntax`, `leadingZero`, `sign`, `fractionDigits`, `range`, `currency`, `enum`, `precision`.
    public let rule: String
    /// A sentence naming the field and the rule.
    public let message: String
    /// The offending text, when the error comes from parsing; at most 64 characters of it.
    public let value: String?

    /// Creates an error.
    /// - Parameters:
    ///   - code: the classification.
    ///   - field: the field concerned.
    ///   - rule: the rule broken.
    ///   - message: a sentence naming the field and the rule.
    ///   - value: the offending text, if any (truncated to 64 characters).
    public init(code: Code, field: String, rule: String, message: String, value: String? = nil) {
        self.code = code
        self.field = field
        self.rule = rule
        self.message = message
        self.value = value.map { String($0.prefix(64)) }
    }

    /// The code and message on one line.
    public var description: String { "\(code): \(message)" }
}
