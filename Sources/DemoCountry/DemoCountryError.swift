/// A refusal of the generator: bad options, or a domain decision that refused a generated command
/// (a bug in the generator, never expected). Codes are stable.
public struct DemoCountryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code: `invalid_option` or `domain_rejected`.
    public let code: String
    /// What went wrong, with the value.
    public let message: String
    /// The option or command field at fault.
    public let field: String
    /// The rule that was broken.
    public let rule: String

    /// Creates an error; each parameter sets the property of the same name.
    public init(code: String, message: String, field: String, rule: String) {
        self.code = code
        self.message = message
        self.field = field
        self.rule = rule
    }

    public var description: String { "\(code): \(field): \(message) (\(rule))" }
}
