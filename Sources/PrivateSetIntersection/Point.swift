/// A 32-byte X25519 u-coordinate (RFC 7748, little-endian): a hashed national id, or one blinded once
/// or twice.
///
/// Held as four 64-bit words so that a million of them are one flat array, compare in four
/// instructions and hash fast as dictionary keys. Equality is byte equality.
public struct Point: Hashable, Sendable {
    // The 32 bytes as four little-endian words: bytes 0–7 in w0, … bytes 24–31 in w3.
    var w0: UInt64
    var w1: UInt64
    var w2: UInt64
    var w3: UInt64

    /// The point from exactly 32 bytes.
    ///
    /// - Parameter bytes: the u-coordinate, little-endian as RFC 7748 encodes it.
    /// - Returns: `nil` when `bytes` does not hold exactly 32 bytes.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        self.init(littleEndianWords: words)
    }

    init(littleEndianWords words: (UInt64, UInt64, UInt64, UInt64)) {
        w0 = UInt64(littleEndian: words.0)
        w1 = UInt64(littleEndian: words.1)
        w2 = UInt64(littleEndian: words.2)
        w3 = UInt64(littleEndian: words.3)
    }

    /// Reads 32 bytes from raw memory (which must hold at least 32).
    init(unsafeBytes raw: UnsafeRawBufferPointer) {
        precondition(raw.count >= 32)
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[0..<32])) }
        self.init(littleEndianWords: words)
    }

    /// Calls `body` with the 32 bytes, little-endian.
    ///
    /// - Parameter body: reads the bytes; they are valid only during the call.
    /// - Returns: what `body` returns.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var words = (w0.littleEndian, w1.littleEndian, w2.littleEndian, w3.littleEndian)
        return try Swift.withUnsafeBytes(of: &words) { try body($0) }
    }

    /// The 32 bytes, little-endian.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Whether all 32 bytes are zero: what X25519 yields for a low-order input.
    public var isZero: Bool { (w0 | w1 | w2 | w3) == 0 }

    /// The X25519 base point, u = 9. `X25519(k, basepoint)` is the public key of the scalar `k`.
    public static let basepoint = Point(littleEndianWords: (UInt64(9).littleEndian, 0, 0, 0))

    /// The bytes as 64 lowercase hex digits.
    public var hex: String {
        withUnsafeBytes { ExchangeFile.hex($0) }
    }
}
