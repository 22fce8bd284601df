import DaftarJSON
import DaftarTesting
import Foundation
import Postgres
import Testing

/// `daftar match start|partner|finish`: the registry and a partner ministry match by private set
/// intersection, and the run lands in the ledger as a run, its hits and exclusion proposals.
@Suite struct MatchCLITests {
    static func path(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("daftar-match-\(UUID().uuidString)-\(name)").path
    }

    static let rule =
        #"{"programmeId":"iq-spn","ruleVersion":1,"effectiveFrom":"2025-01-01","legalBasis":"IQ-LAW-11-2014","currency":"IQD","criteria":[{"sourceRegistry":"centralBankLoans","indicator":"loanAboveThreshold","thresholdAmountMinor":50000000,"reason":"crossMatchBankLoan","effective":"snapshotDate"}]}"#

    @Test func aBankMatchProposesExclusionsForLoansAboveTheThresholdOnly() async throws {
        let db = try await TestCluster.newDatabase()
        let cli = CLI(database: db)
        let demo = try await cli.run(["demo", "--households", "200", "--months", "4", "--seed", "5", "--top-up-month", "none"])
        #expect(demo.status == 0, "\(demo.stderr)")
        let conn = try await PostgresConnection.connect(db.uri)
        // One member of each enrolled household, and a 12-digit national id for each.
        let members = try await conn.query(
            """
            SELECT DISTINCT ON (m.data->>'householdId') m.data->>'personId' FROM event_store.events m
            WHERE m.event_type = 'MemberAdded' AND m.data->>'householdId' IN (SELECT household_id FROM reporting.eligibility WHERE status = 'enrolled')
            ORDER BY m.data->>'householdId', m.position
            """
        ).rows.map { try $0.decode(String.self, 0) }
        #expect(members.count > 30)
        func nationalId(_ i: Int) -> String { "19" + String(format: "%010d", i) }
        var persons = "person_id,full_name,national_id,phone,address,birth_date\n"
        for (i, person) in members.enumerated() { persons += "\(person),\"مواطن \(i)\",\(nationalId(i)),,,\n" }
        let csv = Self.path("persons.csv")
        try Data(persons.utf8).write(to: URL(fileURLWithPath: csv))
        let home = Self.path("home")
        let imported = try await cli.run(["persons", "import", csv, "--actor", "user:registrar.molsa", "--purpose", "registry-load", "--home", home])
        #expect(imported.status == 0, "\(imported.stderr)")
        let rule = try await cli.run([
            "events", "append", "--stream", "programme-iq-spn", "--type", "CrossMatchExclusionRulePublished", "--data", Self.rule,
            "--idempotency-key", "rule-1", "--effective-at", "2025-01-01", "--metadata", #"{"actor":"user:minister.molsa"}"#,
        ])
        #expect(rule.status == 0, "\(rule.stderr)")

        let file1 = Self.path("file1.ndjson")
        let started = try await cli.run(["match", "start", "--partner", "banks", "--actor", "user:analyst.molsa", "--out", file1, "--home", home])
        #expect(started.status == 0, "\(started.stderr)")
        let file1Text = try String(contentsOfFile: file1, encoding: .utf8)
        #expect(!members.indices.contains { file1Text.contains(nationalId($0)) }, "no raw id leaves the registry")

        // The bank holds 10 of the registry's persons with large loans, 3 with small ones, and 20 others.
        var bank = "national_id,indicator\n"
        for i in 0..<10 { bank += "\(nationalId(i)),loanAboveThreshold:75000000:20000000\n" }
        for i in 10..<13 { bank += "\(nationalId(i)),loanAboveThreshold:40000000:20000000\n" }
        for i in 0..<20 { bank += "\(nationalId(900_000 + i)),loanAboveThreshold:90000000:20000000\n" }
        let bankCSV = Self.path("bank.csv")
        try Data(bank.utf8).write(to: URL(fileURLWithPath: bankCSV))
        let file2 = Self.path("file2.ndjson")
        let answered = try await ChildProcess.run(CLI.binary, ["match", "partner", "--input", file1, "--ids", bankCSV, "--out", file2, "--partner", "banks"])
        #expect(answered.status == 0, "\(answered.stderr)")

        // A tampered answer is refused and records nothing.
        var tampered = try Data(contentsOf: URL(fileURLWithPath: file2))
        tampered[tampered.count / 2] ^= 0x01
        let tamperedPath = Self.path("tampered.ndjson")
        try tampered.write(to: URL(fileURLWithPath: tamperedPath))
        let before = try await cli.count()
        let refused = try await cli.run(["match", "finish", tamperedPath, "--actor", "user:analyst.molsa", "--home", home])
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(try await cli.count() == before)

        let finished = try await cli.run([
            "match", "finish", file2, "--actor", "user:analyst.molsa", "--home", home, "--snapshot-on", "2025-03-15",
        ])
        #expect(finished.status == 0, "\(finished.stderr)")
        let summary = try JSONParser.parse(try #require(finished.stdout.split(separator: "\n").last.map(String.init)))
        #expect(summary["matchedPersons"] == 13)
        #expect(summary["proposals"] == 10)
        let recorded = try await conn.query(
            """
            SELECT (SELECT count(*) FROM event_store.events WHERE event_type = 'CrossMatchRunRecorded' AND data->>'matchMethod' = 'dhPsiX25519'),
                   (SELECT count(*) FROM event_store.events WHERE event_type = 'CrossMatchHitRecorded' AND data->>'evidenceRef' LIKE 'psi:banks:%'),
                   (SELECT count(*) FROM event_store.events WHERE event_type = 'ExclusionProposed' AND data->>'reason' = 'crossMatchBankLoan')
            """
        ).rows[0]
        #expect(recorded[0] == "1" && recorded[1] == "13" && recorded[2] == "10")

        // Maker–checker: the analyst who started the run cannot decide its proposals; a checker can.
        let proposal = try #require(
            try await conn.query("SELECT data->>'proposalId' FROM event_store.events WHERE event_type = 'ExclusionProposed' AND data->>'evidenceRef' LIKE 'psi:banks:%' ORDER BY position LIMIT 1")
                .rows.first?[0])
        let maker = try await cli.run(["proposals", "decide", proposal, "--approve", "--reason", "evidence-confirmed", "--actor", "user:analyst.molsa"])
        #expect(maker.status == 1)
        #expect(maker.errorJSON?["code"] == "maker_checker_violation", "\(maker.stderr)")
        let checker = try await cli.run(["proposals", "decide", proposal, "--approve", "--reason", "evidence-confirmed", "--actor", "user:checker.molsa"])
        #expect(checker.status == 0, "\(checker.stderr)")
        let excluded = try await conn.query(
            """
            SELECT (SELECT count(*) FROM event_store.events WHERE event_type = 'BeneficiaryExcluded' AND data->>'proposalId' = $1),
                   (SELECT count(*) FROM event_store.events WHERE event_type = 'OverpaymentIdentified'
                      AND data->>'householdId' = (SELECT data->>'householdId' FROM event_store.events WHERE data->>'proposalId' = $1 LIMIT 1))
            """, [proposal]
        ).rows[0]
        #expect(excluded[0] == "1")
        #expect(Int(excluded[1] ?? "0")! >= 1, "excluded from the extract of 15 March: April's payment was an overpayment")

        // The run's secret is gone: finishing again is refused.
        let again = try await cli.run(["match", "finish", file2, "--actor", "user:analyst.molsa", "--home", home])
        #expect(again.status == 1)
        #expect(again.errorJSON?["code"] == "run_finished")
        await conn.close()
    }
}
