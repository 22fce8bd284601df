import DaftarJSON
import DaftarTesting
import Foundation
import Postgres
import Testing

/// `daftar demo --cross-match psi` and `daftar generate --persons --partner-files`: the demo country's
/// exclusions come from the real protocol, decided by a checker, never by the analyst who made them.
@Suite struct DemoCrossMatchCLITests {
    static func path(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("daftar-demopsi-\(UUID().uuidString)-\(name)").path
    }

    @Test func generateWritesThePersonsAndOneFilePerPartnerAndRefusesPartnerFilesWithoutPSI() async throws {
        _ = try await TestCluster.newDatabase(migrated: false)
        let out = Self.path("country.ndjson")
        let persons = Self.path("persons.csv")
        let dir = Self.path("partners")
        let refused = try await generate(["--households", "50", "--months", "4", "--out", out, "--partner-files", dir])
        #expect(refused.status == 1)
        #expect(refused.errorJSON?["field"] == "partner-files")
        let o = try await generate([
            "--households", "300", "--months", "4", "--seed", "3", "--cross-match", "psi", "--out", out, "--persons", persons, "--partner-files", dir,
        ])
        #expect(o.status == 0, "\(o.stderr)")
        let rows = try String(contentsOfFile: persons, encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "person_id,full_name,national_id,phone,address,birth_date")
        #expect(rows.count > 300)
        for partner in ["banks", "fuel-licences", "payroll", "pension", "traffic", "civil-status", "commerce"] {
            let csv = try String(contentsOfFile: "\(dir)/\(partner).csv", encoding: .utf8)
            #expect(csv.hasPrefix("national_id,indicator\n"), "\(partner)")
        }
        let ndjson = try String(contentsOfFile: out, encoding: .utf8)
        #expect(!ndjson.contains("CrossMatchRunRecorded"))
        #expect(ndjson.contains("demo-3-300x4-psi/1"))
    }

    @Test func theDemoCountryExcludesThroughThePrivateSetIntersectionWithMakerChecker() async throws {
        let db = try await TestCluster.newDatabase()
        let cli = CLI(database: db)
        let home = Self.path("home")
        let args = ["demo", "--households", "600", "--months", "6", "--seed", "4", "--cross-match", "psi", "--home", home]
        let demo = try await cli.run(args)
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("Proposals by reason"), "\(demo.stdout)")
        #expect(demo.stdout.contains("maker_checker_violation"), "\(demo.stdout)")

        let conn = try await PostgresConnection.connect(db.uri)
        let registries = try await conn.query(
            """
            SELECT count(DISTINCT data->>'sourceRegistry') FROM event_store.events
            WHERE event_type = 'CrossMatchRunRecorded' AND data->>'matchMethod' = 'dhPsiX25519'
            """
        ).rows[0].decode(Int.self, 0)
        #expect(registries == 7)
        func count(_ type: String, _ condition: String = "true") async throws -> Int {
            try await conn.query("SELECT count(*) FROM event_store.events WHERE event_type = '\(type)' AND \(condition)").rows[0].decode(Int.self, 0)
        }
        let proposed = try await count("ExclusionProposed")
        #expect(proposed > 0)
        #expect(try await count("BeneficiaryExcluded") == proposed)
        #expect(try await count("BeneficiaryExcluded", "metadata->>'actor' = 'user:checker.molsa' AND data->>'effectiveOn' < data->>'decidedOn'") == proposed)
        #expect(try await count("BeneficiaryExcluded", "data->>'decidedBy' = 'user:analyst.molsa'") == 0)
        #expect(try await count("OverpaymentIdentified", "data->>'cause' = 'retroactiveExclusion'") > 0)
        #expect(try await count("ExclusionAppealed") == 0)
        // The traffic directorate's hits carry the model year (`ownsRecentVehicle:2021`), as the hit's schema requires.
        #expect(try await count("CrossMatchHitRecorded", "data->>'indicator' = 'ownsRecentVehicle' AND (data->>'vehicleModelYear')::int >= 2018") > 0)
        #expect(try await count("CrossMatchHitRecorded", "data->>'indicator' = 'ownsRecentVehicle' AND data->>'vehicleModelYear' IS NULL") == 0)

        // No national id and no name of the vault's persons is in any event.
        let persons = Self.path("persons.csv")
        let generated = try await generate([
            "--households", "600", "--months", "6", "--seed", "4", "--cross-match", "psi", "--out", Self.path("x.ndjson"), "--persons", persons,
        ])
        #expect(generated.status == 0, "\(generated.stderr)")
        let rows = try String(contentsOfFile: persons, encoding: .utf8).split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let nationalIds = Set(rows.map { $0[2] })
        let names = Set(rows.map { $0[1] })
        #expect(nationalIds.count == rows.count)
        let digitRuns = try await conn.query(
            """
            SELECT DISTINCT m[1] FROM event_store.events, regexp_matches(data::text || ' ' || metadata::text, '([0-9]{12,})', 'g') AS m
            """
        ).rows.map { try $0.decode(String.self, 0) }
        #expect(!digitRuns.contains { run in nationalIds.contains { run.contains($0) } })
        let nonASCII = try await conn.query(
            "SELECT data::text || ' ' || metadata::text FROM event_store.events WHERE (data::text || metadata::text) ~ '[^\\x01-\\x7f]'"
        ).rows.map { try $0.decode(String.self, 0) }
        #expect(!nonASCII.contains { text in names.contains { text.contains($0) } })
        await conn.close()

        // Again: nothing is appended, the vault is not imported twice.
        let before = try await cli.count()
        let again = try await cli.run(args)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try await cli.count() == before)
    }
}
