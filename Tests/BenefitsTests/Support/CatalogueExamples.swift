import Benefits
import DaftarJSON
import EventSchemaResources
import Foundation
import Testing

/// One `EventSchemas/examples/X.vN.examples.json` file with its schema's event type and version.
struct ExamplesFile: Sendable, CustomTestStringConvertible {
    struct Invalid: Sendable {
        let description: String
        let instance: JSONValue
        let pointer: String
        let keyword: String
    }

    let name: String
    let schemaName: String
    let eventType: String
    let schemaVersion: Int
    let schema: JSONValue
    let valid: [JSONValue]
    let invalid: [Invalid]

    var testDescription: String { name }
}

/// The catalogue and its examples, read from the bundle once for all tests.
enum CatalogueExamples {
    /// The catalogue, or the error that kept it from loading (reported by a test, not a crash).
    static let catalogue: Result<BenefitsCatalogue, BenefitsCatalogueError> = Result { () throws(BenefitsCatalogueError) in
        try BenefitsCatalogue()
    }

    /// Every examples file; empty if the bundle cannot be read (``loadError`` says why).
    static let files: [ExamplesFile] = (try? load()) ?? []

    static var loadError: String? {
        do {
            _ = try load()
            return nil
        } catch {
            return "\(error)"
        }
    }

    static func load() throws -> [ExamplesFile] {
        let schemas = Dictionary(uniqueKeysWithValues: try EventSchemaFiles.schemas().map { ($0.name, $0.text) })
        return try EventSchemaFiles.examples().map { file in
            let schemaName = String(file.name.dropLast(".examples.json".count)) + ".json"
            let schema = try JSONParser.parse(schemas[schemaName] ?? "null")
            let examples = try JSONParser.parse(file.text)
            let invalid = (examples["invalid"]?.arrayValue ?? []).map {
                ExamplesFile.Invalid(
                    description: $0["description"]?.stringValue ?? "", instance: $0["instance"] ?? .null,
                    pointer: $0["pointer"]?.stringValue ?? "?", keyword: $0["keyword"]?.stringValue ?? "?")
            }
            return ExamplesFile(
                name: file.name, schemaName: schemaName, eventType: schema["x-event-type"]?.stringValue ?? "?",
                schemaVersion: Int(schema["x-schema-version"]?.int64Value ?? 0), schema: schema,
                valid: examples["valid"]?.arrayValue ?? [], invalid: invalid)
        }
    }

    /// The value at a JSON Pointer, or `nil`.
    static func value(at pointer: String, in value: JSONValue) -> JSONValue? {
        var current = value
        for raw in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let token = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch current {
            case .object(let members):
                guard let next = members[token] else { return nil }
                current = next
            case .array(let elements):
                guard let i = Int(token), elements.indices.contains(i) else { return nil }
                current = elements[i]
            default: return nil
            }
        }
        return current
    }
}
