/// The `format` values this validator asserts. Other formats are annotations and are not checked.
enum SchemaFormat: String, Sendable {
    /// UTF-8 text being checked, borrowed from the string without copying.
    typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    /// RFC 3339 `full-date`, a real calendar day (`2024-02-29` yes, `2023-02-29` no).
    case date
    /// RFC 3339 `full-time`: a time of day with a mandatory offset.
    case time
    /// RFC 3339 `date-time`.
    case dateTime = "date-time"
    /// RFC 4122 textual form: 8-4-4-4-12 hexadecimal digits, either case.
    case uuid
    /// RFC 5321 mailbox: dot-atom or quoted local part, host name or address literal.
    case email

    /// Human wording for messages.
    var noun: String {
        switch self {
        case .date: return "an RFC 3339 date (YYYY-MM-DD)"
        case .time: return "an RFC 3339 time with offset"
        case .dateTime: return "an RFC 3339 date-time"
        case .uuid: return "a UUID"
        case .email: return "an email address"
        }
    }

    /// Whether `string` is in this format.
    func accepts(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { accepts(utf8: $0[...]) }
    }

    private func accepts(utf8 bytes: Bytes) -> Bool {
        switch self {
        case .date: return bytes.count == 10 && SchemaFormat.fullDate(bytes)
        case .time: return SchemaFormat.fullTime(bytes)
        case .dateTime:
            let s = bytes.startIndex
            guard bytes.count > 11, bytes[s + 10] == UInt8(ascii: "T") || bytes[s + 10] == UInt8(ascii: "t") else {
                return false
            }
            return SchemaFormat.fullDate(bytes[s..<s + 10]) && SchemaFormat.fullTime(bytes[(s + 11)...])
        case .uuid: return SchemaFormat.uuid(bytes)
        case .email: return SchemaFormat.email(bytes)
        }
    }

    // MARK: - RFC 3339

    private static func digits(_ bytes: Bytes, _ start: Int, _ count: Int) -> Int? {
        guard start >= bytes.startIndex, start + count <= bytes.endIndex else { return nil }
        var value = 0
        for b in bytes[start..<start + count] {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
        }
        return value
    }

    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`, exactly ten bytes.
    private static func fullDate(_ b: Bytes) -> Bool {
        let s = b.startIndex
        guard b.count == 10, b[s + 4] == UInt8(ascii: "-"), b[s + 7] == UInt8(ascii: "-"),
            let year = digits(b, s, 4), let month = digits(b, s + 5, 2), let day = digits(b, s + 8, 2)
        else { return false }
        return (1...12).contains(month) && day >= 1 && day <= daysInMonth(month, year: year)
    }

    /// `HH:MM:SS[.frac](Z|±HH:MM)`. A leap second (`:60`) is accepted only at 23:59 UTC.
    private static func fullTime(_ b: Bytes) -> Bool {
        let s = b.startIndex
        guard b.count >= 9, b[s + 2] == UInt8(ascii: ":"), b[s + 5] == UInt8(ascii: ":"),
            let hour = digits(b, s, 2), let minute = digits(b, s + 3, 2), let second = digits(b, s + 6, 2),
            hour <= 23, minute <= 59, second <= 60
        else { return false }
        var i = s + 8
        if b[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < b.endIndex, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
            guard i > fractionStart else { return false }
        }
        guard i < b.endIndex else { return false }
        var offsetMinutes = 0
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard i + 1 == b.endIndex else { return false }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard i + 6 == b.endIndex, b[i + 3] == UInt8(ascii: ":"),
                let oh = digits(b, i + 1, 2), let om = digits(b, i + 4, 2), oh <= 23, om <= 59
            else { return false }
            offsetMinutes = (oh * 60 + om) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return false
        }
        if second == 60 {
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    // MARK: - UUID

    private static func isHex(_ b: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(b)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(b)
    }

    private static func uuid(_ b: Bytes) -> Bool {
        guard b.count == 36 else { return false }
        for (i, c) in b.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                guard c == UInt8(ascii: "-") else { return false }
            } else if !isHex(c) {
                return false
            }
        }
        return true
    }

    // MARK: - Email

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
    }

    private static func email(_ b: Bytes) -> Bool {
        guard let at = b.lastIndex(of: UInt8(ascii: "@")), at > b.startIndex, at < b.endIndex - 1 else { return false }
        return localPart(b[..<at]) && domain(b[(at + 1)...])
    }

    private static func localPart(_ b: Bytes) -> Bool {
        guard b.count <= 64 else { return false }
        if b.first == UInt8(ascii: "\"") {
            guard b.count >= 2, b.last == UInt8(ascii: "\"") else { return false }
            var i = b.startIndex + 1
            let end = b.endIndex - 1
            while i < end {
                let c = b[i]
                if c == UInt8(ascii: "\\") {
                    guard i + 1 < end, (32...126).contains(b[i + 1]) else { return false }
                    i += 2
                    continue
                }
                guard (32...126).contains(c), c != UInt8(ascii: "\"") else { return false }
                i += 1
            }
            return true
        }
        let atext = Array("!#$%&'*+-/=?^_`{|}~".utf8)
        var previousWasDot = true
        for c in b {
            if c == UInt8(ascii: ".") {
                guard !previousWasDot else { return false }
                previousWasDot = true
            } else {
                guard isAlphanumeric(c) || atext.contains(c) else { return false }
                previousWasDot = false
            }
        }
        return !previousWasDot
    }

    private static func domain(_ b: Bytes) -> Bool {
        if b.first == UInt8(ascii: "[") {
            guard b.last == UInt8(ascii: "]"), b.count > 2 else { return false }
            let inner = b[(b.startIndex + 1)..<(b.endIndex - 1)]
            let ipv6Prefix = Array("IPv6:".utf8)
            if inner.starts(with: ipv6Prefix) {
                return ipv6(inner.dropFirst(ipv6Prefix.count))
            }
            return ipv4(inner)
        }
        guard b.count <= 253 else { return false }
        let labels = b.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        for label in labels {
            guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                label.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        return true
    }

    private static func ipv4(_ b: Bytes) -> Bool {
        let parts = b.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard (1...3).contains(part.count), part.count == 1 || part.first != UInt8(ascii: "0"),
                let value = digits(part, part.startIndex, part.count), value <= 255
            else { return false }
        }
        return true
    }

    private static func ipv6(_ b: Bytes) -> Bool {
        var text = b
        var groupsAvailable = 8
        // A trailing dotted IPv4 address stands for the last two groups.
        if let lastColon = text.lastIndex(of: UInt8(ascii: ":")), text[(lastColon + 1)...].contains(UInt8(ascii: ".")) {
            guard ipv4(text[(lastColon + 1)...]) else { return false }
            // Keep the colon when it is the second half of a `::` (as in `::ffff:1.2.3.4` → `::ffff`, `::1.2.3.4` → `::`).
            let before = text[..<lastColon]
            text = before.last == UInt8(ascii: ":") ? text[...lastColon] : before
            groupsAvailable = 6
        }
        let parts = text.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        func validGroup(_ g: Bytes) -> Bool { (1...4).contains(g.count) && g.allSatisfy(isHex) }
        let doubleColons = (0..<max(0, text.count - 1)).filter {
            text[text.startIndex + $0] == UInt8(ascii: ":") && text[text.startIndex + $0 + 1] == UInt8(ascii: ":")
        }
        if doubleColons.isEmpty {
            return parts.count == groupsAvailable && parts.allSatisfy(validGroup)
        }
        guard doubleColons.count == 1 else { return false }
        let split = text.startIndex + doubleColons[0]
        let head = text[..<split]
        let tail = text[(split + 2)...]
        let headGroups = head.isEmpty ? [] : head.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        let tailGroups = tail.isEmpty ? [] : tail.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        return headGroups.allSatisfy(validGroup) && tailGroups.allSatisfy(validGroup)
            && headGroups.count + tailGroups.count < groupsAvailable
    }
}
