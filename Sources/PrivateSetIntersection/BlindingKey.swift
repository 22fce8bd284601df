import Crypto
import Foundation

/// One side's secret scalar for one run: `blind(u) = X25519(k, u)`.
///
/// Blinding commutes: X25519 clamps every scalar (clears its low three bits and its top bit, sets bit
/// 254), so both scalars are multiples of the cofactor 8 and `X25519(a, X25519(b, u)) == X25519(b,
/// X25519(a, u))` for every u on the curve or its twist. Doubly-blinded values are therefore equal
/// exactly when the ids are (up to SHA-256 collisions), while a singly-blinded value reveals nothing
/// of the id to anyone without the scalar (the decisional Diffie–Hellman assumption).
///
/// A key is made fresh for every run and never reused: reuse would let the other side link a
/// person's tokens across runs. The registry keeps its key between sending its file and reading the
/// partner's answer (``RegistryRun/State``); the partner's key lives only in memory for the run.
public struct BlindingKey: Sendable {
    let key: Curve25519.KeyAgreement.PrivateKey

    /// A fresh random key (from the system's secure generator, through swift-crypto).
    public init() {
        key = Curve25519.KeyAgreement.PrivateKey()
    }

    /// A key restored from its 32 secret bytes (``secret``).
    ///
    /// - Parameter secret: the 32 bytes; X25519 clamps them when used.
    /// - Throws: ``MatchError`` `invalid_state` when `secret` is not 32 bytes.
    public init(secret: some ContiguousBytes) throws(MatchError) {
        do {
            key = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: secret)
        } catch {
            throw MatchError(.invalidState, field: "secret", "a blinding key is 32 bytes")
        }
    }

    /// The 32 secret bytes. Whoever holds them can blind as this side: persist them only encrypted
    /// (``RegistryRun/State/sealed(with:)``) and never send them.
    public var secret: Data { key.rawRepresentation }

    /// `X25519(k, 9)`, the public key of the scalar: safe to publish, it does not reveal `k`.
    public var publicPoint: Point {
        Point(bytes: key.publicKey.rawRepresentation)!
    }

    /// The key's fingerprint: SHA-256 of ``publicPoint``'s 32 bytes, 64 lowercase hex digits.
    ///
    /// Written in each exchange file's header so that a reply computed for another key (another run, a
    /// restored wrong state) is refused, and so that both sides can record which keys a run used.
    public var fingerprint: String {
        ExchangeFile.hex(SHA256.hash(data: key.publicKey.rawRepresentation))
    }

    /// `X25519(k, point)`.
    ///
    /// - Parameter point: a u-coordinate (a hashed id, or a value the other side blinded).
    /// - Returns: the blinded point.
    /// - Throws: ``MatchError`` `low_order_point` when the result is all zeros, which happens exactly
    ///   when `point` has small order. swift-crypto does not refuse that output (it follows CryptoKit),
    ///   so we check. For a hashed id the probability is about 2^−250; from a file it means a crafted
    ///   file, and a zero result must never be compared, since every low-order input gives the same zero.
    @inline(__always)
    public func blind(_ point: Point) throws(MatchError) -> Point {
        let result: Point
        do {
            let share = try point.withUnsafeBytes { try Curve25519.KeyAgreement.PublicKey(rawRepresentation: $0) }
            let secret = try key.sharedSecretFromKeyAgreement(with: share)
            result = secret.withUnsafeBytes { Point(unsafeBytes: $0) }
        } catch {
            throw MatchError(.lowOrderPoint, "X25519 refused the point: \(error)")
        }
        guard !result.isZero else {
            throw MatchError(.lowOrderPoint, "the point has small order: X25519 gives all zeros")
        }
        return result
    }
}
