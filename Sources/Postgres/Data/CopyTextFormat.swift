/// Builds rows in the text format of `COPY … FROM STDIN` (tab-separated, `\N` for NULL).
public struct CopyTextRow {
    /// The row's bytes so far.
    public private(set) var bytes: [UInt8] = []
    private var fields = 0

    /// An empty row.
    public init() { bytes.reserveCapacity(512) }

    /// Appends a field, escaping backslash, tab, newline and carriage return; `nil` is NULL.
    public mutating func append(_ value: String?) {
        if fields > 0 { bytes.append(0x09) }
        fields += 1
        guard var text = value else {
            bytes.append(contentsOf: [0x5C, UInt8(ascii: "N")])
            return
        }
        text.withUTF8 { (utf8: UnsafeBufferPointer<UInt8>) -> Void in
            // Most fields need no escaping: copy them whole.
            if !utf8.contains(where: CopyTextRow.needsEscape) {
                bytes.append(contentsOf: utf8)
                return
            }
            for b in utf8 {
                switch b {
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                default: bytes.append(b)
                }
            }
        }
    }

    static func needsEscape(_ b: UInt8) -> Bool {
        b == 0x5C || b == 0x09 || b == 0x0A || b == 0x0D
    }

    /// Appends a value by its PostgreSQL text form.
    public mutating func append(_ value: (any PostgresEncodable)?) {
        append(value?.postgresText)
    }

    /// The row with its terminating newline.
    public var line: [UInt8] { bytes + [0x0A] }
}
