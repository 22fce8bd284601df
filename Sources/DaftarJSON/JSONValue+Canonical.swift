extension JSONValue {
    /// The canonical encoding: the form that ledger hashes and idempotency checks are computed over.
    ///
    /// - Objects: members sorted by key in UTF-8 byte order; no whitespace anywhere.
    /// - Strings: `"` and `\` escaped, control characters below U+0020 written as `\b \f \n \r \t`
    ///   or `\u00xx` (lowercase hex); every other character as raw UTF-8 (`/` is not escaped).
    /// - Numbers: the canonical literal of ``JSONNumber`` (as written, `E` lowered, `+` dropped,
    ///   `-0` as `0`). `1` and `1.0` are equal numbers but different texts.
    /// - `true`, `false`, `null`.
    ///
    /// The same value always gives the same bytes, in any process, on any machine.
    public var canonicalText: String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        appendCanonical(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the canonical encoding (see ``canonicalText``) as UTF-8 to `out`.
    public func appendCanonical(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let b): out.append(contentsOf: Array((b ? "true" : "false").utf8))
        case .number(let n): out.append(contentsOf: Array(n.literal.utf8))
        case .string(let s): JSONValue.appendCanonicalString(s, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (k, e) in elements.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                e.appendCanonical(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (k, key) in keys.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.appendCanonicalString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                members[key]!.appendCanonical(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    static func appendCanonicalString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { utf8 in
            // Most strings need no escaping: copy them whole.
            if !utf8.contains(where: JSONValue.needsEscape) {
                out.append(contentsOf: utf8)
            } else {
                appendEscaped(utf8, to: &out)
            }
        }
        out.append(0x22)
    }

    static func needsEscape(_ b: UInt8) -> Bool {
        b < 0x20 || b == 0x22 || b == 0x5C
    }

    static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        for b in utf8 {
            switch b {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20:
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(b >> 4)], hexDigits[Int(b & 0xF)]])
            default: out.append(b)
            }
        }
    }
}
