import DaftarJSON
import DaftarTesting
import Foundation
import Postgres
import Testing

/// `daftar plan …` as the finance ministry's analyst runs it.
@Suite struct PlanCLITests {
    /// The scenario examples shipped in `Ops/plan/examples`.
    static func example(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Ops/plan/examples/\(name).json").path
    }

    static func temporaryFile(_ name: String, _ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("daftar-plan-\(UUID().uuidString)-\(name)").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func baselineRunComparePublishAndReproduce() async throws {
        let db = try await TestCluster.newDatabase()
        let cli = CLI(database: db)
        let demo = try await cli.run(["demo", "--households", "300", "--months", "8", "--seed", "5", "--top-up-month", "none"])
        #expect(demo.status == 0, "\(demo.stderr)")

        let csv = try await cli.run(["plan", "baseline", "--from", "2025-09", "--months", "6", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(Array(csv.stdout.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF], "a BOM for spreadsheets")
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count > 6)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("2025-") || $0.hasPrefix("2026-") })
        #expect(csv.stderr.contains("household-months/s"))

        let chart = FileManager.default.temporaryDirectory.appendingPathComponent("daftar-plan-\(UUID().uuidString).svg").path
        let run = try await cli.run(["plan", "run", Self.example("child-and-elderly-grant"), "--from", "2025-09", "--months", "24", "--chart", chart])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("FY2026") && run.stdout.contains("Per child"), "\(run.stdout)")
        let svg = try String(contentsOfFile: chart, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") || svg.hasPrefix("<svg"))
        #expect(svg.contains("الكلفة الشهرية"))

        let compare = try await cli.run(["plan", "compare", "baseline", Self.example("emergency-top-up"), "--from", "2025-09", "--months", "12"])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stdout.contains("baseline") && compare.stdout.contains("flood top-up Basra and Nineveh"), "\(compare.stdout)")

        // Published: a ledger fact, shown in reporting.projection, reproduced from the ledger at its pin.
        let published = try await cli.run([
            "plan", "publish", "baseline", "--from", "2025-09", "--months", "6", "--actor", "user:finance.mof", "--reason", "budget-2026",
        ])
        #expect(published.status == 0, "\(published.stderr)")
        let receipt = try JSONParser.parse(try #require(published.stdout.split(separator: "\n").last.map(String.init)))
        let id = try #require(receipt["projectionId"]?.stringValue)
        let digest = try #require(receipt["resultDigest"]?.stringValue)
        // Projections catch up, then the view lists it with who published it and why.
        #expect(try await cli.run(["projections", "run", "--until-caught-up"]).status == 0)
        let conn = try await PostgresConnection.connect(db.uri)
        let row = try await conn.query("SELECT result_digest, actor, reason FROM reporting.projection WHERE projection_id = $1", [id]).rows
        #expect(row.first?[0] == digest && row.first?[1] == "user:finance.mof" && row.first?[2] == "budget-2026")

        // An exit recorded after the pin changes today's plan, and not the published one: the pin reads only what came before it.
        let household = try #require(
            try await conn.query("SELECT household_id FROM reporting.eligibility WHERE status = 'enrolled' ORDER BY household_id LIMIT 1").rows.first?[0])
        let exit = try await cli.run([
            "events", "append", "--stream", "beneficiary-iq-spn-\(household)", "--type", "BeneficiaryExited",
            "--data", #"{"programmeId":"iq-spn","householdId":"\#(household)","reason":"movedAbroad","effectiveOn":"2025-09-01","decidedBy":"user:manager.bg.07"}"#,
            "--idempotency-key", "late-exit-1", "--effective-at", "2025-09-01", "--metadata", #"{"actor":"user:manager.bg.07"}"#,
        ])
        #expect(exit.status == 0, "\(exit.stderr)")
        #expect(try await cli.run(["seal"]).status == 0)
        let today = try await cli.run(["plan", "baseline", "--from", "2025-09", "--months", "6", "--format", "csv"])
        #expect(today.status == 0 && today.stdout != csv.stdout, "the exit changes the plan at the new head")
        let reproduced = try await cli.run(["plan", "reproduce", id])
        #expect(reproduced.status == 0, "\(reproduced.stderr)")
        #expect(reproduced.stdout.contains("\"reproduced\":true"))

        // A publication whose digest the ledger cannot reproduce is refused loudly.
        let data = try #require(
            try await conn.query("SELECT data::text FROM event_store.events WHERE event_type = 'CostProjectionPublished'").rows.first?[0])
        let forged = data.replacingOccurrences(of: id, with: "CP-FORGED000001").replacingOccurrences(of: digest, with: String(repeating: "0", count: 64))
        let appended = try await cli.run([
            "events", "append", "--stream", "cost-projection-iq-spn", "--type", "CostProjectionPublished", "--data", forged,
            "--idempotency-key", "forged-1", "--metadata", #"{"actor":"user:someone"}"#,
        ])
        #expect(appended.status == 0, "\(appended.stderr)")
        let refused = try await cli.run(["plan", "reproduce", "CP-FORGED000001"])
        #expect(refused.status == 1)
        #expect(refused.errorJSON?["code"] == "digest_mismatch")
        #expect(refused.errorJSON?["message"]?.stringValue?.contains("NOT REPRODUCED") == true)
        await conn.close()
    }

    @Test(arguments: [
        (#"{"name":"x","currency":"IQD","colour":"red"}"#, "colour", "unknownField"),
        (#"{"name":"x","currency":"IQD","changes":[{"kind":"emergencyTopUp","areas":["IQ-BA"],"basis":"perHousehold","amountMinor":-5,"months":["2026-01"]}]}"#,
         "changes[0].amountMinor", "range"),
        (#"{"name":"x","currency":"IQD","changes":[{"kind":"indexation","from":"2026-13","annualRate":"0.03"}]}"#, "changes[0].from", "range"),
        (#"{"name":"x","currency":"IQD","changes":[{"kind":"expansion","from":"2026-01","governorates":["IQ-XX"],"takeUp":["0.5"]}]}"#,
         "changes[0].governorates[0]", "enum"),
    ])
    func aBadScenarioNamesTheFieldAndComputesNothing(document: String, field: String, rule: String) async throws {
        let db = try await TestCluster.newDatabase()
        let cli = CLI(database: db)
        let demo = try await cli.run(["demo", "--households", "60", "--months", "3", "--seed", "5"])
        #expect(demo.status == 0, "\(demo.stderr)")
        let before = try await cli.count()
        let path = try Self.temporaryFile("bad.json", document)
        let outcome = try await cli.run(["plan", "publish", path, "--actor", "user:finance.mof", "--reason", "test"])
        #expect(outcome.status == 1, "\(outcome.stderr)")
        #expect(outcome.errorJSON?["field"]?.stringValue == field, "\(outcome.stderr)")
        #expect(outcome.errorJSON?["rule"]?.stringValue == rule, "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty, "no table is printed")
        #expect(try await cli.count() == before, "nothing is published")
    }
}
