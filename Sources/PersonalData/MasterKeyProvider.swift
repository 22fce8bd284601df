import Crypto

/// Wraps and unwraps the vault's keys (each person's data key, and the matching key) with a master
/// key that never enters the database.
///
/// ``FileMasterKey`` keeps the master key in the data folder or the environment. A key management
/// service fits behind the same protocol: `wrap` and `unwrap` become calls to it, and the master key
/// never enters the process either. Implementations bind a wrapped key to its `context` (the vault
/// passes `person:P-…` or `matching-key:N`), so a wrapped key copied onto another row does not unwrap.
public protocol MasterKeyProvider: Sendable {
    /// The id of the master key that wraps new keys; stored beside every wrapped key.
    var keyId: String { get }

    /// Wraps a key with the master key.
    /// - Parameters:
    ///   - key: the key to protect (256 bits).
    ///   - context: what the key belongs to; the same context is needed to unwrap it.
    /// - Returns: the wrapped key, opaque to the vault.
    /// - Throws: ``PersonalDataError`` `master_key` when the master key is unavailable.
    func wrap(_ key: SymmetricKey, context: String) async throws -> [UInt8]

    /// Unwraps a key wrapped by ``wrap(_:context:)``.
    /// - Parameters:
    ///   - wrapped: the wrapped key.
    ///   - keyId: the id of the master key it was wrapped with.
    ///   - context: the context it was wrapped for.
    /// - Returns: the key.
    /// - Throws: ``PersonalDataError`` `master_key` when `keyId` names a master key this provider does
    ///   not hold, `decryption_failed` when the wrapped key was altered or belongs to another context.
    func unwrap(_ wrapped: [UInt8], keyId: String, context: String) async throws -> SymmetricKey
}
