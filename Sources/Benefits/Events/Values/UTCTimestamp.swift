import DaftarJSON
import EventStore

/// A UTC instant as the catalogue writes it: `YYYY-MM-DDThh:mm:ss[.f…]Z`, up to six fractional digits.
///
/// Kept as its parts, including how many fractional digits were written, so that a timestamp read
/// from a payload is written back exactly (`…:09.125Z` stays `…:09.125Z`). Two timestamps are equal
/// when their text is; compare instants with ``microsecondsSinceEpoch``.
public struct UTCTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible, JSONConvertible {
    /// The UTC calendar date.
    public let date: BusinessDate
    /// Hour 0–23.
    public let hour: Int
    /// Minute 0–59.
    public let minute: Int
    /// Second 0–60 (60 only for a leap second at 23:59).
    public let second: Int
    /// The fraction of the second in microseconds, 0–999999.
    public let microsecond: Int
    /// How many fractional digits the text has, 0–6.
    public let fractionDigits: Int

    /// Reads a timestamp written `YYYY-MM-DDThh:mm:ss[.f{1,6}]Z`.
    /// - Throws: ``EventDecodingError`` with rule `type` for a non-string, `format` for any other text.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        guard case .string(let text) = json else { throw .wrongType(pointer, expected: "timestamp string", found: json) }
        guard let parsed = UTCTimestamp(text: text) else {
            throw .invalid(pointer, "format", "must be a UTC timestamp written YYYY-MM-DDThh:mm:ss[.ffffff]Z")
        }
        self = parsed
    }

    /// Parses `YYYY-MM-DDThh:mm:ss[.f{1,6}]Z`, or returns `nil`.
    /// - Parameter text: the timestamp.
    public init?(text: String) {
        let b = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= b.count else { return nil }
            var value = 0
            for i in start..<start + count {
                guard b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(b[i] - UInt8(ascii: "0"))
            }
            return value
        }
        guard b.count >= 20, b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            b.last == UInt8(ascii: "Z"), let date = try? BusinessDate(parsing: String(decoding: b[0..<10], as: UTF8.self)),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            hour <= 23, minute <= 59, second <= 59 || (second == 60 && hour == 23 && minute == 59)
        else { return nil }
        var fractionDigits = 0
        var microsecond = 0
        if b.count > 20 {
            fractionDigits = b.count - 21
            guard b[19] == UInt8(ascii: "."), (1...6).contains(fractionDigits), let fraction = number(20, fractionDigits) else {
                return nil
            }
            microsecond = fraction
            for _ in fractionDigits..<6 { microsecond *= 10 }
        }
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
        self.microsecond = microsecond
        self.fractionDigits = fractionDigits
    }

    /// Microseconds since 1970-01-01T00:00:00Z (a leap second counts as the next minute's first second).
    public var microsecondsSinceEpoch: Int64 {
        let seconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return seconds * 1_000_000 + Int64(microsecond)
    }

    /// The timestamp as written, for example `2025-01-14T11:05:09.125Z`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let s = String(value)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var text = "\(date)T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
        if fractionDigits > 0 {
            text += "." + String(pad(microsecond, 6).prefix(fractionDigits))
        }
        return text + "Z"
    }

    /// The timestamp as a JSON string.
    public var json: JSONValue { .string(description) }

    /// Orders by instant; of two texts for one instant, the one with fewer fractional digits comes first.
    public static func < (lhs: UTCTimestamp, rhs: UTCTimestamp) -> Bool {
        (lhs.microsecondsSinceEpoch, lhs.fractionDigits) < (rhs.microsecondsSinceEpoch, rhs.fractionDigits)
    }
}
