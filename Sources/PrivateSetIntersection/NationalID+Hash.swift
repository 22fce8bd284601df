import Crypto

extension NationalID {
    /// The domain separator hashed before every id: a hash of a national id for matching can never be
    /// confused with a hash of the same digits made for another purpose (such as DESIGN.md §4's keyed
    /// hashes), and version 2 of the protocol can change it.
    public static let hashDomain = "daftar-psi-v1|"

    /// H(id): the curve point of a normalised id, `SHA-256("daftar-psi-v1|" + id)` with the top bit of the
    /// last byte cleared, read as an X25519 u-coordinate.
    ///
    /// Why the top bit: RFC 7748 §5 has X25519 ignore the most significant bit of the u-coordinate
    /// (implementations must mask it), so two hashes differing only there would be the same point.
    /// Clearing it ourselves makes H's output exactly the point the curve uses, and lets the Python
    /// cross-check and any other implementation compare H's bytes directly. (The remaining 255 bits are
    /// taken mod 2^255 − 19; the 19 values at or above p occur with probability 2^−250.)
    ///
    /// About half of all u-coordinates lie on the curve and half on its quadratic twist; X25519 works on
    /// both (the twist of Curve25519 is secure too), and clamped scalars, multiples of 8, commute on
    /// either, so the protocol does not need to hash onto the curve proper.
    ///
    /// - Parameter normalized: an id from ``normalize(_:rule:)``.
    /// - Returns: the point.
    public static func point(normalized: String) -> Point {
        var hasher = SHA256()
        hasher.update(data: Array(hashDomain.utf8))
        hasher.update(data: Array(normalized.utf8))
        let digest = hasher.finalize()
        return digest.withUnsafeBytes { raw in
            var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &words) { w in
                w.copyMemory(from: raw)
                w[31] &= 0x7F
            }
            return Point(littleEndianWords: words)
        }
    }

    /// H(normalize(raw)): the point of an id as written.
    ///
    /// - Parameters:
    ///   - raw: the id as written.
    ///   - rule: the length rule.
    /// - Returns: the point.
    /// - Throws: ``MatchError`` `invalid_national_id` as ``normalize(_:rule:)``.
    public static func point(_ raw: String, rule: Rule = .iraqUnifiedCard) throws(MatchError) -> Point {
        point(normalized: try normalize(raw, rule: rule))
    }
}
