import Crypto
import Foundation
import Postgres

/// The Ed25519 key that signs seals, kept in the data folder (`keys/seal.ed25519`, hex, mode 0600).
public struct SealingKey: Sendable {
    let privateKey: Curve25519.Signing.PrivateKey

    /// The 32-byte public key auditors verify seals with.
    public var publicKey: [UInt8] { Array(privateKey.publicKey.rawRepresentation) }

    /// A key from its 32 raw bytes.
    public init(rawRepresentation: [UInt8]) throws {
        privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: rawRepresentation)
    }

    /// A new random key.
    public init() {
        privateKey = Curve25519.Signing.PrivateKey()
    }

    /// Where the key lives in a data folder.
    public static func path(home: String) -> String { "\(home)/keys/seal.ed25519" }

    /// The data folder's key, created on first use.
    /// - Throws: when the file cannot be read or written, or holds no valid key.
    public static func loadOrCreate(home: String) throws -> SealingKey {
        if let key = try load(home: home) { return key }
        let key = SealingKey()
        let fm = FileManager.default
        try fm.createDirectory(atPath: "\(home)/keys", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let raw = Hex.encode(key.privateKey.rawRepresentation)
        guard fm.createFile(atPath: path(home: home), contents: Data(raw.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw EventStoreError(code: .invalidInput, message: "cannot write the sealing key to \(path(home: home))")
        }
        return key
    }

    /// The data folder's key, or `nil` when there is none yet.
    public static func load(home: String) throws -> SealingKey? {
        guard let data = FileManager.default.contents(atPath: path(home: home)) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let raw = Hex.decode(text), raw.count == 32 else {
            throw EventStoreError(code: .invalidInput, message: "\(path(home: home)) does not hold a 32-byte Ed25519 key in hex")
        }
        return try SealingKey(rawRepresentation: raw)
    }

    func sign(_ message: [UInt8]) throws -> [UInt8] {
        Array(try privateKey.signature(for: message))
    }
}

/// Creating and reading seals.
public enum LedgerSeals {
    /// Seals every ledger entry after the last seal, if there are any.
    /// - Parameters:
    ///   - connection: a connection (writer or owner).
    ///   - key: the signing key.
    /// - Returns: the new seal, or `nil` when nothing is unsealed.
    public static func seal(on connection: PostgresConnection, key: SealingKey) async throws -> Seal? {
        try await connection.transaction { conn in
            let last = try await conn.query("SELECT seal_no, to_seq FROM event_store.seals ORDER BY seal_no DESC LIMIT 1").first
            let sealNo = (try last?.decode(Int64.self, 0) ?? 0) + 1
            let fromSeq = (try last?.decode(Int64.self, 1) ?? 0) + 1
            let tail = try await LedgerSequencer.tail(on: conn)
            guard tail.ledgerSeq >= fromSeq else { return nil }
            let hashes = try await conn.query(
                "SELECT event_hash FROM event_store.ledger WHERE ledger_seq BETWEEN $1 AND $2 ORDER BY ledger_seq", [fromSeq, tail.ledgerSeq])
            let leaves = try hashes.rows.map { try $0.decode(PostgresBytes.self, 0).bytes }
            guard leaves.count == Int(tail.ledgerSeq - fromSeq + 1) else {
                throw EventStoreError(code: .database, message: "ledger entries \(fromSeq)–\(tail.ledgerSeq) are not all present; run daftar verify")
            }
            let now = try await conn.query("SELECT event_store.micros(now())").first!.decode(Int64.self, 0)
            var seal = Seal(
                sealNo: sealNo, fromSeq: fromSeq, toSeq: tail.ledgerSeq, merkleRoot: MerkleTree.root(leaves), chainHead: tail.chainHash,
                sealedAtMicros: now, publicKey: key.publicKey, signature: [UInt8](repeating: 0, count: 64))
            seal = Seal(
                sealNo: seal.sealNo, fromSeq: seal.fromSeq, toSeq: seal.toSeq, merkleRoot: seal.merkleRoot, chainHead: seal.chainHead,
                sealedAtMicros: seal.sealedAtMicros, publicKey: seal.publicKey, signature: try key.sign(seal.message))
            try await conn.query(
                """
                INSERT INTO event_store.seals (seal_no, from_seq, to_seq, merkle_root, chain_head, sealed_at_us, public_key, signature)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """,
                [seal.sealNo, seal.fromSeq, seal.toSeq, PostgresBytes(seal.merkleRoot), PostgresBytes(seal.chainHead), seal.sealedAtMicros,
                 PostgresBytes(seal.publicKey), PostgresBytes(seal.signature)])
            return seal
        }
    }

    /// The seals in the database whose range ends at or after `fromSeq`, in order.
    /// - Parameter schema: `event_store`, or `audit` for a reader with only the auditor's rights.
    public static func seals(on connection: PostgresConnection, fromSeq: Int64 = 1, schema: String = "event_store") async throws -> [Seal] {
        let r = try await connection.query(
            """
            SELECT seal_no, from_seq, to_seq, merkle_root, chain_head, sealed_at_us, public_key, signature
            FROM \(schema).seals WHERE to_seq >= $1 ORDER BY seal_no
            """, [fromSeq])
        return try r.rows.map { row in
            Seal(
                sealNo: try row.decode(Int64.self, 0), fromSeq: try row.decode(Int64.self, 1), toSeq: try row.decode(Int64.self, 2),
                merkleRoot: try row.decode(PostgresBytes.self, 3).bytes, chainHead: try row.decode(PostgresBytes.self, 4).bytes,
                sealedAtMicros: try row.decode(Int64.self, 5), publicKey: try row.decode(PostgresBytes.self, 6).bytes,
                signature: try row.decode(PostgresBytes.self, 7).bytes)
        }
    }
}
