/// A compiled JSON Schema (Draft 2020-12), ready to validate instances.
///
/// Immutable and `Sendable`: compile once with ``JSONSchemaRegistry`` (or
/// ``init(compiling:)`` for a self-contained schema) and validate from any number of threads.
/// Regular expressions are compiled and references resolved in advance.
///
/// Validation first checks validity alone, which stops at the first failure and builds no
/// report; only an invalid instance is walked again to describe what is wrong, in a stable order
/// (schema keyword order, object members by name).
public struct JSONSchema: Sendable {
    let program: SchemaProgram
    let root: Int

    init(program: SchemaProgram, root: Int) {
        self.program = program
        self.root = root
    }

    /// Compiles a self-contained schema document.
    ///
    /// The document may omit `$id`; it can then refer only to itself (`#/$defs/…`), and error
    /// and violation locations use the base URI `urn:daftar:anonymous-schema`.
    /// - Parameter document: the schema.
    /// - Throws: ``JSONSchemaError`` as ``JSONSchemaRegistry/register(_:)`` and
    ///   ``JSONSchemaRegistry/schema(_:)`` do.
    public init(compiling document: JSONValue) throws(JSONSchemaError) {
        var registry = JSONSchemaRegistry()
        let id: String
        if case .string(let declared)? = document["$id"] {
            id = declared
            try registry.register(document)
        } else {
            id = "urn:daftar:anonymous-schema"
            try registry.register(document, documentID: id)
        }
        self = try registry.schema(id)
    }

    /// The absolute URI of this schema, for example
    /// `https://daftar.invalid/schemas/household-registered.v1.json#`.
    public var location: String { program.nodes[root].location }

    /// Whether `instance` satisfies the schema.
    /// - Parameter instance: the value to check.
    /// - Returns: `true` when it is valid.
    public func isValid(_ instance: JSONValue) -> Bool {
        program.isValid(root, instance)
    }

    /// Every way in which `instance` fails the schema.
    ///
    /// `anyOf`, `oneOf`, `not`, `contains` and `propertyNames` report one violation of their own
    /// rather than the failures inside their subschemas; `allOf`, `$ref`, `then` and `else` report
    /// the failures inside.
    /// - Parameter instance: the value to check.
    /// - Returns: the violations in a stable order; empty when the instance is valid.
    public func validate(_ instance: JSONValue) -> [JSONSchemaViolation] {
        guard !isValid(instance) else { return [] }
        var sink = ViolationSink(mode: .all)
        _ = program.nodes[root].evaluate(instance, in: program, &sink)
        return sink.violations.map(\.violation)
    }

    /// The first violation, in the same order as ``validate(_:)``, or `nil` when `instance` is valid.
    /// - Parameter instance: the value to check.
    /// - Returns: the first violation, or `nil`.
    public func firstViolation(in instance: JSONValue) -> JSONSchemaViolation? {
        guard !isValid(instance) else { return nil }
        var sink = ViolationSink(mode: .first)
        _ = program.nodes[root].evaluate(instance, in: program, &sink)
        return sink.violations.first?.violation
    }
}
