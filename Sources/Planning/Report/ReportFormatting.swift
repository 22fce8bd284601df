import Benefits
import Foundation

/// Number formatting shared by the plan's texts (CSV, JSON, table, chart): exact decimals, never floating point.
enum ReportFormatting {
    /// `value` rounded half to even and written with exactly `places` fractional digits (`1234.500`),
    /// optionally grouping the integer digits by three; no sign for zero.
    static func fixed(_ value: Decimal, places: Int, groupingSeparator: String? = nil) -> String {
        var text = PlanningDecimal.rounded(value, places: places).description
        var negative = false
        if text.hasPrefix("-") {
            negative = true
            text.removeFirst()
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var integer = parts.isEmpty ? "0" : String(parts[0])
        if integer.isEmpty { integer = "0" }
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        fraction = String(fraction.prefix(places)) + String(repeating: "0", count: max(0, places - fraction.count))
        if negative, integer.allSatisfy({ $0 == "0" }), fraction.allSatisfy({ $0 == "0" }) { negative = false }
        if let separator = groupingSeparator { integer = group(integer, separator) }
        return (negative ? "-" : "") + integer + (places > 0 ? "." + fraction : "")
    }

    /// Digits grouped by three from the right.
    static func group(_ digits: String, _ separator: String) -> String {
        var groups: [Substring] = []
        var rest = Substring(digits)
        while rest.count > 3 {
            groups.insert(rest.suffix(3), at: 0)
            rest = rest.dropLast(3)
        }
        groups.insert(rest, at: 0)
        return groups.joined(separator: separator)
    }

    /// `numerator / denominator`, rounded half to even to `places` fractional digits; `nil` when the denominator is 0.
    static func ratio(_ numerator: Int64, _ denominator: Int64, places: Int) -> Decimal? {
        guard denominator != 0 else { return nil }
        var a = Decimal(numerator)
        var b = Decimal(denominator)
        var quotient = Decimal()
        guard NSDecimalDivide(&quotient, &a, &b, .bankers) == .noError else { return nil }
        return PlanningDecimal.rounded(quotient, places: places)
    }

    /// An amount in the major unit with grouped integer digits (`1,250,000`, `12.50`).
    static func major(_ minor: Int64, _ currency: Currency, groupingSeparator: String?) -> String {
        Money(minorUnits: minor, currency: currency).decimalText(groupingSeparator: groupingSeparator)
    }

    /// Text padded with spaces on the left (`right == true`) or right to `width` characters.
    static func pad(_ text: String, _ width: Int, right: Bool) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }
}
