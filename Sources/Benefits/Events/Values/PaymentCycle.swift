import DaftarJSON
import EventStore

/// A payment cycle: a calendar month in the programme's time zone, written `YYYY-MM` (DESIGN.md §6).
public struct PaymentCycle: Sendable, Hashable, Comparable, CustomStringConvertible, JSONConvertible {
    /// The year, 1900–2199 (the catalogue allows 2000–2099).
    public let year: Int
    /// The month, 1–12.
    public let month: Int

    /// The cycle of `month` in `year`, or `nil` when there is no such month.
    /// - Parameters:
    ///   - year: the year, 1900–2199.
    ///   - month: the month, 1–12.
    public init?(year: Int, month: Int) {
        guard (1900...2199).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// The year and month of a text shaped `YYYY-MM` (four digits, a hyphen, two digits), whether or
    /// not they make a cycle: callers tell a malformed text from a month out of range.
    /// - Parameter text: the text.
    /// - Returns: the numbers, or `nil` when the text is not shaped `YYYY-MM`.
    public static func digits(of text: String) -> (year: Int, month: Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7) else { return nil }
        return (year, month)
    }

    /// Reads a cycle written `YYYY-MM`.
    /// - Throws: ``EventDecodingError`` with rule `type` for a non-string, `format` for anything but `YYYY-MM`.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        guard case .string(let text) = json else { throw .wrongType(pointer, expected: "payment cycle string", found: json) }
        guard let (year, month) = PaymentCycle.digits(of: text), let cycle = PaymentCycle(year: year, month: month)
        else {
            throw .invalid(pointer, "format", "must be a calendar month written YYYY-MM")
        }
        self = cycle
    }

    /// The cycle's first day.
    public var firstDay: BusinessDate { BusinessDate(year: year, month: month, day: 1)! }

    /// The cycle after this one.
    public var next: PaymentCycle? { month == 12 ? PaymentCycle(year: year + 1, month: 1) : PaymentCycle(year: year, month: month + 1) }

    /// The cycle as `YYYY-MM`.
    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        return "\(year)-\(m)"
    }

    /// The cycle as a `YYYY-MM` JSON string.
    public var json: JSONValue { .string(description) }

    public static func < (lhs: PaymentCycle, rhs: PaymentCycle) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}
