import DaftarJSON
import DaftarTesting
import Foundation
import Postgres
import Testing

/// `daftar persons …` as a registry officer and a data-protection officer run it.
@Suite struct PersonsCLITests {
    static let canaryName = "زينب عبد الحسين الكناري"
    static let canaryNationalId = "284719305662"
    static let person = "P-BG0001234501"
    static let household = "HH-BG00012345"

    static func home() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("daftar-persons-\(UUID().uuidString)").path
    }

    static func json(_ text: String) throws -> JSONValue {
        try JSONParser.parse(try #require(text.split(separator: "\n").last.map(String.init)))
    }

    /// `pg_dump` of the whole test database, as plain SQL.
    static func dump(_ db: TestDatabase) async throws -> String {
        let outcome = try await ChildProcess.run("\(try LocalCluster.findBinaries().directory)/pg_dump", ["--dbname", db.uri, "--no-owner"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return outcome.stdout
    }

    @Test func addShowEraseThenTheDumpHoldsNothingTheLedgerVerifiesAndHistorySaysErased() async throws {
        let db = try await TestCluster.newDatabase()
        let cli = CLI(database: db)
        let home = Self.home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        #expect(try await cli.run(["migrate"]).status == 0)

        // A household with the person as its head.
        let registered = try await cli.run([
            "events", "append", "--stream", "household-\(Self.household)", "--type", "HouseholdRegistered", "--data", householdRegistered,
            "--idempotency-key", "reg-1", "--expected-version", "no-stream", "--effective-at", "2024-03-11", "--metadata",
            #"{"actor":"user:researcher.bg.0412"}"#,
        ])
        #expect(registered.status == 0, "\(registered.stderr)")
        let member =
            #"{"householdId":"\#(Self.household)","personId":"\#(Self.person)","sex":"female","birthDate":"1979-06-14","relationship":"head","maritalStatus":"widowed","workStatus":"homeMaker","disability":"none","orphanhood":"notOrphan","reason":"initialRegistration","effectiveOn":"2024-03-11"}"#
        let added = try await cli.run([
            "events", "append", "--stream", "household-\(Self.household)", "--type", "MemberAdded", "--data", member, "--idempotency-key", "member-1",
            "--effective-at", "2024-03-11", "--metadata", #"{"actor":"user:researcher.bg.0412"}"#,
        ])
        #expect(added.status == 0, "\(added.stderr)")

        // Added with Arabic-Indic digits; the master key is created 0600 in the data folder.
        let add = try await cli.run([
            "persons", "add", "--person-id", Self.person, "--full-name", Self.canaryName, "--national-id", "٢٨٤٧-١٩٣٠ ٥٦٦٢",
            "--phone", "+9647701234567", "--birth-date", "1979-06-14", "--actor", "user:researcher.bg.0412", "--purpose", "registration", "--home",
            home,
        ])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(!add.stdout.contains(Self.canaryName) && !add.stdout.contains(Self.canaryNationalId), "add does not echo the data")
        let mode = try FileManager.default.attributesOfItem(atPath: "\(home)/keys/master.key")[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let shown = try await cli.run([
            "persons", "show", Self.person, "--actor", "user:caseworker.bg.7", "--purpose", "case-review", "--format", "json", "--home", home,
        ])
        #expect(shown.status == 0, "\(shown.stderr)")
        let record = try Self.json(shown.stdout)
        #expect(record["fullName"]?.stringValue == Self.canaryName)
        #expect(record["nationalId"]?.stringValue == Self.canaryNationalId)
        let table = try await cli.run(["persons", "show", Self.person, "--actor", "user:caseworker.bg.7", "--purpose", "case-review", "--home", home])
        #expect(table.status == 0 && table.stdout.contains(Self.canaryName) && table.stdout.contains("nationalId"))
        let noPurpose = try await cli.run(["persons", "show", Self.person, "--actor", "user:caseworker.bg.7", "--home", home])
        #expect(noPurpose.status == 1)
        #expect(noPurpose.errorJSON?["code"] == "purpose_required")

        let before = try await Self.dump(db)
        #expect(!before.contains(Self.canaryName) && !before.contains(Self.canaryNationalId), "only ciphertext before erasure")

        // Erased: shredded, and the fact is in the ledger.
        let erase = try await cli.run(["persons", "erase", Self.person, "--actor", "user:dpo.iq", "--reason", "dataSubjectRequest", "--home", home])
        #expect(erase.status == 0, "\(erase.stderr)")
        let erasure = try Self.json(erase.stdout)
        #expect(erasure["alreadyErased"] == false && erasure["stream"]?.stringValue == "person-\(Self.person)")
        let events = try await cli.run(["events", "read", "--stream", "person-\(Self.person)"])
        let fact = try Self.json(events.stdout)
        #expect(fact["type"] == "PersonalDataErased")
        #expect(fact["data"]?["reason"] == "dataSubjectRequest" && fact["data"]?["decidedBy"] == "user:dpo.iq")
        #expect(fact["data"]?.objectValue?.keys.sorted() == ["decidedBy", "erasedOn", "personId", "reason"])

        let after = try await Self.dump(db)
        for secret in [Self.canaryName, Self.canaryNationalId, "+9647701234567", "1979-06-14\t"] {
            #expect(!after.contains(secret), "after erasure: \(secret)")
        }
        let stillSealed = before.split(separator: "\n").first { $0.hasPrefix("\(Self.person)\t") }
        let sealed = try #require(stillSealed?.split(separator: "\t").dropFirst().first.map(String.init), "the person's row in the first dump")
        #expect(sealed.count > 40 && !after.contains(sealed), "the ciphertext is gone")

        let verify = try await cli.run(["verify"])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")

        let refused = try await cli.run([
            "persons", "show", Self.person, "--actor", "user:caseworker.bg.7", "--purpose", "case-review", "--home", home,
        ])
        #expect(refused.status == 1)
        #expect(refused.errorJSON?["code"] == "person_erased")
        #expect(refused.errorJSON?["message"]?.stringValue?.contains("user:dpo.iq") == true)

        let history = try await cli.run(["history", Self.household])
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.contains("member \(Self.person): erased on"), "\(history.stdout)")

        // Again: nothing changes, the ledger fact is the same one.
        let again = try await cli.run(["persons", "erase", Self.person, "--actor", "user:someone.else", "--reason", "courtOrder", "--home", home])
        #expect(again.status == 0, "\(again.stderr)")
        let second = try Self.json(again.stdout)
        #expect(second["alreadyErased"] == true && second["duplicate"] == true && second["erasedBy"] == "user:dpo.iq")
        #expect(try await cli.count() == 3)

        // Every access is in the log, with actor and purpose, and no personal data.
        let conn = try await PostgresConnection.connect(db.uri)
        let log = try await conn.query("SELECT action, actor, purpose, outcome FROM pii.access_log ORDER BY entry_no").rows.map {
            [$0[0], $0[1], $0[2], $0[3]]
        }
        await conn.close()
        #expect(
            log == [
                ["add", "user:researcher.bg.0412", "registration", "ok"], ["show", "user:caseworker.bg.7", "case-review", "ok"],
                ["show", "user:caseworker.bg.7", "case-review", "ok"], ["erase", "user:dpo.iq", "dataSubjectRequest", "ok"],
                ["show", "user:caseworker.bg.7", "case-review", "person_erased"], ["erase", "user:someone.else", "courtOrder", "already_erased"],
            ])
    }

    @Test func importReportsEveryRejectedLineAndExitsOne() async throws {
        let db = try await TestCluster.newDatabase()
        let cli = CLI(database: db)
        let home = Self.home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        #expect(try await cli.run(["migrate"]).status == 0)
        let header = "person_id,full_name,national_id,phone,address,birth_date"
        let bad = [
            header,
            "P-BG0001234501,زينب عبد الحسين,١٩٧٩٠٦١٤٣٣٢١,,,1979-06-14",
            "P-BG0001234502,Ali,12345,,,",
            "P-BG0001234503,,197906143323,,,",
            "P-BG0001234501,Again,197906143324,,,",
            #"P-BG0001234505,"Hassan "x"",197906143325,,,"#,
            "P-BG0001234506,Huda,197906143326",
        ].joined(separator: "\n")
        let file = "\(home)-bad.csv"
        try Data(("\u{FEFF}" + bad).utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let refused = try await cli.run(["persons", "import", file, "--actor", "user:registry.loader", "--purpose", "registry-load", "--home", home])
        #expect(refused.status == 1, "\(refused.stderr)")
        let lines = try refused.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(
            lines.dropLast().map { "\($0["line"]?.int64Value ?? 0) \($0["field"]?.stringValue ?? "") \($0["rule"]?.stringValue ?? "")" } == [
                "3 national_id length", "4 full_name required", "5 person_id unique", "6 row quoting", "7 row columns",
            ])
        #expect(lines.last?["accepted"] == 0 && lines.last?["rejected"] == 5 && lines.last?["rows"] == 6)
        #expect(!refused.stdout.contains("12345,") && !refused.stdout.contains("Hassan"))

        let good = try await cli.run(
            ["persons", "import", "-", "--actor", "user:registry.loader", "--purpose", "registry-load", "--home", home],
            stdin: [header, "P-BG0001234501,زينب عبد الحسين,١٩٧٩٠٦١٤٣٣٢١,,,1979-06-14", #"P-BG0001234502,"Ali, son of Kadhim",197906143322,,,"#]
                .joined(separator: "\r\n"))
        #expect(good.status == 0, "\(good.stderr)")
        #expect(try Self.json(good.stdout)["accepted"] == 2)
        let ali = try await cli.run([
            "persons", "show", "P-BG0001234502", "--actor", "user:a.b", "--purpose", "check", "--format", "json", "--home", home,
        ])
        #expect(try Self.json(ali.stdout)["fullName"] == "Ali, son of Kadhim")
        let strangerHome = Self.home()
        let noKey = try await cli.run(["persons", "show", "P-BG0001234502", "--actor", "user:a.b", "--purpose", "check", "--home", strangerHome])
        #expect(noKey.status == 2 && noKey.errorJSON?["code"] == "master_key", "\(noKey.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(strangerHome)/keys/master.key"), "a missing key is not replaced")
    }
}
