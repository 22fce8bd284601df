import DaftarJSON
import EventSchemaResources
import EventStore

/// The benefits event catalogue: the JSON Schemas of `EventSchemas/`, bundled into the binary,
/// compiled once, and asked by the event store on every append (DESIGN.md §3.8).
///
/// An append is refused when its type or schema version is not in the catalogue
/// (`unknown_event_type`, the message listing the known versions) or its payload breaks its schema
/// (`schema_violation`, with the field as `<event>.data<JSON pointer>`, the rule as the schema
/// keyword, and a message naming the pointer, the rule and the value's kind, never the value).
///
/// Load it once at start-up and share it: it is immutable and `Sendable`.
public struct BenefitsCatalogue: EventCatalogue {
    /// The compiled schema of each event type and version.
    let schemas: [EventTypeKey: JSONSchema]

    /// Loads every schema of the bundled `EventSchemas/` folder.
    /// - Throws: ``BenefitsCatalogueError`` when the folder is missing, a schema does not load or
    ///   compile, or the catalogue is inconsistent.
    public init() throws(BenefitsCatalogueError) {
        let files: [EventSchemaFile]
        do {
            files = try EventSchemaFiles.schemas()
        } catch {
            throw BenefitsCatalogueError(code: .missingSchemas, file: error.file, message: error.message)
        }
        var documents: [JSONValue] = []
        for file in files {
            do {
                documents.append(try JSONParser.parse(file.text))
            } catch {
                throw BenefitsCatalogueError(code: .invalidSchema, file: file.name, message: "not JSON: \(error.description)")
            }
        }
        try self.init(schemaDocuments: documents)
    }

    /// Builds a catalogue from schema documents: event schemas (with `x-event-type` and
    /// `x-schema-version`) and the definition documents they refer to.
    /// - Parameter documents: the schema documents, each with an absolute `$id`.
    /// - Throws: ``BenefitsCatalogueError`` when a document does not load or compile, or two claim
    ///   the same event type and version.
    public init(schemaDocuments documents: [JSONValue]) throws(BenefitsCatalogueError) {
        var registry = JSONSchemaRegistry()
        for document in documents {
            do {
                try registry.register(document)
            } catch {
                throw BenefitsCatalogueError(code: .invalidSchema, file: error.location, message: error.description)
            }
        }
        let compiled: [String: JSONSchema]
        do {
            compiled = try registry.compileAll()
        } catch {
            throw BenefitsCatalogueError(code: .invalidSchema, file: error.location, message: error.description)
        }
        var schemas: [EventTypeKey: JSONSchema] = [:]
        for document in documents {
            guard let id = document["$id"]?.stringValue else { continue }
            let type = document["x-event-type"]?.stringValue
            let version = document["x-schema-version"]?.int64Value
            guard type != nil || version != nil else { continue }  // a definitions document such as common.v1.json
            guard let type, let version, let intVersion = Int(exactly: version), intVersion >= 1 else {
                throw BenefitsCatalogueError(
                    code: .invalidCatalogue, file: id, message: "an event schema needs both x-event-type and a positive x-schema-version")
            }
            let key = EventTypeKey(type: type, schemaVersion: intVersion)
            guard schemas[key] == nil else {
                throw BenefitsCatalogueError(
                    code: .invalidCatalogue, file: id, message: "a second schema for \(type) version \(intVersion)")
            }
            schemas[key] = compiled[id]
        }
        self.schemas = schemas
    }

    /// Every event type with its schema versions in ascending order.
    public var knownVersions: [String: [Int]] {
        var result: [String: [Int]] = [:]
        for key in schemas.keys { result[key.type, default: []].append(key.schemaVersion) }
        return result.mapValues { $0.sorted() }
    }

    /// The compiled schema of an event type and version.
    /// - Parameters:
    ///   - type: the event type.
    ///   - schemaVersion: the schema version.
    /// - Returns: the schema, or `nil` when the catalogue has none.
    public func schema(type: String, schemaVersion: Int) -> JSONSchema? {
        schemas[EventTypeKey(type: type, schemaVersion: schemaVersion)]
    }

    /// Checks an event's type, schema version and payload (see ``EventCatalogue``).
    /// - Parameters:
    ///   - type: the event type.
    ///   - schemaVersion: the payload's schema version.
    ///   - data: the payload.
    ///   - field: the path of the event in the request (`streams[0].events[2]`).
    /// - Throws: ``EventStoreError`` `unknown_event_type` (field `<field>.type` or
    ///   `<field>.schemaVersion`), or `schema_violation` with field `<field>.data<pointer>` and the
    ///   failing keyword as the rule.
    public func validate(type: String, schemaVersion: Int, data: JSONValue, field: String) throws(EventStoreError) {
        guard let schema = schema(type: type, schemaVersion: schemaVersion) else {
            let versions = knownVersions[type] ?? []
            if versions.isEmpty {
                throw EventStoreError(
                    code: .unknownEventType,
                    message: "\(field).type: \(type) is not an event type of the catalogue (no known versions)",
                    field: "\(field).type", rule: "eventType")
            }
            throw EventStoreError(
                code: .unknownEventType,
                message: "\(field).schemaVersion: \(type) has no schema version \(schemaVersion) "
                    + "(known versions: \(versions.map(String.init).joined(separator: ", ")))",
                field: "\(field).schemaVersion", rule: "schemaVersion")
        }
        guard let violation = schema.firstViolation(in: data) else { return }
        let path = "\(field).data\(violation.instancePointer)"
        let kind = violation.valueKind == "missing" ? "a missing value" : "a value of kind \(violation.valueKind)"
        throw EventStoreError(
            code: .schemaViolation,
            message: "\(path): rule \"\(violation.keyword)\" broken by \(kind): \(violation.message)",
            field: path, rule: violation.keyword)
    }
}
