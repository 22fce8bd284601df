import DaftarJSON
import Foundation

extension DecimalNumber {
    /// The most fractional digits a score, weight, threshold or indicator may have (`x-max-fraction-digits`).
    public static let maximumFractionDigits = 6

    /// A decimal rounded half to even to `fractionDigits` digits, the catalogue's rule for computed decimals.
    /// - Parameters:
    ///   - value: the exact value.
    ///   - fractionDigits: digits to keep after the point.
    /// - Returns: the rounded value.
    static func roundedHalfEven(_ value: Decimal, fractionDigits: Int = maximumFractionDigits) -> Decimal {
        var source = value
        var result = Decimal()
        NSDecimalRound(&result, &source, fractionDigits, .bankers)
        return result
    }

    /// Whether the number has at most ``maximumFractionDigits`` fractional digits.
    var fitsFractionDigits: Bool {
        let value = decimal
        return !value.isNaN && DecimalNumber.roundedHalfEven(value) == value
    }

    /// Whether the number lies in `lower…upper`.
    func isWithin(_ lower: Decimal, _ upper: Decimal) -> Bool {
        let value = decimal
        return !value.isNaN && value >= lower && value <= upper
    }

    /// The number from an exact decimal, written in plain notation; zero has no sign.
    static func exact(_ value: Decimal) -> DecimalNumber {
        let text = value.isZero ? "0" : value.description
        return DecimalNumber(JSONNumber(literal: text)!)
    }
}
