/// One way in which an instance fails a schema.
///
/// A violation locates the offending value and the rule it breaks, but never carries the value:
/// instances are event payloads and may hold personal data. The message may quote the schema
/// (a limit, a pattern, the allowed values of an `enum`), which is not personal data.
public struct JSONSchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// The JSON Pointer of the offending value in the instance, `""` for the root.
    ///
    /// For `required` and `dependentRequired` it points at the missing member (for example
    /// `/governorate`); for `additionalProperties` and `propertyNames` at the member whose name is
    /// not allowed; for surplus items under `items: false` at the item.
    public let instancePointer: String
    /// The keyword whose assertion failed, for example `pattern`, `required` or `maximum`, or
    /// `false` when the value reached a `false` schema.
    public let keyword: String
    /// The JSON Pointer of the failing keyword from the root of the schema being validated against,
    /// following `$ref` as a path segment (the "keyword location" of the JSON Schema output format),
    /// for example `/properties/householdId/$ref/pattern`.
    public let schemaPointer: String
    /// The absolute URI of the failing keyword in the document that holds it, for example
    /// `https://daftar.invalid/schemas/common.v1.json#/$defs/householdId/pattern`.
    public let schemaLocation: String
    /// The JSON kind of the offending value: `null`, `boolean`, `integer`, `number`, `string`,
    /// `array` or `object`, or `missing` for a required member that is absent (for `propertyNames`,
    /// `string`: the offending value is the member's name). Never the value.
    public let valueKind: String
    /// A sentence for people naming the field and the rule, without the instance's value.
    public let message: String

    /// Creates a violation.
    /// - Parameters:
    ///   - instancePointer: the pointer of the offending value in the instance.
    ///   - keyword: the keyword that failed.
    ///   - schemaPointer: the keyword's pointer from the root schema, through `$ref`.
    ///   - schemaLocation: the keyword's absolute URI.
    ///   - valueKind: the JSON kind of the offending value.
    ///   - message: the human-readable explanation, free of instance data.
    public init(
        instancePointer: String, keyword: String, schemaPointer: String, schemaLocation: String, valueKind: String,
        message: String
    ) {
        self.instancePointer = instancePointer
        self.keyword = keyword
        self.schemaPointer = schemaPointer
        self.schemaLocation = schemaLocation
        self.valueKind = valueKind
        self.message = message
    }

    /// The message, which already names the instance location.
    public var description: String { message }
}
