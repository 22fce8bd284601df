extension ExchangeFile {
    /// A strict scanner for the JSON of one line: a flat object of strings, integers and booleans
    /// (headers, trailers), or a JSON string (indicators). Small enough to read, and without the
    /// ambiguities of a general decoder (duplicate keys, numbers as doubles).
    struct LineScanner {
        let bytes: UnsafeRawBufferPointer
        var i: Int
        let end: Int

        init(_ bytes: UnsafeRawBufferPointer, from start: Int = 0, to end: Int? = nil) {
            self.bytes = bytes
            i = start
            self.end = end ?? bytes.count
        }

        var atEnd: Bool { i >= end }

        mutating func skipSpace() {
            while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        }

        mutating func take(_ c: UInt8) -> Bool {
            guard i < end, bytes[i] == c else { return false }
            i += 1
            return true
        }

        /// A JSON string starting at the current `"`; `nil` when it is not one (bad escape, raw control
        /// character, unterminated, not UTF-8).
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = i
            // Fast path: no escapes.
            while i < end, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 { i += 1 }
            guard i < end else { return nil }
            if bytes[i] == UInt8(ascii: "\"") {
                let s = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            var out = Array(bytes[start..<i])
            while i < end {
                let c = bytes[i]
                switch c {
                case UInt8(ascii: "\""):
                    i += 1
                    return String(validating: out, as: UTF8.self)
                case 0..<0x20:
                    return nil
                case UInt8(ascii: "\\"):
                    i += 1
                    guard i < end else { return nil }
                    let e = bytes[i]
                    i += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(scalar) {
                            guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex4(), (0xDC00..<0xE000).contains(low) else {
                                return nil
                            }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00..<0xE000).contains(scalar) {
                            return nil
                        }
                        guard let u = Unicode.Scalar(scalar) else { return nil }
                        out.append(contentsOf: Array(String(Character(u)).utf8))
                    default: return nil
                    }
                default:
                    out.append(c)
                    i += 1
                }
            }
            return nil
        }

        private mutating func hex4() -> UInt32? {
            guard i + 4 <= end else { return nil }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[i]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: return nil
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }

        /// A non-negative integer without sign, fraction or exponent, at most 15 digits.
        mutating func integer() -> Int? {
            let start = i
            while i < end, (0x30...0x39).contains(bytes[i]) { i += 1 }
            let n = i - start
            guard (1...15).contains(n), n == 1 || bytes[start] != 0x30 else { return nil }
            var v = 0
            for k in start..<i { v = v * 10 + Int(bytes[k] - 0x30) }
            return v
        }

        /// A flat object `{"key":value,…}` filling the whole range; `nil` when it is not one, or repeats a key.
        mutating func flatObject() -> [String: HeaderValue]? {
            skipSpace()
            guard take(UInt8(ascii: "{")) else { return nil }
            var fields: [String: HeaderValue] = [:]
            skipSpace()
            if take(UInt8(ascii: "}")) { return trailingSpaceOnly() ? fields : nil }
            while true {
                skipSpace()
                guard let key = string() else { return nil }
                skipSpace()
                guard take(UInt8(ascii: ":")) else { return nil }
                skipSpace()
                guard i < end else { return nil }
                let value: HeaderValue
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    guard let s = string() else { return nil }
                    value = .string(s)
                case 0x30...0x39:
                    guard let n = integer() else { return nil }
                    value = .int(n)
                case UInt8(ascii: "t"), UInt8(ascii: "f"):
                    if literal("true") {
                        value = .bool(true)
                    } else if literal("false") {
                        value = .bool(false)
                    } else {
                        return nil
                    }
                default: return nil
                }
                guard fields.updateValue(value, forKey: key) == nil else { return nil }
                skipSpace()
                if take(UInt8(ascii: ",")) { continue }
                guard take(UInt8(ascii: "}")) else { return nil }
                return trailingSpaceOnly() ? fields : nil
            }
        }

        private mutating func literal(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard i + w.count <= end else { return false }
            for (k, c) in w.enumerated() where bytes[i + k] != c { return false }
            i += w.count
            return true
        }

        private mutating func trailingSpaceOnly() -> Bool {
            skipSpace()
            return atEnd
        }
    }
}
