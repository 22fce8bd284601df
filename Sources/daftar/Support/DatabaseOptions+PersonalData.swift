import EventStore
import PersonalData
import Postgres

extension DatabaseOptions {
    /// What a command needs of the master key.
    enum MasterKeyUse {
        /// Reading: the key must exist.
        case read
        /// Writing: the key is created in the data folder when the vault holds no keys yet.
        case write
        /// Erasing: no key is used.
        case none
    }

    /// The personal-data vault over `uri`, with the master key from `DAFTAR_MASTER_KEY` or the data folder.
    ///
    /// A master key is created (`keys/master.key`, mode 0600) only for a vault that holds no keys yet:
    /// a missing key for a vault in use is an error, never silently replaced.
    /// - Throws: ``CLIError`` `not_migrated` when the database has no `pii` schema; ``PersonalDataError`` `master_key`.
    func vault(_ uri: String, key use: MasterKeyUse) async throws -> PersonVault {
        let conn = try await PostgresConnection.connect(uri)
        let (migrated, keys) = try await conn.closing { conn in
            let migrated = try await conn.query("SELECT to_regclass('pii.persons') IS NOT NULL").first?.decode(Bool.self, 0) ?? false
            guard migrated else { return (false, 0) }
            return (true, try await conn.query("SELECT count(*) FROM pii.matching_keys").first?.decode(Int.self, 0) ?? 0)
        }
        guard migrated else {
            throw CLIError(code: "not_migrated", message: "the database has no personal-data vault yet: run 'daftar migrate' first")
        }
        let home = resolvedHome
        let masterKey: FileMasterKey
        switch use {
        case .none:
            // Erasure reads and writes no key (it nulls the sealed columns and logs): a throwaway key stands
            // in, and the real one is not loaded, so a malformed DAFTAR_MASTER_KEY does not stop an erasure.
            masterKey = FileMasterKey()
        case .read, .write:
            if let key = try FileMasterKey.load(home: home) {
                masterKey = key
            } else if use == .write && keys == 0 {
                masterKey = try FileMasterKey.loadOrCreate(home: home)
                Terminal.note(
                    "created the master key \(masterKey.keyId) in \(FileMasterKey.path(home: home)); keep a copy offline: without it no person can be read"
                )
            } else {
                throw PersonalDataError(
                    code: .masterKey, field: "masterKey", rule: "required",
                    message: "no master key: set \(FileMasterKey.environmentVariable) (base64) or restore \(FileMasterKey.path(home: home))")
            }
        }
        return PersonVault(pool: PostgresPool(conninfo: uri, maximumConnections: 1), masterKey: masterKey)
    }
}
