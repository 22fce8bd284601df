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
    }
}
