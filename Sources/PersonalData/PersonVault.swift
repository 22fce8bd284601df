import Crypto
import EventStore
import Postgres

/// The personal-data vault (DESIGN.md §4): persons' details encrypted per person, national ids as
/// keyed hashes for matching, erasure by deleting the data key, and every access recorded.
///
/// Each person's details are sealed (AES-256-GCM) under a data key of their own; the data key is
/// stored only wrapped by the master key (``MasterKeyProvider``). National ids are also kept as
/// HMAC-SHA-256 under a matching key, itself stored only wrapped by the master key (`pii.matching_keys`):
/// the hash makes a national id unique in the vault, and is what matching by hash would use. Reading
/// requires the master key; the database alone holds nothing readable.
///
/// Every operation records one entry in `pii.access_log` (who, for what purpose, which person, what
/// came of it) in the same transaction as the data it read or wrote: there is no read without its
/// entry. Reads without a purpose are refused before anything is read.
///
/// Connects as the owner of the `pii` schema: the writer, auditor and reporting roles have no access.
public struct PersonVault: Sendable {
    /// Connections to the database.
    public let pool: PostgresPool
    /// Wraps and unwraps the vault's keys.
    public let masterKey: any MasterKeyProvider

    /// Creates a vault over a database migrated with ``PersonalDataSchema``.
    /// - Parameters:
    ///   - pool: connections as the owner role.
    ///   - masterKey: the master key provider.
    public init(pool: PostgresPool, masterKey: any MasterKeyProvider) {
        self.pool = pool
        self.masterKey = masterKey
    }

    // MARK: Adding

    /// Adds a person: seals their details under a new data key, wraps it, and logs the addition.
    /// - Parameters:
    ///   - person: the checked details.
    ///   - actor: who adds them (`kind:id`).
    ///   - purpose: why (a code such as `registration`).
    /// - Returns: the person as stored.
    /// - Throws: ``PersonalDataError`` `invalid_input` (actor), `purpose_required`, `duplicate_person`
    ///   (field `personId` or `nationalId`, rule `unique`; an erased person's id is not reused),
    ///   `master_key`; ``PostgresError``.
    @discardableResult
    public func add(_ person: PersonDetails, actor: String, purpose: String) async throws -> PersonRecord {
        try Self.checkActor(actor)
        try Self.checkPurpose(purpose)
        return try await pool.withConnection { conn in
            let matching = try await matchingKey(conn)
            let sealed = try await seal(person, matching: matching)
            do {
                return try await conn.transaction { conn in
                    let row = try await conn.query(
                        """
                        INSERT INTO pii.persons (person_id, ciphertext, wrapped_key, key_id, national_id_hmac, hmac_key_version)
                        VALUES ($1, $2, $3, $4, $5, $6)
                        RETURNING (extract(epoch FROM created_at) * 1000000)::bigint
                        """,
                        [
                            person.personId, PostgresBytes(sealed.ciphertext), PostgresBytes(sealed.wrappedKey), masterKey.keyId,
                            PostgresBytes(sealed.hmac), matching.version,
                        ])
                    try await Self.log(conn, actor: actor, purpose: purpose, personId: person.personId, action: .add, outcome: "ok")
                    return PersonRecord(details: person, createdAtMicros: try row.first!.decode(Int64.self, 0), keyId: masterKey.keyId)
                }
            } catch let error as PostgresError where error.sqlState == PostgresError.uniqueViolation {
                let duplicate = Self.duplicate(error, personId: person.personId)
                try await Self.log(conn, actor: actor, purpose: purpose, personId: person.personId, action: .add, outcome: duplicate.code.rawValue)
                throw duplicate
            }
        }
    }

    // MARK: Reading

    /// Reads a person's details, and records the read.
    /// - Parameters:
    ///   - personId: the pseudonymous person id.
    ///   - actor: who reads (`kind:id`).
    ///   - purpose: why (a code such as `case-review`); required.
    /// - Returns: the decrypted record.
    /// - Throws: ``PersonalDataError`` `purpose_required`, `invalid_input`, `person_not_found`,
    ///   `person_erased` (naming who erased them and when), `master_key`, `decryption_failed`. Every
    ///   refusal after the checks is recorded in the access log with its code as the outcome.
    public func show(_ personId: String, actor: String, purpose: String) async throws -> PersonRecord {
        try Self.checkActor(actor)
        try Self.checkPurpose(purpose)
        _ = try PersonDetails.checkPersonId(personId)
        let outcome: Result<PersonRecord, PersonalDataError> = try await pool.withConnection { conn in
            try await conn.transaction { conn in
                let rows = try await conn.query(
                    """
                    SELECT ciphertext, wrapped_key, key_id, (extract(epoch FROM created_at) * 1000000)::bigint,
                           (extract(epoch FROM erased_at) * 1000000)::bigint, erased_by, erase_reason
                    FROM pii.persons WHERE person_id = $1
                    """, [personId])
                let result: Result<PersonRecord, PersonalDataError>
                if let row = rows.first {
                    if let erasure = try Self.erasure(row, personId: personId, columns: (4, 5, 6)) {
                        result = .failure(Self.erasedError(erasure))
                    } else {
                        do {
                            let details = try await open(
                                ciphertext: try row.decode(PostgresBytes.self, 0).bytes, wrappedKey: try row.decode(PostgresBytes.self, 1).bytes,
                                keyId: try row.decode(String.self, 2), personId: personId)
                            result = .success(
                                PersonRecord(details: details, createdAtMicros: try row.decode(Int64.self, 3), keyId: try row.decode(String.self, 2)))
                        } catch let error as PersonalDataError {
                            result = .failure(error)
                        }
                    }
                } else {
                    result = .failure(PersonalDataError(code: .personNotFound, field: "personId", message: "no person \(personId) in the vault"))
                }
                try await Self.log(conn, actor: actor, purpose: purpose, personId: personId, action: .show, outcome: Self.code(of: result))
                return result
            }
        }
        return try outcome.get()
    }

    // MARK: Erasing

    /// Erases a person (crypto-shredding): deletes their wrapped data key, their sealed record and the
    /// hash of their national id, keeping who erased them, when and why. Erasing an erased person
    /// changes nothing and returns the first erasure.
    ///
    /// `inTransaction` runs in the erasure's transaction, after the row is shredded (or found erased
    /// before): the place to record the erasure as a ledger fact (`PersonalDataErased`, appended with
    /// `EventStore.append(_:on:)`), so that the two commit together or not at all. If it throws, the
    /// erasure rolls back and the error is rethrown.
    ///
    /// The old row version stays in the table's files until vacuumed: call ``vacuum()`` afterwards
    /// (once for a batch of erasures).
    /// - Parameters:
    ///   - personId: the pseudonymous person id.
    ///   - actor: who decided (`kind:id`).
    ///   - reason: why.
    ///   - inTransaction: work to commit with the erasure, given the connection and the erasure.
    /// - Returns: the erasure, with ``ErasureRecord/wasAlreadyErased``.
    /// - Throws: ``PersonalDataError`` `invalid_input`, `person_not_found`; ``PostgresError``; what
    ///   `inTransaction` threw.
    @discardableResult
    public func erase(
        _ personId: String, actor: String, reason: ErasureReason,
        inTransaction: (PostgresConnection, ErasureRecord) async throws -> Void = { _, _ in }
    ) async throws -> ErasureRecord {
        try Self.checkActor(actor)
        _ = try PersonDetails.checkPersonId(personId)
        let outcome: Result<ErasureRecord, PersonalDataError> = try await pool.withConnection { conn in
            try await conn.transaction { conn in
                let rows = try await conn.query(
                    """
                    SELECT (extract(epoch FROM erased_at) * 1000000)::bigint, erased_by, erase_reason
                    FROM pii.persons WHERE person_id = $1 FOR UPDATE
                    """, [personId])
                let result: Result<ErasureRecord, PersonalDataError>
                if let row = rows.first {
                    if let earlier = try Self.erasure(row, personId: personId, columns: (0, 1, 2)) {
                        result = .success(earlier)
                    } else {
                        let erased = try await conn.query(
                            """
                            UPDATE pii.persons
                               SET ciphertext = NULL, wrapped_key = NULL, national_id_hmac = NULL,
                                   erased_at = now(), erased_by = $2, erase_reason = $3
                             WHERE person_id = $1
                            RETURNING (extract(epoch FROM erased_at) * 1000000)::bigint
                            """, [personId, actor, reason.rawValue])
                        result = .success(
                            ErasureRecord(
                                personId: personId, erasedAtMicros: try erased.first!.decode(Int64.self, 0), erasedBy: actor, reason: reason,
                                wasAlreadyErased: false))
                    }
                } else {
                    result = .failure(PersonalDataError(code: .personNotFound, field: "personId", message: "no person \(personId) in the vault"))
                }
                let code: String
                switch result {
                case .success(let r): code = r.wasAlreadyErased ? "already_erased" : "ok"
                case .failure(let e): code = e.code.rawValue
                }
                try await Self.log(conn, actor: actor, purpose: reason.rawValue, personId: personId, action: .erase, outcome: code)
                if case .success(let erasure) = result { try await inTransaction(conn, erasure) }
                return result
            }
        }
        return try outcome.get()
    }

    /// Vacuums `pii.persons`, so that the row versions erasures left behind are removed from the
    /// table's files (where they would still hold the wrapped keys and sealed records). Row versions
    /// that an open transaction can still see survive until a later vacuum; WAL and backups keep
    /// theirs until they expire.
    /// - Throws: ``PostgresError``.
    public func vacuum() async throws {
        try await pool.withConnection { conn in try await conn.execute("VACUUM pii.persons") }
    }

    /// Whether, and how, a person was erased, without reading their details and without a log entry.
    /// - Parameter personId: the pseudonymous person id.
    /// - Returns: the erasure, or `nil` for a person who is not erased or not in the vault.
    /// - Throws: ``PersonalDataError`` `invalid_input`; ``PostgresError``.
    public func erasure(of personId: String) async throws -> ErasureRecord? {
        _ = try PersonDetails.checkPersonId(personId)
        return try await pool.withConnection { conn in
            let rows = try await conn.query(
                "SELECT (extract(epoch FROM erased_at) * 1000000)::bigint, erased_by, erase_reason FROM pii.persons WHERE person_id = $1",
                [personId])
            guard let row = rows.first else { return nil }
            return try Self.erasure(row, personId: personId, columns: (0, 1, 2))
        }
    }
}
