/// A planning input that cannot be used: a scenario field, an option, or a cohort that does not fit.
///
/// Errors carry a stable ``code``, the ``field`` (a JSON pointer-like path such as
/// `changes[2].amountMinor`) and the ``rule`` broken; nothing is computed when one is thrown.
public struct PlanningError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code: `invalid_scenario`, `unknown_governorate`, `currency_mismatch`, `invalid_option`, `no_schedule`, `digest_mismatch`.
    public var code: String
    /// The field at fault.
    public var field: String
    /// The rule broken, as a short code (`type`, `range`, `unknownField`, `required`, …).
    public var rule: String
    /// What is wrong, in words.
    public var message: String

    /// Creates an error; each parameter sets the property of the same name.
    public init(code: String, field: String, rule: String, message: String) {
        self.code = code
        self.field = field
        self.rule = rule
        self.message = message
    }

    public var description: String { "\(code): \(field): \(message) (rule \(rule))" }
}
