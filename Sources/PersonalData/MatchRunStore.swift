import Crypto
import Foundation
import Postgres

/// Where the registry keeps a cross-match run's private state between `match start` and `match
/// finish`: sealed with AES-GCM under a fresh key that the master key wraps, in `pii.match_runs`.
/// Finishing a run destroys the sealed state and its key, so the run's secret does not outlive it.
public struct MatchRunStore: Sendable {
    /// A run as recorded.
    public struct Run: Sendable, Hashable {
        public var runId: UUID
        public var partner: String
        public var programmeId: String
        public var startedBy: String
        /// When the run started, `YYYY-MM-DDTHH:MM:SSZ` (set by the database; empty before it is saved).
        public var startedAt: String = ""
        public var persons: Int
        public var fileSHA256: String
        /// Whether the run was finished (its state is gone).
        public var isFinished: Bool

        /// Creates a run; each parameter sets the property of the same name.
        public init(
            runId: UUID, partner: String, programmeId: String, startedBy: String, startedAt: String = "", persons: Int, fileSHA256: String,
            isFinished: Bool
        ) {
            self.runId = runId
            self.partner = partner
            self.programmeId = programmeId
            self.startedBy = startedBy
            self.startedAt = startedAt
            self.persons = persons
            self.fileSHA256 = fileSHA256
            self.isFinished = isFinished
        }
    }

    public let pool: PostgresPool
    public let masterKey: any MasterKeyProvider

    /// A store over the vault's database and master key.
    public init(pool: PostgresPool, masterKey: any MasterKeyProvider) {
        self.pool = pool
        self.masterKey = masterKey
    }

    /// Records a started run with its state, sealed by `seal` under a fresh key wrapped by the master key.
    /// - Parameters:
    ///   - run: the run's facts.
    ///   - seal: seals the state with the key it is given.
    /// - Throws: `PostgresError` (a run id recorded twice violates the key); the master key's errors.
    public func save(_ run: Run, seal: (SymmetricKey) -> Data) async throws {
        let key = SymmetricKey(size: .bits256)
        let sealed = seal(key)
        let wrapped = try await masterKey.wrap(key, context: Self.context(run.runId))
        try await pool.withConnection { conn in
            _ = try await conn.query(
                """
                INSERT INTO pii.match_runs (run_id, partner, programme_id, started_by, persons, file_sha256, sealed_state, wrapped_key, key_id)
                VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9)
                """,
                [
                    run.runId.uuidString.lowercased(), run.partner, run.programmeId, run.startedBy, run.persons, run.fileSHA256,
                    PostgresBytes(Array(sealed)), PostgresBytes(wrapped), masterKey.keyId,
                ])
        }
    }

    /// A run and, while it is open, its sealed state with the key that opens it.
    /// - Parameter runId: the run.
    /// - Returns: the run, and its key and sealed state unless finished.
    /// - Throws: ``PersonalDataError`` `match_run_not_found`; the master key's errors.
    public func open(_ runId: UUID) async throws -> (run: Run, state: (key: SymmetricKey, sealed: Data)?) {
        let row = try await pool.withConnection { conn in
            try await conn.query(
                """
                SELECT partner, programme_id, started_by, persons, file_sha256, sealed_state, wrapped_key, key_id, finished_at IS NOT NULL,
                       to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                FROM pii.match_runs WHERE run_id = $1::uuid
                """, [runId.uuidString.lowercased()]
            ).rows.first
        }
        guard let row else {
            throw PersonalDataError(
                code: .matchRunNotFound, field: "run", rule: "started",
                message: "no cross-match run \(runId.uuidString.lowercased()) was started here: a file from another run or another registry")
        }
        let run = Run(
            runId: runId, partner: try row.decode(String.self, 0), programmeId: try row.decode(String.self, 1), startedBy: try row.decode(String.self, 2),
            startedAt: try row.decode(String.self, 9), persons: try row.decode(Int.self, 3), fileSHA256: try row.decode(String.self, 4),
            isFinished: try row.decode(Bool.self, 8))
        guard !run.isFinished, let sealed = try row.decodeIfPresent(PostgresBytes.self, 5), let wrapped = try row.decodeIfPresent(PostgresBytes.self, 6),
            let keyId = try row.decodeIfPresent(String.self, 7)
        else { return (run, nil) }
        let key = try await masterKey.unwrap(wrapped.bytes, keyId: keyId, context: Self.context(runId))
        return (run, (key, Data(sealed.bytes)))
    }

    /// Finishes a run: records who finished it and how many persons matched, and destroys its state and key.
    /// - Returns: `false` when the run was already finished (nothing changes).
    /// - Throws: `PostgresError`.
    @discardableResult
    public func finish(_ runId: UUID, finishedBy: String, matched: Int) async throws -> Bool {
        try await pool.withConnection { conn in
            let rows = try await conn.query(
                """
                UPDATE pii.match_runs SET sealed_state = NULL, wrapped_key = NULL, key_id = NULL, finished_at = now(), finished_by = $2, matched = $3
                WHERE run_id = $1::uuid AND finished_at IS NULL RETURNING 1
                """, [runId.uuidString.lowercased(), finishedBy, matched])
            return !rows.rows.isEmpty
        }
    }

    static func context(_ runId: UUID) -> String { "match-run:\(runId.uuidString.lowercased())" }
}
