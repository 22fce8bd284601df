import DaftarTesting
import EventStore
import Foundation
import PersonalData
import Postgres
import Testing

@Suite struct PersonVaultTests {
    @Test func addThenShowRoundTripsAnArabicName() async throws {
        let f = try await VaultFixture.make()
        let added = try await f.vault.add(try zainab(), actor: "user:researcher.bg.0412", purpose: "registration")
        let shown = try await f.vault.show("P-BG0001234501", actor: "user:caseworker.bg.7", purpose: "case-review")
        #expect(shown.details == added.details)
        #expect(shown.details.fullName == "زينب عبد الحسين")
        #expect(shown.details.nationalId == "197906143321")
        #expect(shown.details.address == "بغداد، الكرادة، محلة ٩٠٣")
        #expect(shown.keyId == f.masterKey.keyId)

        // Stored: sealed and wrapped, never in clear.
        let row = try #require(
            try await f.rows(
                "SELECT encode(ciphertext, 'escape'), key_id, octet_length(wrapped_key), octet_length(national_id_hmac) FROM pii.persons"
            ).first)
        #expect(row[0]?.contains("197906143321") == false)
        #expect(row[1] == f.masterKey.keyId)
        #expect(row[2] == "60" && row[3] == "32", "a 32-byte key sealed with nonce and tag; a SHA-256 HMAC")
    }

    @Test func everyReadIsLoggedWithActorAndPurposeAndAReadWithoutPurposeIsRefused() async throws {
        let f = try await VaultFixture.make()
        try await f.vault.add(try zainab(), actor: "user:researcher.bg.0412", purpose: "registration")
        _ = try await f.vault.show("P-BG0001234501", actor: "user:caseworker.bg.7", purpose: "case-review")
        _ = try await f.vault.show("P-BG0001234501", actor: "user:appeals.bg.2", purpose: "appeal:APL-2025BA000317")
        let missing = await #expect(throws: PersonalDataError.self) {
            try await f.vault.show("P-BG0009999999", actor: "user:caseworker.bg.7", purpose: "case-review")
        }
        #expect(missing?.code == .personNotFound)
        for purpose in ["", "  "] {
            let refused = await #expect(throws: PersonalDataError.self) {
                try await f.vault.show("P-BG0001234501", actor: "user:caseworker.bg.7", purpose: purpose)
            }
            #expect(refused?.code == .purposeRequired)
            #expect(refused?.field == "purpose" && refused?.rule == "required")
        }
        let notACode = await #expect(throws: PersonalDataError.self) {
            try await f.vault.show("P-BG0001234501", actor: "user:caseworker.bg.7", purpose: "because Zainab called")
        }
        #expect(notACode?.field == "purpose" && notACode?.rule == "pattern")
        let log = try await f.rows("SELECT action, actor, purpose, person_id, outcome, person_count FROM pii.access_log ORDER BY entry_no")
        #expect(
            log == [
                ["add", "user:researcher.bg.0412", "registration", "P-BG0001234501", "ok", "1"],
                ["show", "user:caseworker.bg.7", "case-review", "P-BG0001234501", "ok", "1"],
                ["show", "user:appeals.bg.2", "appeal:APL-2025BA000317", "P-BG0001234501", "ok", "1"],
                ["show", "user:caseworker.bg.7", "case-review", "P-BG0009999999", "person_not_found", "1"],
            ])

        // The log is append-only, for the owner too.
        let conn = try await PostgresConnection.connect(f.database.uri)
        for sql in ["UPDATE pii.access_log SET purpose = 'x'", "DELETE FROM pii.access_log", "TRUNCATE pii.access_log", "DELETE FROM pii.persons"] {
            let error = await #expect(throws: PostgresError.self, "\(sql)") { try await conn.query(sql) }
            #expect(error?.sqlState == "DF010", "\(sql)")
        }
        await conn.close()
    }

    @Test(arguments: ["daftar_auditor", "daftar_writer", "daftar_reporting"])
    func otherRolesCannotReadThePersonStore(_ role: String) async throws {
        let f = try await VaultFixture.make()
        try await f.vault.add(try zainab(), actor: "user:researcher.bg.0412", purpose: "registration")
        let admin = try await f.database.superuser()
        for sql in [
            "SELECT * FROM pii.persons", "SELECT * FROM pii.access_log", "SELECT * FROM pii.matching_keys",
            "INSERT INTO pii.access_log (actor, purpose, action, outcome) VALUES ('a:b', 'x', 'show', 'ok')",
        ] {
            try await admin.execute("SET ROLE \(role)")
            let error = await #expect(throws: PostgresError.self, "\(role): \(sql)") { try await admin.query(sql) }
            #expect(error?.sqlState == PostgresError.insufficientPrivilege, "\(role): \(sql) → \(error?.sqlState ?? "-")")
            try await admin.execute("RESET ROLE")
        }
        await admin.close()
    }

    @Test func duplicatesAreRefusedNamingTheFieldNotTheValue() async throws {
        let f = try await VaultFixture.make()
        try await f.vault.add(try zainab(), actor: "user:researcher.bg.0412", purpose: "registration")
        let sameId = await #expect(throws: PersonalDataError.self) {
            try await f.vault.add(try zainab(nationalId: "197906143399"), actor: "user:researcher.bg.0412", purpose: "registration")
        }
        #expect(sameId?.code == .duplicatePerson && sameId?.field == "personId" && sameId?.rule == "unique")
        let sameNationalId = await #expect(throws: PersonalDataError.self) {
            try await f.vault.add(
                try zainab("P-BG0001234502", nationalId: "1979-0614-3321"), actor: "user:researcher.bg.0412", purpose: "registration")
        }
        #expect(sameNationalId?.code == .duplicatePerson && sameNationalId?.field == "nationalId")
        #expect(sameNationalId?.message.contains("3321") == false)
        #expect(try await f.rows("SELECT count(*) FROM pii.persons") == [["1"]])
    }

    @Test func erasureShredsTheRowAndReadsFailNamingWhoAndWhen() async throws {
        let f = try await VaultFixture.make()
        try await f.vault.add(try zainab(), actor: "user:researcher.bg.0412", purpose: "registration")
        let erased = try await f.vault.erase("P-BG0001234501", actor: "user:dpo.iq", reason: .dataSubjectRequest)
        #expect(!erased.wasAlreadyErased && erased.erasedBy == "user:dpo.iq" && erased.reason == .dataSubjectRequest)
        try await f.vault.vacuum()
        let row = try await f.rows(
            "SELECT ciphertext IS NULL, wrapped_key IS NULL, national_id_hmac IS NULL, erased_by, erase_reason FROM pii.persons")
        #expect(row == [["t", "t", "t", "user:dpo.iq", "dataSubjectRequest"]])

        let error = await #expect(throws: PersonalDataError.self) {
            try await f.vault.show("P-BG0001234501", actor: "user:caseworker.bg.7", purpose: "case-review")
        }
        #expect(error?.code == .personErased)
        #expect(error?.message.contains("user:dpo.iq") == true)
        #expect(error?.message.contains(erased.erasedOn.description) == true)

        let again = try await f.vault.erase("P-BG0001234501", actor: "user:someone.else", reason: .courtOrder)
        #expect(again.wasAlreadyErased && again.erasedBy == "user:dpo.iq" && again.erasedAtMicros == erased.erasedAtMicros)
        #expect(try await f.vault.erasure(of: "P-BG0001234501") == again)

        // The id is not reused; the national id may be registered again for a new person.
        await #expect(throws: PersonalDataError.self) { try await f.vault.add(try zainab(), actor: "user:a.b", purpose: "registration") }
        try await f.vault.add(try zainab("P-BG0001234502"), actor: "user:a.b", purpose: "registration")

        // An erased row does not change, even for the owner.
        let conn = try await PostgresConnection.connect(f.database.uri)
        let refused = await #expect(throws: PostgresError.self) {
            try await conn.query("UPDATE pii.persons SET erased_by = 'user:x' WHERE person_id = 'P-BG0001234501'")
        }
        #expect(refused?.sqlState == "DF010")
        await conn.close()
        let outcomes = try await f.rows("SELECT action, purpose, outcome FROM pii.access_log WHERE person_id = 'P-BG0001234501' ORDER BY entry_no")
        #expect(
            outcomes == [
                ["add", "registration", "ok"], ["erase", "dataSubjectRequest", "ok"], ["show", "case-review", "person_erased"],
                ["erase", "courtOrder", "already_erased"], ["add", "registration", "duplicate_person"],
            ])
    }

    @Test func nationalIdsForMatchingAreDecryptedInBulkAndLoggedOnce() async throws {
        let f = try await VaultFixture.make()
        for i in 1...5 {
            try await f.vault.add(try zainab("P-BG000123450\(i)", nationalId: "19790614332\(i)"), actor: "user:a.b", purpose: "registration")
        }
        try await f.vault.erase("P-BG0001234503", actor: "user:dpo.iq", reason: .retentionExpired)
        let ids = try await f.vault.nationalIds(
            of: ["P-BG0001234505", "P-BG0001234501", "P-BG0001234503", "P-BG0009999999", "P-BG0001234501"], actor: "system:crossmatch",
            purpose: "crossmatch:cbi-loans:2026-03")
        #expect(ids.map(\.personId) == ["P-BG0001234505", "P-BG0001234501"])
        #expect(ids.map(\.nationalId) == ["197906143325", "197906143321"])
        let log = try await f.rows("SELECT actor, purpose, person_id, person_count FROM pii.access_log WHERE action = 'match-export'")
        #expect(log == [["system:crossmatch", "crossmatch:cbi-loans:2026-03", nil, "2"]])
        await #expect(throws: PersonalDataError.self) {
            try await f.vault.nationalIds(of: ["P-BG0001234501"], actor: "system:crossmatch", purpose: "")
        }
    }

    @Test func anotherMasterKeyCannotRead() async throws {
        let f = try await VaultFixture.make()
        try await f.vault.add(try zainab(), actor: "user:a.b", purpose: "registration")
        let stranger = PersonVault(pool: PostgresPool(conninfo: f.database.uri, maximumConnections: 1), masterKey: FileMasterKey())
        let error = await #expect(throws: PersonalDataError.self) {
            try await stranger.show("P-BG0001234501", actor: "user:a.b", purpose: "case-review")
        }
        #expect(error?.code == .masterKey)
        await #expect(throws: PersonalDataError.self) {
            try await stranger.add(try zainab("P-BG0001234502", nationalId: "111111111111"), actor: "user:a.b", purpose: "registration")
        }
    }

    @Test func theFileMasterKeyIsCreatedOnceWithMode0600AndTheEnvironmentWins() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("vault-home-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        #expect(try FileMasterKey.load(home: home, environment: [:]) == nil)
        let created = try FileMasterKey.loadOrCreate(home: home, environment: [:])
        let again = try FileMasterKey.loadOrCreate(home: home, environment: [:])
        #expect(created.keyId == again.keyId)
        let mode = try FileManager.default.attributesOfItem(atPath: FileMasterKey.path(home: home))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let raw = (0..<32).map { UInt8($0) }
        let fromEnvironment = try FileMasterKey.loadOrCreate(home: home, environment: ["DAFTAR_MASTER_KEY": Data(raw).base64EncodedString()])
        #expect(fromEnvironment.keyId == (try FileMasterKey(rawRepresentation: raw)).keyId)
        #expect(fromEnvironment.keyId != created.keyId)
        let bad = #expect(throws: PersonalDataError.self) { try FileMasterKey.load(home: home, environment: ["DAFTAR_MASTER_KEY": "c2hvcnQ="]) }
        #expect(bad?.code == .masterKey)
    }
}

extension PersonVaultTests {
    struct Refused: Error {}

    @Test func anErasureWhoseLedgerFactFailsIsRolledBack() async throws {
        let f = try await VaultFixture.make()
        try await f.vault.add(try zainab(), actor: "user:a.b", purpose: "registration")
        await #expect(throws: Refused.self) {
            try await f.vault.erase("P-BG0001234501", actor: "user:dpo.iq", reason: .courtOrder) { conn, erasure in
                #expect(!erasure.wasAlreadyErased)
                #expect(try await conn.query("SELECT erased_at IS NOT NULL FROM pii.persons").first?[0] == "t", "shredded within the transaction")
                throw Refused()
            }
        }
        #expect(try await f.vault.erasure(of: "P-BG0001234501") == nil)
        #expect(try await f.vault.show("P-BG0001234501", actor: "user:a.b", purpose: "check").details.fullName == "زينب عبد الحسين")
    }
}
