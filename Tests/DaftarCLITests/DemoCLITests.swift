import DaftarJSON
import DaftarTesting
import Foundation
import Testing

/// `daftar generate` needs no database, so it is run without `--database-url`.
func generate(_ arguments: [String]) async throws -> CLI.Outcome {
    let o = try await ChildProcess.run(CLI.binary, ["generate"] + arguments)
    return CLI.Outcome(status: o.status, stdout: o.stdout, stderr: o.stderr)
}

/// `daftar generate` and `daftar demo`, run as an operator would.
@Suite struct DemoCLITests {
    @Test func generateRefusesBadOptionsNamingThemAndWritesAFileThatImports() async throws {
        let cli = CLI(database: try await TestCluster.newDatabase())
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString).ndjson").path
        let none = try await generate(["--households", "0", "--months", "12", "--out", file])
        #expect(none.status == 1)
        #expect(none.errorJSON?["field"] == "households")
        let long = try await generate(["--households", "10", "--months", "121", "--out", file])
        #expect(long.errorJSON?["field"] == "months")
        let nowhere = try await generate(["--households", "10", "--months", "2", "--out", "/nonexistent-dir/x.ndjson"])
        #expect(nowhere.status == 1)
        #expect(nowhere.errorJSON?["field"] == "out")

        let generated = try await generate(["--households", "40", "--months", "3", "--seed", "9", "--out", file])
        #expect(generated.status == 0, "\(generated.stderr)")
        let lines = try JSONParser.parse(generated.stdout.trimmingCharacters(in: .whitespacesAndNewlines))["lines"]
        let imported = try await cli.run(["events", "import", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try JSONParser.parse(imported.stdout.trimmingCharacters(in: .whitespacesAndNewlines))["appendedEvents"] == lines)
        try? FileManager.default.removeItem(atPath: file)
    }

    @Test func generateTakesTheTopUpAndScheduleChangeOptionsAndRefusesBadOnesNamingThem() async throws {
        // `generate` needs no database, but the shared cluster must be up before any child starts:
        // a cluster started while a child runs inherits the child's output pipes and holds them open,
        // so reading them to the end would wait for the cluster to stop.
        _ = try await TestCluster.newDatabase(migrated: false)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString).ndjson").path
        let refused: [([String], String, String)] = [
            (["--top-up-month", "soon"], "top-up-month", "format"), (["--top-up-month", "4"], "top-up-month", "range"),
            (["--top-up-month", "0"], "top-up-month", "range"), (["--schedule-change", "2-3"], "schedule-change", "format"),
            (["--schedule-change", "3"], "schedule-change", "format"), (["--schedule-change", "2:2"], "schedule-change", "range"),
            (["--schedule-change", "4:5"], "schedule-change", "range"), (["--schedule-change", "0:2"], "schedule-change", "range"),
        ]
        for (options, field, rule) in refused {
            let o = try await generate(["--households", "10", "--months", "3", "--out", file] + options)
            #expect(o.status == 1, "\(options)")
            #expect(o.errorJSON?["field"] == .string(field), "\(options): \(o.stderr)")
            #expect(o.errorJSON?["rule"] == .string(rule), "\(options): \(o.stderr)")
            #expect(o.errorJSON?["message"]?.stringValue?.hasPrefix("\(field): ") == true, "\(options): \(o.stderr)")
        }

        let o = try await generate([
            "--households", "40", "--months", "3", "--seed", "9", "--top-up-month", "none", "--schedule-change", "1:2", "--out", file,
        ])
        #expect(o.status == 0, "\(o.stderr)")
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(lines.allSatisfy { $0["idempotencyKey"]?.stringValue?.hasPrefix("demo-9-40x3-notopup-schedule1to2/") == true })
        #expect(!lines.contains { $0["type"] == "EmergencyTopUpDeclared" })
        let schedules = lines.filter { $0["type"] == "BenefitSchedulePublished" }
        #expect(schedules.count == 2)
        #expect(schedules.last?["data"]?["effectiveFrom"] == "2025-02-01")
        #expect(lines.contains { $0["type"] == "EntitlementChanged" })
        try? FileManager.default.removeItem(atPath: file)
    }

    @Test func demoLoadsOnceAndASecondRunAppendsNothing() async throws {
        let cli = CLI(database: try await TestCluster.newDatabase())
        let first = try await cli.run(["demo", "--households", "60", "--months", "4", "--seed", "2"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Appended"))
        let count = try await cli.count()
        #expect(count > 60 * 8)
        let second = try await cli.run(["demo", "--households", "60", "--months", "4", "--seed", "2"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("already loaded"))
        #expect(try await cli.count() == count)
        let other = try await cli.run(["demo", "--households", "60", "--months", "4", "--seed", "3"])
        #expect(other.status == 1)
        #expect(other.errorJSON?["code"] == "another_demo_loaded")
        // Another top-up or a schedule change is another country; the standard month named outright is the same one.
        for options in [["--top-up-month", "none"], ["--top-up-month", "3"], ["--schedule-change", "2:3"]] {
            let changed = try await cli.run(["demo", "--households", "60", "--months", "4", "--seed", "2"] + options)
            #expect(changed.status == 1, "\(options)")
            #expect(changed.errorJSON?["code"] == "another_demo_loaded", "\(options)")
        }
        let standard = try await cli.run(["demo", "--households", "60", "--months", "4", "--seed", "2", "--top-up-month", "2"])
        #expect(standard.status == 0, "\(standard.stderr)")
        #expect(standard.stdout.contains("already loaded"))
        #expect(try await cli.count() == count)
    }
}
