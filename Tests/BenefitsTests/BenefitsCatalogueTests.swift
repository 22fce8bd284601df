import Benefits
import DaftarJSON
import EventStore
import Testing

/// The catalogue as the store sees it: every example of EventSchemas/examples is accepted or refused
/// exactly as its file states, with the field, the rule and a message that leaks no value.
@Suite struct BenefitsCatalogueTests {
    let catalogue: BenefitsCatalogue

    init() throws {
        catalogue = try CatalogueExamples.catalogue.get()
    }

    @Test func examplesAreBundled() {
        #expect(CatalogueExamples.loadError == nil)
        #expect(CatalogueExamples.files.count >= 39)
    }

    @Test func everyEventSchemaIsLoadedAndHasExamples() {
        let fromExamples = Set(CatalogueExamples.files.map { "\($0.eventType) v\($0.schemaVersion)" })
        let loaded = Set(catalogue.knownVersions.flatMap { type, versions in versions.map { "\(type) v\($0)" } })
        #expect(loaded == fromExamples)
        #expect(catalogue.knownVersions["HouseholdAssessed"] == [1, 2])
        #expect(catalogue.knownVersions["PaymentIssued"] == [1])
    }

    @Test(arguments: CatalogueExamples.files)
    func validExamplesPass(_ file: ExamplesFile) throws {
        #expect(file.valid.count >= 2)
        for (i, example) in file.valid.enumerated() {
            #expect(throws: Never.self, "\(file.name) valid[\(i)]") {
                try catalogue.validate(type: file.eventType, schemaVersion: file.schemaVersion, data: example, field: "events[0]")
            }
        }
    }

    @Test(arguments: CatalogueExamples.files)
    func invalidExamplesFailWithTheStatedRuleAtTheStatedField(_ file: ExamplesFile) throws {
        #expect(file.invalid.count >= 4)
        let schema = try #require(catalogue.schema(type: file.eventType, schemaVersion: file.schemaVersion))
        for example in file.invalid {
            let label = "\(file.name): \(example.description)"
            let violations = schema.validate(example.instance)
            #expect(violations.map(\.keyword) == [example.keyword], "\(label)")
            #expect(violations.map(\.instancePointer) == [example.pointer], "\(label)")

            let error = #expect(throws: EventStoreError.self, "\(label)") {
                try catalogue.validate(type: file.eventType, schemaVersion: file.schemaVersion, data: example.instance, field: "events[3]")
            }
            guard let error else { continue }
            #expect(error.code == .schemaViolation, "\(label)")
            #expect(error.rule == example.keyword, "\(label)")
            #expect(error.field == "events[3].data\(example.pointer)", "\(label)")
            #expect(error.message.hasPrefix("events[3].data\(example.pointer): rule \"\(example.keyword)\""), "\(label)")
            let kind = violations.first?.valueKind ?? "?"
            #expect(error.message.contains(kind == "missing" ? "a missing value" : "kind \(kind)"), "\(label)")
            // An enum's message lists the allowed codes, which a wrong code may be part of; others quote nothing.
            if !["enum", "const"].contains(example.keyword),
                let value = CatalogueExamples.value(at: example.pointer, in: example.instance)?.stringValue, value.count >= 3
            {
                #expect(!error.message.contains(value), "\(label): the message quotes the value")
            }
        }
    }

    @Test func theStoreRefusesAnAppendWithTheEventsFieldPath() throws {
        let registered = try #require(CatalogueExamples.files.first { $0.eventType == "HouseholdRegistered" }?.valid.first)
        var members = try #require(registered.objectValue)
        members["governorate"] = "Baghdad"
        let date = try #require(BusinessDate(year: 2024, month: 3, day: 1))
        let metadata = EventMetadata(actor: "user:researcher.bg.0412")
        let request = AppendRequest(
            idempotencyKey: "register-HH-BG00012345", stream: "household-HH-BG00012345", expected: .noStream,
            events: [
                NewEvent(type: "HouseholdRegistered", data: registered, metadata: metadata, effectiveAt: date),
                NewEvent(type: "HouseholdRegistered", data: .object(members), metadata: metadata, effectiveAt: date),
            ])
        let error = #expect(throws: EventStoreError.self) { try request.validate(limits: EventStoreLimits(), catalogue: catalogue) }
        #expect(error?.code == .schemaViolation)
        #expect(error?.field == "streams[0].events[1].data/governorate")
        #expect(error?.rule == "pattern")
        #expect(error?.message.contains("Baghdad") == false)

        let fine = AppendRequest(
            idempotencyKey: "register-HH-BG00012345", stream: "household-HH-BG00012345", expected: .noStream,
            events: [NewEvent(type: "HouseholdRegistered", data: registered, metadata: metadata, effectiveAt: date)])
        #expect(throws: Never.self) { try fine.validate(limits: EventStoreLimits(), catalogue: catalogue) }
    }

    @Test func unknownTypeIsRefused() {
        let error = #expect(throws: EventStoreError.self) {
            try catalogue.validate(type: "HouseholdTeleported", schemaVersion: 1, data: [:], field: "streams[0].events[1]")
        }
        #expect(error?.code == .unknownEventType)
        #expect(error?.field == "streams[0].events[1].type")
        #expect(error?.message.contains("HouseholdTeleported") == true)
        #expect(error?.message.contains("no known versions") == true)
    }

    @Test func unknownVersionIsRefusedListingTheKnownOnes() {
        let error = #expect(throws: EventStoreError.self) {
            try catalogue.validate(type: "HouseholdAssessed", schemaVersion: 3, data: [:], field: "streams[0].events[0]")
        }
        #expect(error?.code == .unknownEventType)
        #expect(error?.field == "streams[0].events[0].schemaVersion")
        #expect(error?.message.contains("known versions: 1, 2") == true)
        let paymentError = #expect(throws: EventStoreError.self) {
            try catalogue.validate(type: "PaymentIssued", schemaVersion: 2, data: [:], field: "e")
        }
        #expect(paymentError?.message.contains("known versions: 1)") == true)
    }

    @Test func aPayloadThatIsNotAnObjectIsRefusedAtTheRoot() {
        let error = #expect(throws: EventStoreError.self) {
            try catalogue.validate(type: "PaymentIssued", schemaVersion: 1, data: ["PAY-1"], field: "events[0]")
        }
        #expect(error?.code == .schemaViolation)
        #expect(error?.field == "events[0].data")
        #expect(error?.rule == "type")
        #expect(error?.message.contains("kind array") == true)
    }

    @Test func aDuplicateEventSchemaIsACatalogueError() throws {
        let schema: JSONValue = [
            "$id": "https://daftar.invalid/schemas/x.v1.json", "x-event-type": "X", "x-schema-version": 1, "type": "object",
        ]
        var copy = schema.objectValue!
        copy["$id"] = "https://daftar.invalid/schemas/x-copy.v1.json"
        let error = #expect(throws: BenefitsCatalogueError.self) {
            try BenefitsCatalogue(schemaDocuments: [schema, .object(copy)])
        }
        #expect(error?.code == .invalidCatalogue)
        #expect(try BenefitsCatalogue(schemaDocuments: [schema]).knownVersions == ["X": [1]])
    }

    @Test func anUnresolvableReferenceIsACatalogueError() {
        let schema: JSONValue = [
            "$id": "https://daftar.invalid/schemas/y.v1.json", "x-event-type": "Y", "x-schema-version": 1,
            "$ref": "missing.v1.json#/$defs/householdId",
        ]
        let error = #expect(throws: BenefitsCatalogueError.self) { try BenefitsCatalogue(schemaDocuments: [schema]) }
        #expect(error?.code == .invalidSchema)
    }
}
