import Benefits
import DaftarJSON
import EventStore
import Testing

/// The Swift event types against the catalogue's examples: exact round trips, schema-valid encodings,
/// and decoding that refuses what the types can see is wrong.
@Suite struct DomainEventRoundTripTests {
    @Test func thereIsOneSwiftTypePerSchema() throws {
        let catalogue = try CatalogueExamples.catalogue.get()
        let swift = Set(DomainEventDecoder.eventTypes.map { "\($0.eventType) v\($0.schemaVersion)" })
        let schemas = Set(catalogue.knownVersions.flatMap { type, versions in versions.map { "\(type) v\($0)" } })
        #expect(swift == schemas)
        #expect(DomainEventDecoder.eventTypes.count == swift.count, "a type is listed twice")
        #expect(DomainEventDecoder.exactType(of: "HouseholdAssessed", schemaVersion: 1) == HouseholdAssessedV1.self)
        #expect(DomainEventDecoder.exactType(of: "HouseholdAssessed", schemaVersion: 2) == HouseholdAssessed.self)
        #expect(DomainEventDecoder.latestVersion(of: "HouseholdAssessed") == 2)
        #expect(DomainEventDecoder.exactType(of: "HouseholdAssessed", schemaVersion: 3) == nil)
    }

    @Test(arguments: CatalogueExamples.files)
    func everyValidExampleRoundTripsAndEncodesToASchemaValidPayload(_ file: ExamplesFile) throws {
        let catalogue = try CatalogueExamples.catalogue.get()
        let type = try #require(DomainEventDecoder.exactType(of: file.eventType, schemaVersion: file.schemaVersion))
        let template = try #require(file.schema["x-stream"]?.stringValue)
        for (i, example) in file.valid.enumerated() {
            let label = "\(file.name) valid[\(i)]"
            let event = try DomainEventDecoder.decodeExactly(type: file.eventType, schemaVersion: file.schemaVersion, data: example)
            #expect(Swift.type(of: event) == type, "\(label)")
            #expect(event.json.canonicalText == example.canonicalText, "\(label)")
            #expect(throws: Never.self, "\(label)") {
                try catalogue.validate(type: event.eventType, schemaVersion: event.schemaVersion, data: event.json, field: "event")
            }
            // Decoding the encoding gives the same value.
            let again = try type.init(json: event.json, at: "")
            #expect(again.json == event.json, "\(label)")
            #expect(event.streamID == Self.fill(template, from: example), "\(label)")
        }
    }

    /// Where an invalid example breaks a rule the Swift types can see (a missing unconditional
    /// property, an unexpected property, a wrong JSON kind, an unknown code, an impossible date),
    /// decoding refuses it with the same rule at the same pointer.
    @Test(arguments: CatalogueExamples.files)
    func decodingRefusesWhatTheTypesCanSee(_ file: ExamplesFile) throws {
        let catalogue = try CatalogueExamples.catalogue.get()
        let schema = try #require(catalogue.schema(type: file.eventType, schemaVersion: file.schemaVersion))
        for example in file.invalid {
            let label = "\(file.name): \(example.description)"
            let violation = try #require(schema.validate(example.instance).first)
            let typeCanSee: Bool
            switch violation.keyword {
            case "type", "enum", "additionalProperties": typeCanSee = true
            case "required": typeCanSee = !violation.schemaPointer.contains("/then/")
            case "format": typeCanSee = violation.schemaLocation.hasSuffix("date/format") || violation.schemaLocation.hasSuffix("timestamp/format")
            default: typeCanSee = false
            }
            let outcome = Result { () throws(EventDecodingError) in
                try DomainEventDecoder.decodeExactly(type: file.eventType, schemaVersion: file.schemaVersion, data: example.instance)
            }
            if typeCanSee {
                guard case .failure(let error) = outcome else {
                    Issue.record("\(label): decoded although it breaks \(example.keyword) at \(example.pointer)")
                    continue
                }
                #expect(error.code == .invalidPayload, "\(label)")
                #expect(error.rule == example.keyword, "\(label)")
                #expect(error.field == example.pointer, "\(label)")
            }
        }
    }

    @Test func decodingCoversEveryKindOfRule() {
        // The check above must not be vacuous: count the examples it applies to.
        var seen: Set<String> = []
        for file in CatalogueExamples.files {
            for example in file.invalid where ["type", "enum", "additionalProperties", "required", "format"].contains(example.keyword) {
                seen.insert(example.keyword)
            }
        }
        #expect(seen == ["type", "enum", "additionalProperties", "required", "format"])
    }

    /// `x-stream` with each `{placeholder}` replaced by the payload's string member.
    static func fill(_ template: String, from payload: JSONValue) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            result += payload[name]?.stringValue ?? "<missing \(name)>"
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
