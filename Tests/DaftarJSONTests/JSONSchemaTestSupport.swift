import DaftarJSON
import Testing

/// Parses JSON text in tests; a parse error fails the test.
func json(_ text: String) throws -> JSONValue {
    try JSONParser.parse(text)
}

/// Compiles a self-contained schema from JSON text.
func compile(_ schemaText: String) throws -> JSONSchema {
    try JSONSchema(compiling: try JSONParser.parse(schemaText))
}

/// One row of a keyword table: a schema, an instance, and the expected verdict.
struct SchemaCase: Sendable, CustomTestStringConvertible {
    let schema: String
    let instance: String
    /// `nil` when the instance is valid; otherwise the keyword the first violation must name.
    let failingKeyword: String?

    init(_ schema: String, _ instance: String, fails keyword: String? = nil) {
        self.schema = schema
        self.instance = instance
        failingKeyword = keyword
    }

    var testDescription: String { "\(schema) ⟵ \(instance) \(failingKeyword.map { "✗ \($0)" } ?? "✓")" }

    /// Checks the verdict through every entry point, and that the entry points agree.
    func verify() throws {
        let compiled = try compile(schema)
        let value = try json(instance)
        let all = compiled.validate(value)
        let first = compiled.firstViolation(in: value)
        if let failingKeyword {
            #expect(!compiled.isValid(value))
            #expect(first?.keyword == failingKeyword)
            #expect(all.first == first)
            #expect(all.contains { $0.keyword == failingKeyword })
        } else {
            #expect(compiled.isValid(value))
            #expect(first == nil)
            #expect(all.isEmpty)
        }
    }
}
