import Crypto

/// The vault's symmetric cryptography: sealing a person's record under their data key, and keyed
/// hashes of national ids.
enum PersonCipher {
    /// A new random 256-bit data key.
    static func newDataKey() -> SymmetricKey { SymmetricKey(size: .bits256) }

    /// AES-256-GCM of `plaintext` under `key`, authenticated with the person id; nonce, ciphertext and tag.
    static func seal(_ plaintext: [UInt8], key: SymmetricKey, personId: String) throws -> [UInt8] {
        Array(try AES.GCM.seal(plaintext, using: key, authenticating: associatedData(personId)).combined!)
    }

    /// Opens what ``seal(_:key:personId:)`` sealed.
    /// - Throws: ``PersonalDataError`` `decryption_failed`.
    static func open(_ sealed: [UInt8], key: SymmetricKey, personId: String) throws(PersonalDataError) -> [UInt8] {
        do {
            return Array(try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: key, authenticating: associatedData(personId)))
        } catch {
            throw PersonalDataError(
                code: .decryptionFailed, message: "the stored record of \(personId) did not decrypt: it was altered or belongs elsewhere")
        }
    }

    /// HMAC-SHA-256 of a normalised national id under the matching key.
    static func nationalIdHMAC(_ nationalId: String, key: SymmetricKey) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array("daftar.national-id.v1\n\(nationalId)".utf8), using: key))
    }

    static func associatedData(_ personId: String) -> [UInt8] {
        Array("daftar.pii.person.v1\n\(personId)".utf8)
    }

    /// The wrapping context of a person's data key.
    static func dataKeyContext(_ personId: String) -> String { "person:\(personId)" }

    /// The wrapping context of a matching key version.
    static func matchingKeyContext(_ version: Int) -> String { "matching-key:\(version)" }
}
