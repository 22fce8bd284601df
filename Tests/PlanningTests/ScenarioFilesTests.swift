import DaftarJSON
import Foundation
import Planning
import Testing

/// The scenario files of `Ops/plan/`: every example reads with the Swift reader and passes the JSON
/// Schema, and bad documents are refused by both, the reader naming the field and the rule.
///
/// `Ops/` is not bundled: the folder is found from this file's location in the repository.
@Suite struct ScenarioFilesTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let planFolder = packageRoot.appendingPathComponent("Ops/plan")

    static func schema() throws -> JSONSchema {
        let text = try String(contentsOf: planFolder.appendingPathComponent("scenario.schema.json"), encoding: .utf8)
        return try JSONSchema(compiling: JSONParser.parse(text))
    }

    static func examples() throws -> [(name: String, text: String)] {
        let folder = planFolder.appendingPathComponent("examples")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    @Test func everyExampleReadsPassesTheSchemaAndRoundTrips() throws {
        let schema = try Self.schema()
        let examples = try Self.examples()
        #expect(examples.count >= 7)
        var kinds = Set<String>()
        for example in examples {
            let scenario = try Scenario(jsonText: example.text)
            let document = try JSONParser.parse(example.text)
            #expect(schema.validate(document).isEmpty, "\(example.name): \(schema.validate(document))")
            // The normalised form passes too, and reads back to the same scenario.
            #expect(schema.isValid(scenario.json), "\(example.name): \(schema.validate(scenario.json))")
            #expect(try Scenario(json: scenario.json) == scenario, "\(example.name)")
            #expect(try Scenario(jsonText: scenario.canonicalText) == scenario, "\(example.name)")
            kinds.formUnion(scenario.changes.map(\.kind))
        }
        #expect(kinds == Set(ScenarioChange.kinds), "the examples show every kind of change")
    }

    @Test func theChildAndElderlyGrantIsCalibratedToIraq() throws {
        let text = try String(contentsOf: Self.planFolder.appendingPathComponent("examples/child-and-elderly-grant.json"), encoding: .utf8)
        let scenario = try Scenario(jsonText: text)
        #expect(scenario.currency == .iqd)
        guard case .benefitSchedule(_, let change)? = scenario.changes.first else {
            Issue.record("the first change is not a schedule")
            return
        }
        #expect(change.memberComponents?.perChildAmountMinor == 25_000)
        #expect(change.memberComponents?.childUnderAge == 18)
    }

    /// A document the reader and the schema must both refuse.
    struct BadDocument: Sendable, CustomTestStringConvertible {
        let label: String
        let text: String
        let field: String
        let rule: String
        var testDescription: String { label }
    }

    static let badDocuments: [BadDocument] = [
        .init(label: "unknown top-level field", text: #"{"name":"x","currency":"IQD","colour":"red"}"#, field: "colour", rule: "unknownField"),
        .init(
            label: "unknown field in a change",
            text: #"{"name":"x","currency":"IQD","changes":[{"kind":"indexation","from":"2026-01","annualRate":"0.03","note":"x"}]}"#,
            field: "changes[0].note", rule: "unknownField"),
        .init(
            label: "negative amount",
            text: #"{"name":"x","currency":"IQD","changes":[{"kind":"benefitSchedule","from":"2026-01","baseAmountMinor":-5}]}"#,
            field: "changes[0].baseAmountMinor", rule: "range"),
        .init(
            label: "zero top-up",
            text:
                #"{"name":"x","currency":"IQD","changes":[{"kind":"emergencyTopUp","areas":["IQ-BA"],"basis":"perMember","amountMinor":0,"months":["2026-02"]}]}"#,
            field: "changes[0].amountMinor", rule: "range"),
        .init(
            label: "month 13",
            text: #"{"name":"x","currency":"IQD","changes":[{"kind":"indexation","from":"2026-13","annualRate":"0.03"}]}"#,
            field: "changes[0].from", rule: "range"),
        .init(
            label: "month without a hyphen",
            text: #"{"name":"x","currency":"IQD","changes":[{"kind":"indexation","from":"202601","annualRate":"0.03"}]}"#,
            field: "changes[0].from", rule: "pattern"),
        .init(
            label: "take-up above 1",
            text: #"{"name":"x","currency":"IQD","changes":[{"kind":"expansion","from":"2026-07","governorates":["IQ-AR"],"takeUp":["0.2","1.5"]}]}"#,
            field: "changes[0].takeUp[1]", rule: "range"),
        .init(label: "missing currency", text: #"{"name":"x"}"#, field: "currency", rule: "required"),
        .init(label: "rate as a JSON number", text: #"{"name":"x","currency":"IQD","rates":{"exit":0.0025}}"#, field: "rates.exit", rule: "type"),
        .init(
            label: "unknown change kind", text: #"{"name":"x","currency":"IQD","changes":[{"kind":"lottery","from":"2026-01"}]}"#,
            field: "changes[0].kind", rule: "enum"),
        .init(
            label: "change without kind", text: #"{"name":"x","currency":"IQD","changes":[{"from":"2026-01"}]}"#, field: "changes[0].kind",
            rule: "required"),
        .init(label: "unknown currency", text: #"{"name":"x","currency":"EUR"}"#, field: "currency", rule: "enum"),
        .init(label: "empty name", text: #"{"name":"","currency":"IQD"}"#, field: "name", rule: "length"),
        .init(label: "name with a line break", text: #"{"name":"a\nb","currency":"IQD"}"#, field: "name", rule: "pattern"),
        .init(label: "description null", text: #"{"name":"x","description":null,"currency":"IQD"}"#, field: "description", rule: "type"),
        .init(
            label: "window of 61 months", text: #"{"name":"x","currency":"IQD","trailingWindowMonths":61}"#, field: "trailingWindowMonths",
            rule: "range"),
        .init(
            label: "negative share", text: #"{"name":"x","currency":"IQD","administrativeShare":"-0.1"}"#, field: "administrativeShare",
            rule: "syntax"),
        .init(
            label: "share with a leading zero", text: #"{"name":"x","currency":"IQD","administrativeShare":"00.1"}"#, field: "administrativeShare",
            rule: "syntax"),
        .init(
            label: "share with 19 fractional digits", text: #"{"name":"x","currency":"IQD","administrativeShare":"0.1000000000000000001"}"#,
            field: "administrativeShare", rule: "precision"),
        .init(
            label: "threshold with 7 fractional digits",
            text: #"{"name":"x","currency":"IQD","changes":[{"kind":"pmtThreshold","from":"2026-01","threshold":"12.1234567","takeUp":["1"]}]}"#,
            field: "changes[0].threshold", rule: "precision"),
        .init(
            label: "threshold above 100",
            text: #"{"name":"x","currency":"IQD","changes":[{"kind":"pmtThreshold","from":"2026-01","threshold":"100.5","takeUp":["1"]}]}"#,
            field: "changes[0].threshold", rule: "range"),
        .init(
            label: "lower-case governorate",
            text: #"{"name":"x","currency":"IQD","changes":[{"kind":"expansion","from":"2026-07","governorates":["iq-ar"],"takeUp":["1"]}]}"#,
            field: "changes[0].governorates[0]", rule: "pattern"),
        .init(
            label: "repeated governorate",
            text: #"{"name":"x","currency":"IQD","changes":[{"kind":"expansion","from":"2026-07","governorates":["IQ-AR","IQ-AR"],"takeUp":["1"]}]}"#,
            field: "changes[0].governorates[1]", rule: "unique"),
        .init(
            label: "country as a top-up area",
            text:
                #"{"name":"x","currency":"IQD","changes":[{"kind":"emergencyTopUp","areas":["IQ"],"basis":"perMember","amountMinor":1,"months":["2026-02"]}]}"#,
            field: "changes[0].areas[0]", rule: "pattern"),
        .init(
            label: "unknown top-up basis",
            text:
                #"{"name":"x","currency":"IQD","changes":[{"kind":"emergencyTopUp","areas":["IQ-BA"],"basis":"perChild","amountMinor":1,"months":["2026-02"]}]}"#,
            field: "changes[0].basis", rule: "enum"),
        .init(
            label: "repeated top-up month",
            text:
                #"{"name":"x","currency":"IQD","changes":[{"kind":"emergencyTopUp","areas":["IQ-BA"],"basis":"perMember","amountMinor":1,"months":["2026-02","2026-02"]}]}"#,
            field: "changes[0].months[1]", rule: "unique"),
        .init(
            label: "two forms of ceiling",
            text: #"{"name":"x","currency":"IQD","changes":[{"kind":"budgetCeiling","from":"2026-01","monthlyMinor":1,"allocation":true}]}"#,
            field: "changes[0]", rule: "oneOf"),
        .init(
            label: "ceiling without an amount", text: #"{"name":"x","currency":"IQD","changes":[{"kind":"budgetCeiling","from":"2026-01"}]}"#,
            field: "changes[0]", rule: "required"),
        .init(
            label: "allocation false",
            text: #"{"name":"x","currency":"IQD","changes":[{"kind":"budgetCeiling","from":"2026-01","allocation":false}]}"#,
            field: "changes[0].allocation", rule: "enum"),
        .init(
            label: "schedule change changing nothing",
            text: #"{"name":"x","currency":"IQD","changes":[{"kind":"benefitSchedule","from":"2026-01"}]}"#,
            field: "changes[0]", rule: "required"),
        .init(
            label: "per-child amount without an age",
            text:
                #"{"name":"x","currency":"IQD","changes":[{"kind":"benefitSchedule","from":"2026-01","memberComponents":{"perChildAmountMinor":25000}}]}"#,
            field: "changes[0].memberComponents.childUnderAge", rule: "required"),
        .init(
            label: "empty size table column",
            text: #"{"name":"x","currency":"IQD","changes":[{"kind":"benefitSchedule","from":"2026-01","sizeTable":{"female":[],"male":[1]}}]}"#,
            field: "changes[0].sizeTable.female", rule: "length"),
        .init(
            label: "fractional amount",
            text: #"{"name":"x","currency":"IQD","changes":[{"kind":"benefitSchedule","from":"2026-01","capAmountMinor":1.5}]}"#,
            field: "changes[0].capAmountMinor", rule: "type"),
        .init(label: "GDP keyed by a label", text: #"{"name":"x","currency":"IQD","gdpMinor":{"FY26":1}}"#, field: "gdpMinor.FY26", rule: "pattern"),
        .init(label: "GDP of zero", text: #"{"name":"x","currency":"IQD","gdpMinor":{"2026":0}}"#, field: "gdpMinor.2026", rule: "range"),
        .init(label: "not an object", text: #"["baseline"]"#, field: "", rule: "type"),
    ]

    @Test(arguments: badDocuments) func badDocumentsAreRefusedByTheReaderAndTheSchema(_ bad: BadDocument) throws {
        let error = #expect(throws: PlanningError.self) { try Scenario(jsonText: bad.text) }
        #expect(error?.code == "invalid_scenario")
        #expect(error?.field == bad.field, "\(error?.description ?? "")")
        #expect(error?.rule == bad.rule, "\(error?.description ?? "")")
        #expect(error?.message.isEmpty == false)
        let schema = try Self.schema()
        #expect(!schema.isValid(try JSONParser.parse(bad.text)), "the schema accepts \(bad.label)")
    }

    @Test func anErrorMessageNamesTheFieldAndTheRule() {
        do {
            _ = try Scenario(jsonText: #"{"name":"x","currency":"IQD","rates":{"exit":0.0025}}"#)
            Issue.record("accepted")
        } catch {
            #expect(error.message.contains("rates.exit"))
            #expect(error.message.contains("JSON string"))
            #expect(error.description.contains("invalid_scenario"))
        }
    }

    @Test func textThatIsNotJSONIsASyntaxError() {
        #expect(throws: PlanningError.self) { try Scenario(jsonText: #"{"name":"x","currency":"IQD",}"#) }
        do {
            _ = try Scenario(jsonText: #"{"name":"x","name":"y","currency":"IQD"}"#)
            Issue.record("accepted a duplicate key")
        } catch {
            #expect(error.field == "" && error.rule == "syntax")
        }
    }
}
