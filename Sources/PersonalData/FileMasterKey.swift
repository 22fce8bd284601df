import Crypto
import Foundation
import Postgres

#if canImport(Glibc)
    import Glibc
#endif

/// A 256-bit master key from the environment (`DAFTAR_MASTER_KEY`, base64) or the data folder
/// (`keys/master.key`, hex, mode 0600 in a 0700 folder, created on first use), as the seal-signing
/// key is kept. The environment wins when set.
///
/// Keys are wrapped with AES-256-GCM under the master key (random 96-bit nonce, 128-bit tag), the
/// context authenticated as associated data. The key id is `file:` and the first 16 hex digits of
/// SHA-256 over a label and the key: it names the key without revealing it.
///
/// Losing the master key makes every person unreadable; keep a copy offline (DESIGN.md §4).
public struct FileMasterKey: MasterKeyProvider {
    let key: SymmetricKey
    public let keyId: String

    /// The environment variable that carries a base64 master key.
    public static let environmentVariable = "DAFTAR_MASTER_KEY"

    /// A master key from its 32 raw bytes.
    /// - Throws: ``PersonalDataError`` `master_key` for any other length.
    public init(rawRepresentation raw: [UInt8]) throws(PersonalDataError) {
        guard raw.count == 32 else {
            throw PersonalDataError(
                code: .masterKey, field: "masterKey", rule: "length", message: "a master key is 32 bytes (256 bits), got \(raw.count)")
        }
        key = SymmetricKey(data: raw)
        var hasher = SHA256()
        hasher.update(data: Array("daftar.master-key.id.v1\n".utf8))
        hasher.update(data: raw)
        keyId = "file:" + String(Hex.encode(hasher.finalize()).prefix(16))
    }

    /// A new random master key (not stored anywhere).
    public init() {
        let raw = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        try! self.init(rawRepresentation: raw)
    }

    /// Where the key lives in a data folder.
    public static func path(home: String) -> String { "\(home)/keys/master.key" }

    /// The master key: the environment's if set, else the data folder's, or `nil` when there is none.
    /// - Parameters:
    ///   - home: the data folder.
    ///   - environment: the process environment (a parameter for tests).
    /// - Throws: ``PersonalDataError`` `master_key` when the variable or the file holds no valid key.
    public static func load(home: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(PersonalDataError)
        -> FileMasterKey?
    {
        if let text = environment[environmentVariable], !text.isEmpty {
            guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 else {
                throw PersonalDataError(
                    code: .masterKey, field: environmentVariable, rule: "format", message: "\(environmentVariable) must be 32 bytes in base64")
            }
            return try FileMasterKey(rawRepresentation: Array(data))
        }
        guard let data = FileManager.default.contents(atPath: path(home: home)) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let raw = Hex.decode(text), raw.count == 32 else {
            throw PersonalDataError(
                code: .masterKey, field: "masterKey", rule: "format", message: "\(path(home: home)) does not hold a 32-byte key in hex")
        }
        return try FileMasterKey(rawRepresentation: raw)
    }

    /// The master key, creating the data folder's on first use (see ``load(home:environment:)``).
    /// - Throws: ``PersonalDataError`` `master_key` when the key cannot be read or written.
    public static func loadOrCreate(home: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(PersonalDataError)
        -> FileMasterKey
    {
        if let key = try load(home: home, environment: environment) { return key }
        let key = FileMasterKey()
        let fm = FileManager.default
        let file = path(home: home)
        do {
            try fm.createDirectory(atPath: "\(home)/keys", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw PersonalDataError(code: .masterKey, field: "masterKey", rule: "file", message: "cannot create \(home)/keys")
        }
        let raw = key.key.withUnsafeBytes { Hex.encode($0) }
        // Never overwrite a key another process created meanwhile: O_EXCL, then read back the winner's.
        let fd = open(file, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if fd < 0 {
            if errno == EEXIST, let existing = try load(home: home, environment: [:]) { return existing }
            throw PersonalDataError(code: .masterKey, field: "masterKey", rule: "file", message: "cannot write the master key to \(file)")
        }
        let bytes = Array(raw.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced else {
            throw PersonalDataError(code: .masterKey, field: "masterKey", rule: "file", message: "cannot write the master key to \(file)")
        }
        return key
    }

    public func wrap(_ dataKey: SymmetricKey, context: String) async throws -> [UInt8] {
        let plain = dataKey.withUnsafeBytes { Array($0) }
        let box = try AES.GCM.seal(plain, using: key, authenticating: Self.associatedData(context))
        return Array(box.combined!)
    }

    public func unwrap(_ wrapped: [UInt8], keyId: String, context: String) async throws -> SymmetricKey {
        guard keyId == self.keyId else {
            throw PersonalDataError(
                code: .masterKey, field: "masterKey", rule: "keyId",
                message: "this key is wrapped with master key \(keyId), but the master key given is \(self.keyId)")
        }
        do {
            let box = try AES.GCM.SealedBox(combined: wrapped)
            let plain = try AES.GCM.open(box, using: key, authenticating: Self.associatedData(context))
            guard plain.count == 32 else { throw CryptoKitError.incorrectParameterSize }
            return SymmetricKey(data: plain)
        } catch {
            throw PersonalDataError(
                code: .decryptionFailed, message: "a wrapped key for \(context) did not unwrap: it was altered or belongs elsewhere")
        }
    }

    static func associatedData(_ context: String) -> [UInt8] {
        Array("daftar.pii.wrap.v1\n\(context)".utf8)
    }
}
