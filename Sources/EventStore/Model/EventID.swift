/// Event ids: random (version 4) UUIDs in lowercase text.
enum EventID {
    private static let hex = Array("0123456789abcdef".utf8)

    /// A new random id, e.g. `3f2504e0-4f89-41d3-9a0c-0305e82c3301`.
    static func random() -> String {
        var g = SystemRandomNumberGenerator()
        var a = g.next() as UInt64
        var b = g.next() as UInt64
        a = (a & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        b = (b & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        var out = [UInt8](repeating: 0x2D, count: 36)
        var i = 0
        for (n, word) in [a, b].enumerated() {
            for shift in stride(from: 60, through: 0, by: -4) {
                if i == 8 || i == 13 || i == 18 || i == 23 { i += 1 }
                out[i] = hex[Int((word >> UInt64(shift)) & 0xF)]
                i += 1
            }
            _ = n
        }
        return String(decoding: out, as: UTF8.self)
    }
}
