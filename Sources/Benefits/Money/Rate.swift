import Foundation

/// A rate or ratio applied to money: `0.5` halves an amount, `1.1` adds ten per cent.
///
/// Held as a Foundation `Decimal`, never a `Double`, with at most ``maximumSignificantDigits``
/// significant digits: a product with any `Int64` amount (at most 19 digits) then has at most 37, within
/// `Decimal`'s 38, so ``apply(to:)`` multiplies exactly and rounds once.
///
/// **Rounding rule:** the exact product is rounded to the currency's ledger unit half to even
/// (banker's rounding): 2.5 → 2, 3.5 → 4, −2.5 → −2. Half-even has no upward bias when summed over
/// millions of households, and it is the rule the catalogue states for computed decimals.
public struct Rate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The most significant digits a rate may have.
    public static let maximumSignificantDigits = 18

    /// The rate's exact value.
    public let value: Decimal

    /// The rate 0.
    public static let zero = Rate(checked: 0)
    /// The rate 1: applying it changes nothing.
    public static let one = Rate(checked: 1)

    private init(checked value: Decimal) {
        self.value = value
    }

    /// A rate with the exact value `value`.
    /// - Parameters:
    ///   - value: a finite decimal with at most ``maximumSignificantDigits`` significant digits.
    ///   - field: the field to name in an error.
    /// - Throws: ``MoneyError`` `invalid_rate` with rule `precision` for NaN or too many significant digits.
    public init(_ value: Decimal, field: String = "rate") throws(MoneyError) {
        guard !value.isNaN, Rate.significantDigits(of: value) <= Rate.maximumSignificantDigits else {
            throw MoneyError(
                code: .invalidRate, field: field, rule: "precision",
                message: "\(field): a rate has at most \(Rate.maximumSignificantDigits) significant digits")
        }
        self.value = value
    }

    /// A rate given in per cent: `Rate(percent: 12.5)` is 0.125.
    /// - Parameters:
    ///   - percent: the rate times 100.
    ///   - field: the field to name in an error.
    /// - Throws: ``MoneyError`` `invalid_rate` as ``init(_:field:)``.
    public init(percent: Decimal, field: String = "rate") throws(MoneyError) {
        var source = percent
        var result = Decimal()
        _ = NSDecimalMultiplyByPowerOf10(&result, &source, -2, .plain)
        try self.init(result, field: field)
    }

    /// Parses a decimal rate strictly: an optional `-`, digits without leading zeros, and optionally a
    /// point and fractional digits (`0.125`, `1`, `-0.5`). No `+`, spaces, exponents or separators.
    /// - Parameters:
    ///   - text: the rate.
    ///   - field: the field to name in an error.
    /// - Throws: ``MoneyError`` `invalid_rate` with rule `syntax`, `leadingZero` or `precision`.
    public init(parsing text: String, field: String = "rate") throws(MoneyError) {
        func invalid(_ rule: String, _ explanation: String) -> MoneyError {
            MoneyError(code: .invalidRate, field: field, rule: rule, message: "\(field): \(explanation)", value: text)
        }
        let bytes = Array(text.utf8)
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        var i = bytes.first == UInt8(ascii: "-") ? 1 : 0
        let integerStart = i
        while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        let integerCount = i - integerStart
        guard integerCount > 0 else { throw invalid("syntax", "must be a decimal number such as 0.125") }
        guard integerCount == 1 || bytes[integerStart] != UInt8(ascii: "0") else {
            throw invalid("leadingZero", "must not start with a zero")
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            guard i > fractionStart else { throw invalid("syntax", "a point must be followed by fractional digits") }
        }
        guard i == bytes.count, let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw invalid("syntax", "must be a decimal number such as 0.125")
        }
        try self.init(value, field: field)
    }

    /// `money × rate`, rounded half to even to the currency's ledger unit.
    /// - Parameters:
    ///   - money: the amount.
    ///   - field: the field to name in an error.
    /// - Returns: the rounded product, in the amount's currency.
    /// - Throws: ``MoneyError`` `amount_overflow` when the product does not fit in 64-bit minor units.
    public func apply(to money: Money, field: String = "amount") throws(MoneyError) -> Money {
        var amount = Decimal(money.minorUnits)
        var rate = value
        var product = Decimal()
        guard NSDecimalMultiply(&product, &amount, &rate, .plain) == .noError else {
            throw Money.overflow(field, "the product")
        }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &product, 0, .bankers)
        var text = rounded.description
        if text == "-0" { text = "0" }
        guard let minorUnits = Int64(text) else { throw Money.overflow(field, "the product") }
        return Money(minorUnits: minorUnits, currency: money.currency)
    }

    /// The rate as plain decimal text, for example `0.125`.
    public var description: String { value.description }

    public static func < (lhs: Rate, rhs: Rate) -> Bool { lhs.value < rhs.value }

    /// The significant digits of `value`: its digits without sign, point, and leading or trailing zeros.
    static func significantDigits(of value: Decimal) -> Int {
        var digits = value.description.utf8.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        while digits.first == UInt8(ascii: "0") { digits.removeFirst() }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        return digits.count
    }
}
