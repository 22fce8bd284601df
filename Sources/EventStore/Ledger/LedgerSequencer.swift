import Crypto
import Postgres

/// Stamps events with the gapless `ledger_seq` and extends the global hash chain (DESIGN.md §3.5).
///
/// Works behind the transaction horizon in the readers' `(xid, position)` order, so the ledger
/// order is the order every reader sees. One process at a time leads: leadership is a
/// session-level advisory lock held by the leader's connection, released by PostgreSQL when that
/// connection ends, so any other `daftar` process can take over. Each batch is one transaction;
/// the database also refuses any insert that would leave a hole (`DF011`).
public final class LedgerSequencer: Sendable {
    /// The advisory lock key that elects the leader ("daftar ledger").
    public static let leaderLockKey: Int64 = 0x6461_6674_6172_0001

    let conninfo: String
    let batchSize: Int

    /// A sequencer for the database at `conninfo`.
    /// - Parameters:
    ///   - conninfo: the libpq URI (a role with `daftar_writer` rights or the owner).
    ///   - batchSize: events stamped per transaction.
    public init(conninfo: String, batchSize: Int = 10_000) {
        self.conninfo = conninfo
        self.batchSize = max(1, batchSize)
    }

    /// The last ledger entry: its sequence number, chain hash and the event's reading checkpoint.
    public struct Tail: Sendable, Equatable {
        /// The last `ledger_seq` (0 when the ledger is empty).
        public let ledgerSeq: Int64
        /// The chain hash after it (32 zero bytes when empty).
        public let chainHash: [UInt8]
        /// The readers' checkpoint of the last stamped event.
        public let checkpoint: Checkpoint
    }

    /// Tries to become the leader on `connection` (a session lock: keep the connection for as long as you lead).
    /// - Returns: whether this connection now leads.
    public static func tryLead(on connection: PostgresConnection) async throws -> Bool {
        try await connection.query("SELECT pg_try_advisory_lock($1)", [leaderLockKey]).first?.decode(Bool.self, 0) ?? false
    }

    /// The ledger's tail.
    /// - Parameter schema: `event_store`, or `audit` for a reader with only the auditor's rights.
    public static func tail(on connection: PostgresConnection, schema: String = "event_store") async throws -> Tail {
        let r = try await connection.query(
            "SELECT ledger_seq, chain_hash, xid::text, position FROM \(schema).ledger ORDER BY ledger_seq DESC LIMIT 1")
        guard let row = r.first else { return Tail(ledgerSeq: 0, chainHash: EventHash.zero, checkpoint: .start) }
        return Tail(
            ledgerSeq: try row.decode(Int64.self, 0), chainHash: try row.decode(PostgresBytes.self, 1).bytes,
            checkpoint: Checkpoint(xid: UInt64(try row.decode(String.self, 2)) ?? 0, position: try row.decode(Int64.self, 3)))
    }

    /// The global chain's next link: SHA-256 of the previous link followed by the event's hash.
    public static func chain(_ previous: [UInt8], _ eventHash: [UInt8]) -> [UInt8] {
        var h = SHA256()
        h.update(data: previous)
        h.update(data: eventHash)
        return Array(h.finalize())
    }

    /// Stamps one batch of readable, unstamped events on the leader's connection.
    /// - Parameter connection: a connection that holds the leader lock (see ``tryLead(on:)``).
    /// - Returns: how many events were stamped (0 when caught up).
    /// - Throws: ``PostgresError`` (e.g. `DF011` if another writer raced it; nothing is kept then).
    public func stampBatch(on connection: PostgresConnection) async throws -> Int {
        try await Self.stampBatch(on: connection, batchSize: batchSize)
    }

    /// Stamps one batch of at most `batchSize` readable, unstamped events on the leader's connection.
    static func stampBatch(on connection: PostgresConnection, batchSize: Int) async throws -> Int {
        try await connection.transaction { conn in
            let tail = try await LedgerSequencer.tail(on: conn)
            let events = try await conn.query(
                """
                SELECT e.position, e.xid::text, e.recorded_at::text, e.hash
                FROM event_store.events e
                WHERE (e.xid, e.position) > ($1::xid8, $2::bigint)
                  AND e.xid < pg_snapshot_xmin(pg_current_snapshot())
                ORDER BY e.xid, e.position
                LIMIT $3
                """, [String(tail.checkpoint.xid), tail.checkpoint.position, batchSize])
            guard events.count > 0 else { return 0 }
            var seq = tail.ledgerSeq
            var chain = tail.chainHash
            try await conn.copyIn("COPY event_store.ledger (ledger_seq, position, xid, recorded_at, event_hash, chain_hash) FROM STDIN") { w in
                var chunk: [UInt8] = []
                for row in events.rows {
                    let hash = try row.decode(PostgresBytes.self, 3).bytes
                    seq += 1
                    chain = LedgerSequencer.chain(chain, hash)
                    var r = CopyTextRow()
                    r.append(seq)
                    r.append(try row.decode(Int64.self, 0))
                    r.append(try row.decode(String.self, 1))
                    r.append(try row.decode(String.self, 2))
                    r.append(PostgresBytes(hash))
                    r.append(PostgresBytes(chain))
                    chunk += r.bytes
                    chunk.append(0x0A)
                }
                try await w.write(chunk)
            }
            return events.count
        }
    }

    /// Stamps until caught up with the horizon, if this process can lead.
    /// - Parameter progress: called with the running total after each batch.
    /// - Returns: how many events were stamped, or `nil` when another process leads.
    public func catchUp(progress: (Int) -> Void = { _ in }) async throws -> Int? {
        let conn = try await PostgresConnection.connect(conninfo)
        defer { Task { await conn.close() } }
        let total = try await Self.catchUp(on: conn, batchSize: batchSize, progress: progress)
        await conn.close()
        return total
    }

    /// Stamps until caught up with the horizon on `connection`, if it can lead: takes the leader lock,
    /// stamps batch after batch until one finds nothing, then releases the lock (also when a batch fails).
    /// - Parameters:
    ///   - connection: a connection outside any transaction; it holds the leader lock only while this runs.
    ///   - batchSize: events stamped per transaction.
    ///   - progress: called with the running total after each batch.
    /// - Returns: how many events were stamped, or `nil` when another process leads.
    /// - Throws: ``PostgresError`` from a batch (nothing of that batch is kept) or from releasing the lock.
    public static func catchUp(
        on connection: PostgresConnection, batchSize: Int = 10_000, progress: (Int) -> Void = { _ in }
    ) async throws -> Int? {
        guard try await tryLead(on: connection) else { return nil }
        var total = 0
        do {
            while true {
                let n = try await stampBatch(on: connection, batchSize: max(1, batchSize))
                total += n
                progress(total)
                if n == 0 { break }
            }
        } catch {
            _ = try? await connection.query("SELECT pg_advisory_unlock($1)", [leaderLockKey])
            throw error
        }
        _ = try await connection.query("SELECT pg_advisory_unlock($1)", [leaderLockKey])
        return total
    }

    /// Leads (or waits to lead) and stamps as events become readable, until the task is cancelled.
    ///
    /// When the leader's connection fails, the loop reconnects and competes for leadership again.
    /// - Parameter pollInterval: how often to look for new events and to retry leadership.
    public func run(pollInterval: Duration = .milliseconds(500)) async {
        while !Task.isCancelled {
            do {
                let conn = try await PostgresConnection.connect(conninfo)
                if try await LedgerSequencer.tryLead(on: conn) {
                    while !Task.isCancelled {
                        if try await stampBatch(on: conn) == 0 {
                            try await Task.sleep(for: pollInterval)
                        }
                    }
                }
                await conn.close()
            } catch {
                // Connection lost or batch refused: nothing of the batch was kept; compete again.
            }
            try? await Task.sleep(for: pollInterval)
        }
    }
}
