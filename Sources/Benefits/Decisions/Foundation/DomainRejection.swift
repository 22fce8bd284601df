/// A command refused by a decision: which rule, which field, which value (CONVENTIONS.md, "Errors").
///
/// A struct with a stable ``code`` rather than an enum, so that codes can be added without breaking
/// callers. ``rule`` names the rule broken, with the version of the programme's rule, formula or
/// schedule where one applies (`eligibility rule v2: score < 11.827736`); ``field`` is the command's
/// field (`householdId`, `indicators.logHouseholdSize`); ``value`` describes the value refused and is
/// safe to show: it holds codes, pseudonymous ids, dates of the ledger and amounts, never a name, a
/// national id number or a birth date (DESIGN.md §4).
///
/// A rejection appends nothing.
public struct DomainRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code, for example `not_eligible`; see `DomainRejection+Codes.swift` for the list.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The code as text.
        public let rawValue: String
        /// Creates a code from its text.
        /// - Parameter rawValue: the stable text of the code.
        public init(_ rawValue: String) { self.rawValue = rawValue }
        /// The code as text.
        public var description: String { rawValue }
    }

    /// What kind of refusal this is.
    public let code: Code
    /// The rule broken, in the domain's words, with the version in force where one applies.
    public let rule: String
    /// The command field concerned.
    public let field: String
    /// The refused value, described without personal data.
    public let value: String

    /// Creates a rejection.
    /// - Parameters:
    ///   - code: the stable code.
    ///   - rule: the rule broken.
    ///   - field: the command field concerned.
    ///   - value: the refused value, described without personal data.
    public init(_ code: Code, rule: String, field: String, value: String) {
        self.code = code
        self.rule = rule
        self.field = field
        self.value = value
    }

    /// A sentence naming the field, the value and the rule.
    public var message: String { "\(field) \(value) refused: \(rule)" }

    /// The code and the message on one line.
    public var description: String { "\(code): \(message)" }
}
