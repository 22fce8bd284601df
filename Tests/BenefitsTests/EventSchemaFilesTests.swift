import EventSchemaResources
import Testing

@Suite struct EventSchemaFilesTests {
    @Test func bundleHoldsSchemasAndExamples() throws {
        let schemas = try EventSchemaFiles.schemas()
        #expect(schemas.contains { $0.name == "common.v1.json" })
        #expect(schemas.count >= 40)
        let examples = try EventSchemaFiles.examples()
        #expect(examples.count == schemas.count - 1)
    }
}
