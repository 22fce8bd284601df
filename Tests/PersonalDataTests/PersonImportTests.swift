import PersonalData
import Testing

@Suite struct PersonImportTests {
    static let header = "person_id,full_name,national_id,phone,address,birth_date"

    @Test func goodFileWithBOMAndQuotingImportsEveryRowInOneGo() async throws {
        let f = try await VaultFixture.make()
        let text =
            "\u{FEFF}"
            + [
                Self.header,
                #"P-BG0001234501,زينب عبد الحسين,١٩٧٩٠٦١٤٣٣٢١,+9647701234567,"بغداد، الكرادة",1979-06-14"#,
                #"P-BG0001234502,"Ali ""Abu Hassan"" Kadhim",197906143322,,"line one"#,
                #"line two",2001-02-03"#,
                "",
                "P-BG0001234503,حسين علي,۱۹۸۰-۰۱۰۱-۲۲۲۲,,,",
            ].joined(separator: "\r\n") + "\r\n"
        let report = try await f.vault.importCSV(text, actor: "user:registry.loader", purpose: "registry-load")
        #expect(report.rejected == [])
        #expect(report.rows == 3 && report.accepted == 3 && report.isCommitted)
        let ali = try await f.vault.show("P-BG0001234502", actor: "user:a.b", purpose: "check")
        #expect(ali.details.fullName == #"Ali "Abu Hassan" Kadhim"#)
        #expect(ali.details.address == "line one\r\nline two")
        #expect(try await f.vault.show("P-BG0001234503", actor: "user:a.b", purpose: "check").details.nationalId == "198001012222")
        let log = try await f.rows("SELECT action, actor, purpose, person_id, outcome, person_count FROM pii.access_log WHERE action = 'import'")
        #expect(log == [["import", "user:registry.loader", "registry-load", nil, "ok", "3"]])
    }

    @Test func everyBadRowIsReportedWithItsLineFieldAndRuleAndNothingIsWritten() async throws {
        let f = try await VaultFixture.make()
        try await f.vault.add(try zainab("P-BG0000000009", nationalId: "999999999999"), actor: "user:a.b", purpose: "registration")
        let lines = [
            Self.header,  // 1
            "P-BG0001234501,زينب عبد الحسين,197906143321,,,",  // 2 good
            "P-BG0001234502,Ali,19790614332,,,",  // 3 national id too short
            "P-BG0001234503,,197906143323,,,",  // 4 missing name
            "P-BG0001234501,Zainab again,197906143324,,,",  // 5 duplicate person id in the file
            #"P-BG0001234505,"Hassan "the elder"",197906143325,,,"#,  // 6 text after a closing quote
            "P-BG0001234506,Huda,197906143326,,",  // 7 five columns
            "P-BG0001234507,Karim,197906143321,,,",  // 8 national id of line 2
            "P-BG0000000009,Sara,197906143329,,,",  // 9 already in the vault
            "P-BG0001234510,Mona,9999-9999-9999,,,",  // 10 national id already in the vault
            "P-BG0001234511,Noor,197906143311,07701234567,,",  // 11 phone not international
            "P-BG0001234512,Omar,197906143312,,,1979-02-30",  // 12 no such date
            "P-bg12,Rana,197906143313,,,",  // 13 person id pattern
            "P-BG0001234514,Sami,197906143314,,,",  // 14 good
            #"P-BG0001234515,Tariq ab"c,197906143315,,,"#,  // 15 quote in an unquoted field
            #"P-BG0001234516,"Umm Ali,197906143316,,,"#,  // 16 never closed
        ]
        let report = try await f.vault.importCSV(lines.joined(separator: "\n"), actor: "user:registry.loader", purpose: "registry-load")
        let found = report.rejected.map { "\($0.line) \($0.field) \($0.rule)" }
        #expect(
            found == [
                "3 national_id length", "4 full_name required", "5 person_id unique", "6 row quoting", "7 row columns", "8 national_id unique",
                "9 person_id unique", "10 national_id unique", "11 phone pattern", "12 birth_date date", "13 person_id pattern", "15 row quoting",
                "16 row quoting",
            ])
        #expect(report.accepted == 0 && !report.isCommitted)
        #expect(report.rows == 15)
        for r in report.rejected {
            #expect(!r.message.isEmpty)
            for secret in ["19790614332", "9999-9999-9999", "07701234567", "Hassan", "Tariq"] { #expect(!r.message.contains(secret), "\(r)") }
        }
        #expect(report.rejected.first { $0.line == 8 }?.message.contains("line 2") == true)
        #expect(try await f.rows("SELECT count(*) FROM pii.persons") == [["1"]], "nothing of the file was written")
        #expect(try await f.rows("SELECT outcome, person_count FROM pii.access_log WHERE action = 'import'") == [["rejected", "0"]])
    }

    @Test func aWrongHeaderRefusesTheFile() async throws {
        let f = try await VaultFixture.make()
        let error = await #expect(throws: PersonalDataError.self) {
            try await f.vault.importCSV(
                "person_id,name,national_id,phone,address,birth_date\nP-BG0001234501,A,197906143321,,,\n", actor: "user:a.b", purpose: "registry-load"
            )
        }
        #expect(error?.field == "header" && error?.rule == "header")
    }

    @Test func invalidUTF8IsRejectedOnItsLine() async throws {
        let f = try await VaultFixture.make()
        var bytes = Array((Self.header + "\nP-BG0001234501,").utf8)
        bytes += [0xD8, 0x41]
        bytes += Array(",197906143321,,,\n".utf8)
        let report = try await f.vault.importCSV(bytes: bytes, actor: "user:a.b", purpose: "registry-load")
        #expect(report.rejected.map { "\($0.line) \($0.field) \($0.rule)" } == ["2 full_name utf8"])
    }
}
