import Benefits
import DaftarJSON
import EventStore
import Testing

/// `HouseholdAssessed` v1 → v2 on read, by the rule in household-assessed.v2.json's description.
@Suite struct UpcasterTests {
    static var v1Examples: [JSONValue] {
        CatalogueExamples.files.first { $0.eventType == "HouseholdAssessed" && $0.schemaVersion == 1 }?.valid ?? []
    }

    @Test func everyV1ExampleUpcastsToAV2ValidPayload() throws {
        let catalogue = try CatalogueExamples.catalogue.get()
        let v2 = try #require(catalogue.schema(type: "HouseholdAssessed", schemaVersion: 2))
        #expect(Self.v1Examples.count >= 2)
        for example in Self.v1Examples {
            let upcast = try Upcaster.upcast(type: "HouseholdAssessed", schemaVersion: 1, data: example)
            #expect(upcast.schemaVersion == 2)
            #expect(v2.validate(upcast.data).isEmpty, "\(v2.validate(upcast.data).map(\.message))")
            // Every v1 field is kept; only the yes/no indicators change kind.
            for key in ["householdId", "programmeId", "formulaVersion", "assessedOn", "score"] {
                #expect(upcast.data[key] == example[key], "\(key)")
            }
            for (name, value) in example["indicators"]?.objectValue ?? [:] {
                let upcastValue = upcast.data["indicators"]?[name]
                switch name {
                case "logHouseholdSize", "dependencyRatio", "headEducationLevel": #expect(upcastValue == value, "\(name)")
                default: #expect(upcastValue == .bool(value.int64Value == 1), "\(name)")
                }
            }
            #expect(upcast.data["indicators"]?.objectValue?.count == example["indicators"]?.objectValue?.count)
        }
    }

    @Test func theRuleAsWritten() throws {
        let v1: JSONValue = [
            "householdId": "HH-BG00012345", "programmeId": "iq-spn", "formulaVersion": 1, "assessedOn": "2024-03-11",
            "indicators": [
                "logHouseholdSize": .number(JSONNumber(literal: "1.791759")!), "dependencyRatio": .number(JSONNumber(literal: "0.5")!),
                "headEducationLevel": 1, "memberEarnsSalaryOrPension": 0, "crowdingOver3PerRoom": 1, "ownsCar": 0, "ownsDwelling": 1,
                "ruralResidence": 0, "pipedWater": 1,
            ],
            "score": .number(JSONNumber(literal: "11.792884")!),
        ]
        let upcast = try Upcaster.upcast(type: "HouseholdAssessed", schemaVersion: 1, data: v1)
        let expected = try JSONParser.parse(
            """
            {"assessedBy":"legacy:unrecorded","assessedOn":"2024-03-11","formulaVersion":1,"householdId":"HH-BG00012345",\
            "indicators":{"crowdingOver3PerRoom":true,"dependencyRatio":0.5,"headEducationLevel":1,"logHouseholdSize":1.791759,\
            "memberEarnsSalaryOrPension":false,"ownsCar":false,"ownsDwelling":true,"pipedWater":true,"ruralResidence":false},\
            "method":"unrecorded","programmeId":"iq-spn","score":11.792884,"scoreScale":"lnMonthlyPerCapitaConsumption"}
            """)
        #expect(upcast.data.canonicalText == expected.canonicalText)
        #expect(upcast.schemaVersion == 2)
    }

    @Test func recordedV1EventsAreReadAsV2() throws {
        for example in Self.v1Examples {
            let event = try DomainEventDecoder.decode(type: "HouseholdAssessed", schemaVersion: 1, data: example)
            let assessed = try #require(event as? HouseholdAssessed)
            let v1 = try HouseholdAssessedV1(json: example)
            #expect(assessed.householdId == v1.householdId)
            #expect(assessed.score == v1.score)
            #expect(assessed.scoreScale == .lnMonthlyPerCapitaConsumption)
            #expect(assessed.assessedBy == ActorID("legacy:unrecorded"))
            #expect(assessed.method == .unrecorded)
            #expect(assessed.indicators.ownsCar == (v1.indicators.ownsCar == .yes))
            #expect(assessed.indicators.pipedWater == v1.indicators.pipedWater.map { $0 == .yes })
            #expect(assessed.indicators.headEducationLevel == v1.indicators.headEducationLevel)
        }
    }

    @Test func theLatestVersionAndOtherTypesPassUnchanged() throws {
        let v2 = try #require(CatalogueExamples.files.first { $0.eventType == "HouseholdAssessed" && $0.schemaVersion == 2 }?.valid.first)
        let same = try Upcaster.upcast(type: "HouseholdAssessed", schemaVersion: 2, data: v2)
        #expect(same.schemaVersion == 2 && same.data == v2)
        let other = try Upcaster.upcast(type: "PaymentIssued", schemaVersion: 1, data: ["a": 1])
        #expect(other.schemaVersion == 1 && other.data == ["a": 1])
    }

    @Test func aMalformedV1PayloadIsAnErrorNotAGuess() {
        let error = #expect(throws: EventDecodingError.self) {
            try Upcaster.upcast(
                type: "HouseholdAssessed", schemaVersion: 1,
                data: ["indicators": ["ownsCar": 2, "logHouseholdSize": 1]])
        }
        #expect(error?.field == "/indicators/ownsCar")
        #expect(error?.rule == "enum")
        let missing = #expect(throws: EventDecodingError.self) {
            try Upcaster.upcast(type: "HouseholdAssessed", schemaVersion: 1, data: ["householdId": "HH-BG00012345"])
        }
        #expect(missing?.field == "/indicators")
    }

    @Test func aVersion1CrossMatchRunIsReadAsVersion2StartedByNobodyKnown() throws {
        let catalogue = try CatalogueExamples.catalogue.get()
        let v2 = try #require(catalogue.schema(type: "CrossMatchRunRecorded", schemaVersion: 2))
        let examples = CatalogueExamples.files.first { $0.eventType == "CrossMatchRunRecorded" && $0.schemaVersion == 1 }?.valid ?? []
        #expect(examples.count >= 2)
        for example in examples {
            let upcast = try Upcaster.upcast(type: "CrossMatchRunRecorded", schemaVersion: 1, data: example)
            #expect(upcast.schemaVersion == 2)
            #expect(v2.validate(upcast.data).isEmpty, "\(v2.validate(upcast.data).map(\.message))")
            var expected = try #require(example.objectValue)
            expected["startedBy"] = "legacy:unrecorded"
            #expect(upcast.data == .object(expected))
            let run = try #require(try DomainEventDecoder.decode(type: "CrossMatchRunRecorded", schemaVersion: 1, data: example) as? CrossMatchRunRecorded)
            #expect(run.startedBy == ActorID("legacy:unrecorded"))
            // A fold handed the v1 value directly reads it as v2 too.
            let v1 = try CrossMatchRunRecordedV1(json: example)
            #expect(CrossMatchRun(events: [v1]).run == run)
        }
    }

    @Test func aVersion1ProposalFromARunIsReadAsVersion2StartedByNobodyKnown() throws {
        let catalogue = try CatalogueExamples.catalogue.get()
        let v2 = try #require(catalogue.schema(type: "ExclusionProposed", schemaVersion: 2))
        let examples = CatalogueExamples.files.first { $0.eventType == "ExclusionProposed" && $0.schemaVersion == 1 }?.valid ?? []
        #expect(examples.contains { $0["crossMatchRunId"] != nil } && examples.contains { $0["crossMatchRunId"] == nil })
        for example in examples {
            let upcast = try Upcaster.upcast(type: "ExclusionProposed", schemaVersion: 1, data: example)
            #expect(upcast.schemaVersion == 2)
            #expect(v2.validate(upcast.data).isEmpty, "\(v2.validate(upcast.data).map(\.message))")
            var expected = try #require(example.objectValue)
            if example["crossMatchRunId"] != nil { expected["runStartedBy"] = "legacy:unrecorded" }
            #expect(upcast.data == .object(expected))
            let v1 = try ExclusionProposedV1(json: example)
            let folded = try #require(Beneficiary(events: [v1]).openProposals[v1.proposalId])
            #expect(folded.runStartedBy == (v1.crossMatchRunId == nil ? nil : ActorID("legacy:unrecorded")))
        }
    }

    @Test func unknownTypesAndVersionsAreNamedWhenDecoding() {
        let error = #expect(throws: EventDecodingError.self) {
            try DomainEventDecoder.decode(type: "HouseholdAssessed", schemaVersion: 7, data: [:])
        }
        #expect(error?.code == .unknownEventType)
        #expect(error?.message.contains("known versions: 1, 2") == true)
    }
}
