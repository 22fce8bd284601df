/// Splits one line of `COPY … TO STDOUT` text format into fields, undoing its escapes.
public enum CopyTextFields {
    /// The fields of `line` (without its newline); `nil` for `\N`.
    public static func split(_ line: ArraySlice<UInt8>) -> [String?] {
        var fields: [String?] = []
        var current: [UInt8] = []
        var isNull = false
        var i = line.startIndex
        while i < line.endIndex {
            let b = line[i]
            if b == 0x09 {
                fields.append(isNull ? nil : String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
                isNull = false
            } else if b == 0x5C, i + 1 < line.endIndex {
                i += 1
                switch line[i] {
                case UInt8(ascii: "N"): isNull = true
                case UInt8(ascii: "t"): current.append(0x09)
                case UInt8(ascii: "n"): current.append(0x0A)
                case UInt8(ascii: "r"): current.append(0x0D)
                case UInt8(ascii: "b"): current.append(0x08)
                case UInt8(ascii: "f"): current.append(0x0C)
                case UInt8(ascii: "v"): current.append(0x0B)
                default: current.append(line[i])
                }
            } else {
                current.append(b)
            }
            i += 1
        }
        fields.append(isNull ? nil : String(decoding: current, as: UTF8.self))
        return fields
    }

    /// Calls `body` with each complete line of COPY output in `chunk` (chunks end at row boundaries).
    public static func forEachLine(in chunk: [UInt8], _ body: (ArraySlice<UInt8>) throws -> Void) rethrows {
        var start = 0
        for (i, b) in chunk.enumerated() where b == 0x0A {
            try body(chunk[start..<i])
            start = i + 1
        }
    }
}
