import Crypto
import DaftarJSON
import Foundation
import Postgres

/// A signed statement that ledger entries `fromSeq…toSeq` had these event hashes (their Merkle
/// root) and this chain head, kept in the database and exported for auditors to keep elsewhere.
public struct Seal: Sendable, Equatable {
    /// The seal's number (1, 2, 3 …); seals cover consecutive ranges.
    public let sealNo: Int64
    /// The first ledger entry covered.
    public let fromSeq: Int64
    /// The last ledger entry covered.
    public let toSeq: Int64
    /// The Merkle root of the event hashes of the range (see ``MerkleTree``).
    public let merkleRoot: [UInt8]
    /// The global chain hash at `toSeq`.
    public let chainHead: [UInt8]
    /// When it was signed, microseconds since the Unix epoch.
    public let sealedAtMicros: Int64
    /// The Ed25519 public key that signed it.
    public let publicKey: [UInt8]
    /// The Ed25519 signature over ``message``.
    public let signature: [UInt8]

    /// The exact bytes signed.
    public var message: [UInt8] {
        Array(
            "daftar.seal.v1\n\(sealNo)\n\(fromSeq)\n\(toSeq)\n\(Hex.encode(merkleRoot))\n\(Hex.encode(chainHead))\n\(sealedAtMicros)".utf8)
    }

    /// Whether the signature is valid for the content under `key` (default: the seal's own key).
    public func hasValidSignature(key: [UInt8]? = nil) -> Bool {
        guard let k = try? Curve25519.Signing.PublicKey(rawRepresentation: key ?? publicKey) else { return false }
        return k.isValidSignature(signature, for: message)
    }

    /// The seal as a JSON object, as exported.
    public var json: JSONValue {
        [
            "sealNo": .number(JSONNumber(sealNo)), "fromSeq": .number(JSONNumber(fromSeq)), "toSeq": .number(JSONNumber(toSeq)),
            "merkleRoot": .string(Hex.encode(merkleRoot)), "chainHead": .string(Hex.encode(chainHead)),
            "sealedAt": .string(EventTime.rfc3339(micros: sealedAtMicros)), "sealedAtMicros": .number(JSONNumber(sealedAtMicros)),
            "publicKey": .string(Hex.encode(publicKey)), "signature": .string(Hex.encode(signature)), "algorithm": "Ed25519",
        ]
    }

    /// A seal from its exported JSON.
    /// - Throws: ``EventStoreError`` naming the field that is missing or malformed.
    public init(json: JSONValue, field: String = "seal") throws(EventStoreError) {
        func int(_ k: String) throws(EventStoreError) -> Int64 {
            guard let v = json[k]?.int64Value else { throw EventStoreError.invalid("\(field).\(k)", "type", "must be an integer") }
            return v
        }
        func bytes(_ k: String, _ n: Int) throws(EventStoreError) -> [UInt8] {
            guard let s = json[k]?.stringValue, let b = Hex.decode(s), b.count == n else {
                throw EventStoreError.invalid("\(field).\(k)", "format", "must be \(n) bytes in hex")
            }
            return b
        }
        self.init(
            sealNo: try int("sealNo"), fromSeq: try int("fromSeq"), toSeq: try int("toSeq"), merkleRoot: try bytes("merkleRoot", 32),
            chainHead: try bytes("chainHead", 32), sealedAtMicros: try int("sealedAtMicros"), publicKey: try bytes("publicKey", 32),
            signature: try bytes("signature", 64))
    }

    /// A seal from its parts.
    public init(
        sealNo: Int64, fromSeq: Int64, toSeq: Int64, merkleRoot: [UInt8], chainHead: [UInt8], sealedAtMicros: Int64, publicKey: [UInt8],
        signature: [UInt8]
    ) {
        self.sealNo = sealNo
        self.fromSeq = fromSeq
        self.toSeq = toSeq
        self.merkleRoot = merkleRoot
        self.chainHead = chainHead
        self.sealedAtMicros = sealedAtMicros
        self.publicKey = publicKey
        self.signature = signature
    }
}
