import DaftarTesting
import Foundation
import PersonalData
import Postgres
import Testing

/// Erasure leaves nothing readable in the database: a full `pg_dump` holds neither the name, nor the
/// national id, nor the sealed record or its key.
@Suite struct CryptoShreddingTests {
    static let canaryName = "كناري زينب عبد الحسين"
    static let canaryNationalId = "284719305662"

    /// `pg_dump` of the whole database, as plain SQL.
    static func dump(_ db: TestDatabase) async throws -> String {
        let binaries = try LocalCluster.findBinaries()
        let outcome = try await ChildProcess.run("\(binaries.directory)/pg_dump", ["--dbname", db.uri, "--no-owner"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("pii.persons"), "the dump covers the person store")
        return outcome.stdout
    }

    @Test func afterErasureADumpHoldsNothingOfThePerson() async throws {
        let f = try await VaultFixture.make()
        let canary = try PersonDetails(
            personId: "P-CANARY000001", fullName: Self.canaryName, nationalId: "٢٨٤٧-١٩٣٠ ٥٦٦٢", phone: "+9647809998877", address: "canary address 77"
        )
        try await f.vault.add(canary, actor: "user:researcher.bg.0412", purpose: "registration")
        let stored = try #require(
            try await f.rows("SELECT encode(ciphertext, 'hex'), encode(wrapped_key, 'hex'), encode(national_id_hmac, 'hex') FROM pii.persons").first)
        let (ciphertext, wrappedKey, hmac) = (try #require(stored[0]), try #require(stored[1]), try #require(stored[2]))

        let before = try await Self.dump(f.database)
        #expect(before.contains(ciphertext), "before erasure the dump holds the sealed record")
        for secret in [Self.canaryName, Self.canaryNationalId, "+9647809998877", "canary address"] {
            #expect(!before.contains(secret), "in clear before erasure: \(secret)")
        }

        try await f.vault.erase("P-CANARY000001", actor: "user:dpo.iq", reason: .dataSubjectRequest)
        try await f.vault.vacuum()
        let after = try await Self.dump(f.database)
        for secret in [Self.canaryName, Self.canaryNationalId, "+9647809998877", "canary address", ciphertext, wrappedKey, hmac] {
            #expect(!after.contains(secret), "after erasure: \(secret.prefix(12))…")
        }
        #expect(after.contains("P-CANARY000001") && after.contains("user:dpo.iq"), "the erasure's record stays")
    }
}
