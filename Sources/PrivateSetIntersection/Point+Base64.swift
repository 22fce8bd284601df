extension Point {
    static let base64Alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    /// Maps an ASCII byte to its 6-bit value, or 0xFF.
    static let base64Values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in base64Alphabet.enumerated() { table[Int(c)] = UInt8(i) }
        return table
    }()

    /// The length of a point in base64: 32 bytes are 43 characters and one `=`.
    static let base64Length = 44

    /// The 32 bytes in standard base64 (RFC 4648 §4, with padding): 44 characters ending in `=`.
    public var base64: String { String(decoding: base64Bytes, as: UTF8.self) }

    /// ``base64`` as ASCII bytes.
    var base64Bytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(Self.base64Length)
        appendBase64(to: &out)
        return out
    }

    /// Appends the 44 base64 characters to `out`.
    func appendBase64(to out: inout [UInt8]) {
        withUnsafeBytes { raw in
            let a = Self.base64Alphabet
            var i = 0
            while i + 3 <= 32 {
                let n = UInt32(raw[i]) << 16 | UInt32(raw[i + 1]) << 8 | UInt32(raw[i + 2])
                out.append(a[Int(n >> 18 & 63)])
                out.append(a[Int(n >> 12 & 63)])
                out.append(a[Int(n >> 6 & 63)])
                out.append(a[Int(n & 63)])
                i += 3
            }
            // Two bytes left: three characters and one pad.
            let n = UInt32(raw[30]) << 16 | UInt32(raw[31]) << 8
            out.append(a[Int(n >> 18 & 63)])
            out.append(a[Int(n >> 12 & 63)])
            out.append(a[Int(n >> 6 & 63)])
            out.append(UInt8(ascii: "="))
        }
    }

    /// A point from its base64 form.
    ///
    /// Strict: exactly 44 characters of the standard alphabet with one `=` of padding, and the
    /// canonical encoding (the unused low bits of the last character are zero), so that every point
    /// has one spelling.
    ///
    /// - Parameter base64: the text.
    /// - Returns: `nil` when the text is not the canonical base64 of 32 bytes.
    public init?(base64: some StringProtocol) {
        let utf8 = Array(base64.utf8)
        guard let p = utf8.withUnsafeBytes({ Point(base64Bytes: $0) }) else { return nil }
        self = p
    }

    /// Decodes 44 ASCII bytes (see ``init(base64:)``).
    init?(base64Bytes s: UnsafeRawBufferPointer) {
        guard s.count == Self.base64Length, s[43] == UInt8(ascii: "=") else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let ok = Self.base64Values.withUnsafeBufferPointer { v in
            withUnsafeMutableBytes(of: &words) { out -> Bool in
                var o = 0
                var i = 0
                while i < 40 {
                    let a = v[Int(s[i])], b = v[Int(s[i + 1])], c = v[Int(s[i + 2])], d = v[Int(s[i + 3])]
                    guard (a | b | c | d) & 0xC0 == 0 else { return false }
                    let n = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    out[o] = UInt8(n >> 16 & 0xFF)
                    out[o + 1] = UInt8(n >> 8 & 0xFF)
                    out[o + 2] = UInt8(n & 0xFF)
                    o += 3
                    i += 4
                }
                let a = v[Int(s[40])], b = v[Int(s[41])], c = v[Int(s[42])]
                guard (a | b | c) & 0xC0 == 0, c & 0x03 == 0 else { return false }
                let n = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6
                out[30] = UInt8(n >> 16 & 0xFF)
                out[31] = UInt8(n >> 8 & 0xFF)
                return true
            }
        }
        guard ok else { return nil }
        self.init(littleEndianWords: words)
    }
}
