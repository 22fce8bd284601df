import DaftarJSON
import DaftarTesting
import EventStore
import Foundation
import Postgres
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the built `daftar` binary against a test database, as an operator would.
struct CLI {
    let database: TestDatabase

    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("daftar").path
    }

    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
        var errorJSON: JSONValue? {
            stderr.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }.first { $0["error"] != nil }?["error"]
        }
    }

    func run(_ arguments: [String], stdin: String? = nil) async throws -> Outcome {
        let o = try await ChildProcess.run(CLI.binary, arguments + ["--database-url", database.uri], stdin: stdin)
        return Outcome(status: o.status, stdout: o.stdout, stderr: o.stderr)
    }

    func count() async throws -> Int {
        let c = try await PostgresConnection.connect(database.uri)
        let n = try await c.query("SELECT count(*) FROM event_store.events").first!.decode(Int.self, 0)
        await c.close()
        return n
    }
}

/// A schema-valid `HouseholdRegistered` payload.
let householdRegistered = #"{"householdId":"HH-BG00012345","governorate":"IQ-BG","district":"IQ-BG-07","residence":"urban","registrationSource":"socialResearcherVisit","registeredOn":"2024-03-11","registeredBy":"user:researcher.bg.0412"}"#

/// A schema-valid `PaymentScheduled` import line for household `i`.
func paymentLine(_ i: Int, key: String? = nil) -> String {
    let h = String(format: "%08d", i)
    return #"{"stream":"payment-iq-spn-2026-03-HH-\#(h)","type":"PaymentScheduled","expectedVersion":"no-stream","data":{"paymentId":"PAY-202603\#(h)","programmeId":"iq-spn","cycle":"2026-03","householdId":"HH-\#(h)","payeePersonId":"P-\#(h)01","scheduleVersion":1,"currency":"IQD","amountMinor":275000,"components":[{"component":"sizeTable","amountMinor":275000}]},"idempotencyKey":"\#(key ?? "pay-\(i)")","effectiveAt":"2026-03-01"}"#
}

@Suite struct CLITests {
    @Test func appendThenReadRoundTrips() async throws {
        let cli = CLI(database: try await TestCluster.newDatabase())
        let appended = try await cli.run([
            "events", "append", "--stream", "household-HH-00000001", "--type", "HouseholdRegistered",
            "--data", householdRegistered, "--idempotency-key", "reg-1",
            "--expected-version", "no-stream", "--effective-at", "2026-01-15", "--metadata", #"{"actor":"user:amina.k","reason":"registration"}"#,
        ])
        #expect(appended.status == 0, "\(appended.stderr)")
        let result = try JSONParser.parse(appended.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(result["streamVersion"] == 1)
        #expect(result["duplicate"] == false)
        #expect(result["checkpoint"]?.stringValue?.contains(":") == true)

        let read = try await cli.run(["events", "read", "--stream", "household-HH-00000001"])
        #expect(read.status == 0)
        let event = try JSONParser.parse(read.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(event["type"] == "HouseholdRegistered")
        #expect(event["data"] == (try JSONParser.parse(householdRegistered)))
        #expect(event["metadata"]?["actor"] == "user:amina.k")
        #expect(event["effectiveAt"] == "2026-01-15")
        #expect(event["hash"]?.stringValue?.count == 64)
        for key in ["position", "checkpoint", "stream", "streamVersion", "recordedAt", "eventId", "idempotencyKey", "schemaVersion"] {
            #expect(event[key] != nil, "read prints \(key)")
        }
    }

    @Test(arguments: [
        (["--data", #"{"a":"#, "--stream", "s-1"], "data", "json"),
        (["--data", "{}", "--stream", "bad stream"], "streams[0].stream", "pattern"),
        (["--data", "{}", "--stream", "s-1", "--expected-version=-3"], "expectedVersion", "expectedVersion"),
        (["--data", "{}", "--stream", "s-1", "--effective-at", "2026-02-30"], "effectiveAt", "date"),
        (["--data", "{}", "--stream", "s-1", "--metadata", #"{"actor":"user:x","fullName":"x"}"#], "metadata.fullName", "additionalProperties"),
        (["--data", "{\"blob\":\"" + String(repeating: "x", count: 70_000) + "\"}", "--stream", "s-1"], "streams[0].events[0].data", "maxBytes"),
        (["--data", "{}", "--stream", "s-1"], "streams[0].events[0].type", "eventType"),
        (["--data", householdRegistered.replacingOccurrences(of: "IQ-BG\"", with: "Baghdad\""), "--stream", "s-1", "--type", "HouseholdRegistered"],
         "streams[0].events[0].data/governorate", "pattern"),
        (["--data", householdRegistered.replacingOccurrences(of: "\"residence\":\"urban\",", with: ""), "--stream", "s-1", "--type", "HouseholdRegistered"],
         "streams[0].events[0].data/residence", "required"),
    ])
    func badAppendsSayWhichFieldAndRuleAndChangeNothing(_ arguments: [String], _ field: String, _ rule: String) async throws {
        let cli = CLI(database: try await TestCluster.newDatabase())
        let typed = arguments.contains("--type") ? arguments : arguments + ["--type", "Thing"]
        let outcome = try await cli.run(["events", "append", "--idempotency-key", "k-1"] + typed)
        #expect(outcome.status == 1)
        let error = try #require(outcome.errorJSON, "stderr: \(outcome.stderr)")
        #expect(error["field"]?.stringValue == field)
        #expect(error["rule"]?.stringValue == rule)
        #expect(error["message"]?.stringValue?.isEmpty == false)
        #expect(try await cli.count() == 0)
    }

    @Test func importChecksEveryLineBeforeWritingAny() async throws {
        let cli = CLI(database: try await TestCluster.newDatabase())
        var lines = (0..<50).map { paymentLine($0) }
        lines.append(paymentLine(51).replacingOccurrences(of: "2026-03-01", with: "2026-13-01"))
        let bad = try await cli.run(["events", "import", "-"], stdin: lines.joined(separator: "\n"))
        #expect(bad.status == 1)
        #expect(bad.errorJSON?["message"]?.stringValue?.hasPrefix("line 51:") == true)
        #expect(bad.errorJSON?["field"]?.stringValue == "effectiveAt")
        #expect(try await cli.count() == 0)

        for (i, missing) in ["stream", "type", "data", "idempotencyKey"].enumerated() {
            var object = try JSONParser.parse(lines[i]).objectValue!
            object[missing] = nil
            let outcome = try await cli.run(["events", "import", "-"], stdin: JSONValue.object(object).canonicalText)
            #expect(outcome.status == 1)
            #expect(outcome.errorJSON?["field"]?.stringValue == missing)
            #expect(outcome.errorJSON?["rule"]?.stringValue == "required")
        }
        #expect(try await cli.count() == 0)

        let good = try await cli.run(["events", "import", "-", "--batch-size", "7"], stdin: lines.dropLast().joined(separator: "\n"))
        #expect(good.status == 0, "\(good.stderr)")
        #expect(try JSONParser.parse(good.stdout.trimmingCharacters(in: .whitespacesAndNewlines))["appendedEvents"] == 50)
        let again = try await cli.run(["events", "import", "-"], stdin: lines.dropLast().joined(separator: "\n"))
        #expect(try JSONParser.parse(again.stdout.trimmingCharacters(in: .whitespacesAndNewlines))["duplicates"] == 50)
        #expect(try await cli.count() == 50)
    }

    @Test(.timeLimit(.minutes(10)))  // a safety net against hangs, not a measure: the suite runs beside CPU-heavy backtests
    func killingTheImporterMidCopyLeavesNoneOfItsEvents() async throws {
        let db = try await TestCluster.newDatabase()
        let cli = CLI(database: db)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kill-\(UUID().uuidString).ndjson")
        let text = (0..<100_000).map { paymentLine($0, key: "kill-\($0)") }.joined(separator: "\n")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }

        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["events", "import", file.path, "--batch-size", "100000", "--database-url", db.uri]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let admin = try await db.superuser()
        var killed = false
        let deadline = ContinuousClock.now + .seconds(120)
        while !killed && ContinuousClock.now < deadline && p.isRunning {
            let copying = try await admin.query(
                "SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'COPY event_store.events%' AND state = 'active'", [db.name])
            if copying.count > 0 {
                try await Task.sleep(for: .milliseconds(200))
                kill(p.processIdentifier, SIGKILL)
                killed = true
            } else {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        await ChildProcess.waitForExit(p)
        #expect(killed, "the importer was killed while its COPY ran")
        // The server notices the dead client and rolls its transaction back.
        var remaining = 1
        for _ in 0..<100 {
            remaining = try await admin.query("SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()", [db.name]).first!.decode(Int.self, 0)
            if remaining == 0 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let counts = try await admin.query(
            "SELECT (SELECT count(*) FROM event_store.events) + (SELECT count(*) FROM event_store.idempotency_keys) + (SELECT count(*) FROM event_store.streams)")
        #expect(try counts.first!.decode(Int.self, 0) == 0)
        await admin.close()
    }
}

@Suite struct LedgerCLITests {
    @Test func sealExportAndVerifyExitCodes() async throws {
        let db = try await TestCluster.newDatabase()
        let cli = CLI(database: db)
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("daftar-home-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let imported = try await cli.run(["events", "import", "-"], stdin: (0..<20).map { paymentLine($0) }.joined(separator: "\n"))
        #expect(imported.status == 0, "\(imported.stderr)")
        // The horizon is cluster-wide: other tests' open transactions may hold it back for a while.
        var sealed = try await cli.run(["seal", "--home", home])
        for _ in 0..<120 where sealed.status == 0 && sealed.stdout.isEmpty {
            try await Task.sleep(for: .milliseconds(250))
            sealed = try await cli.run(["seal", "--home", home])
        }
        #expect(sealed.status == 0, "\(sealed.stderr)")
        let seal = try JSONParser.parse(sealed.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(seal["fromSeq"] == 1 && seal["toSeq"] == 20)
        let key = try await cli.run(["keys", "public", "--home", home]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(seal["publicKey"]?.stringValue == key)
        let file = "\(home)/seals.json"
        #expect(try await cli.run(["seal", "export", "--out", file, "--home", home]).status == 0)

        let clean = try await cli.run(["verify", "--seals", file])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(try JSONParser.parse(clean.stdout.trimmingCharacters(in: .whitespacesAndNewlines))["intact"] == true)

        let su = try await db.superuser()
        try await su.execute("SET session_replication_role = replica")
        try await su.execute("DELETE FROM event_store.events WHERE position = (SELECT position FROM event_store.ledger WHERE ledger_seq = 13)")
        await su.close()
        let broken = try await cli.run(["verify", "--seals", file])
        #expect(broken.status == 1)
        let mismatch = try JSONParser.parse(broken.stdout.trimmingCharacters(in: .whitespacesAndNewlines))["firstMismatch"]
        #expect(mismatch?["ledgerSeq"] == 13)

        let unreadable = try await cli.run(["verify", "--seals", "\(home)/missing.json"])
        #expect(unreadable.status == 1)
        #expect(unreadable.errorJSON?["field"] == "seals")
    }
}

@Suite struct AuditCLITests {
    @Test func auditEventsFiltersAndWritesCSVForSpreadsheets() async throws {
        let db = try await TestCluster.newDatabase()
        let cli = CLI(database: db)
        let lines = (0..<6).map { paymentLine($0) } + [
            #"{"stream":"household-HH-BG00012345","type":"HouseholdRegistered","data":\#(householdRegistered),"idempotencyKey":"reg-1","metadata":{"actor":"user:researcher.bg.0412","reason":"registration"}}"#
        ]
        #expect(try await cli.run(["events", "import", "-"], stdin: lines.joined(separator: "\n")).status == 0)
        let byType = try await cli.run(["audit", "events", "--type", "HouseholdRegistered"])
        #expect(byType.status == 0, "\(byType.stderr)")
        let rows = byType.stdout.split(separator: "\n").map { try? JSONParser.parse(String($0)) }
        #expect(rows.count == 1)
        #expect(rows.first??["actor"] == "user:researcher.bg.0412")
        #expect(rows.first??["reason"] == "registration")
        #expect(rows.first??["data"]?["governorate"] == "IQ-BG")
        #expect(try await cli.run(["audit", "events", "--area", "IQ-BG"]).stdout.split(separator: "\n").count == 1)
        #expect(try await cli.run(["audit", "events", "--programme", "iq-spn"]).stdout.split(separator: "\n").count == 6)
        #expect(try await cli.run(["audit", "events", "--actor", "user:nobody"]).stdout.isEmpty)
        let csv = try await cli.run(["audit", "events", "--format", "csv", "--programme", "iq-spn"])
        #expect(csv.stdout.utf8.prefix(3).elementsEqual([0xEF, 0xBB, 0xBF]), "UTF-8 BOM for spreadsheet users")
        let csvLines = csv.stdout.split(separator: "\n")
        #expect(csvLines.count == 7)
        #expect(csvLines[1].contains("\"{\"\"amountMinor\"\":275000"), "JSON in a CSV cell is quoted")
        let bad = try await cli.run(["audit", "events", "--from", "yesterday"])
        #expect(bad.status == 1)
        #expect(bad.errorJSON?["field"] == "from")
    }
}
