import Crypto
import Postgres

extension PersonVault {
    /// The matching key: its version and the key, unwrapped.
    struct MatchingKey: Sendable {
        let version: Int
        let key: SymmetricKey
    }

    /// A person's sealed record, wrapped data key and national-id hash.
    struct Sealed: Sendable {
        let ciphertext: [UInt8]
        let wrappedKey: [UInt8]
        let hmac: [UInt8]
    }

    /// The latest matching key, created (and stored wrapped) on first use.
    /// - Throws: ``PersonalDataError`` `master_key` when it is wrapped with another master key.
    func matchingKey(_ conn: PostgresConnection) async throws -> MatchingKey {
        let select = "SELECT key_version, wrapped_key, master_key_id FROM pii.matching_keys ORDER BY key_version DESC LIMIT 1"
        var row = try await conn.query(select).first
        if row == nil {
            let wrapped = try await masterKey.wrap(SymmetricKey(size: .bits256), context: PersonCipher.matchingKeyContext(1))
            try await conn.query(
                "INSERT INTO pii.matching_keys (key_version, wrapped_key, master_key_id) VALUES (1, $1, $2) ON CONFLICT (key_version) DO NOTHING",
                [PostgresBytes(wrapped), masterKey.keyId])
            row = try await conn.query(select).first
        }
        guard let row else { throw PostgresError(code: .server, message: "pii.matching_keys has no key after creating one") }
        let version = try row.decode(Int.self, 0)
        let key = try await masterKey.unwrap(
            try row.decode(PostgresBytes.self, 1).bytes, keyId: try row.decode(String.self, 2), context: PersonCipher.matchingKeyContext(version))
        return MatchingKey(version: version, key: key)
    }

    /// Seals a person's details under a new data key and wraps the key.
    /// - Parameters:
    ///   - person: the details.
    ///   - matching: the matching key the national id is hashed with.
    ///   - nationalIdHMAC: the national id's hash under `matching`, when the caller already computed it
    ///     (``PersonCipher/nationalIdHMAC(_:key:)``); computed here when `nil`.
    func seal(_ person: PersonDetails, matching: MatchingKey, nationalIdHMAC: [UInt8]? = nil) async throws -> Sealed {
        let dataKey = PersonCipher.newDataKey()
        let ciphertext = try PersonCipher.seal(person.canonicalBytes, key: dataKey, personId: person.personId)
        let wrapped = try await masterKey.wrap(dataKey, context: PersonCipher.dataKeyContext(person.personId))
        return Sealed(ciphertext: ciphertext, wrappedKey: wrapped, hmac: nationalIdHMAC ?? PersonCipher.nationalIdHMAC(person.nationalId, key: matching.key))
    }

    /// Unwraps a person's data key and opens their record.
    /// - Throws: ``PersonalDataError`` `master_key` or `decryption_failed`.
    func open(ciphertext: [UInt8], wrappedKey: [UInt8], keyId: String, personId: String) async throws -> PersonDetails {
        let dataKey = try await masterKey.unwrap(wrappedKey, keyId: keyId, context: PersonCipher.dataKeyContext(personId))
        return try PersonDetails(sealedJSON: try PersonCipher.open(ciphertext, key: dataKey, personId: personId), expectedPersonId: personId)
    }
}
