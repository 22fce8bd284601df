extension Money {
    /// Parses a decimal amount in the currency's major unit, strictly.
    ///
    /// Accepted: ASCII digits without leading zeros (`0`, `125000`), optionally a point and 1 to
    /// ``Currency/exponent`` fractional digits (`12.5` and `12.50` for USD; none at all for IQD, whose
    /// ledger unit is the whole dinar), and a leading `-` only when `allowsNegative` is set.
    /// Refused: empty text, spaces anywhere, `+`, `-0`, exponents (`1e5`), thousands separators
    /// (`125,000`, `125 000`, `125_000`), a bare point (`.5`, `5.`), non-ASCII digits, and more
    /// fractional digits than the currency has (`12.505` USD, `125000.0` IQD).
    /// ``decimalText`` writes what this parser reads.
    /// - Parameters:
    ///   - text: the amount, for example `125000` or `12.50`.
    ///   - currency: its currency.
    ///   - field: the field to name in an error.
    ///   - allowsNegative: whether a leading `-` is allowed (adjustments, deductions).
    /// - Throws: ``MoneyError`` `invalid_amount` (rules `syntax`, `leadingZero`, `sign`,
    ///   `fractionDigits`) or `amount_overflow` (rule `range`).
    public init(parsing text: String, currency: Currency, field: String = "amount", allowsNegative: Bool = false)
        throws(MoneyError)
    {
        func invalid(_ rule: String, _ explanation: String) -> MoneyError {
            MoneyError(code: .invalidAmount, field: field, rule: rule, message: "\(field): \(explanation)", value: text)
        }
        let bytes = Array(text.utf8)
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") {
            guard allowsNegative else { throw invalid("sign", "a negative amount is not allowed here") }
            negative = true
            i += 1
        }
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        let integerStart = i
        while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        let integerDigits = bytes[integerStart..<i]
        guard !integerDigits.isEmpty else {
            throw invalid("syntax", "must be digits with an optional point and fractional digits, for example 125000 or 12.50")
        }
        guard integerDigits.count == 1 || integerDigits.first != UInt8(ascii: "0") else {
            throw invalid("leadingZero", "must not start with a zero")
        }
        var fractionDigits: ArraySlice<UInt8> = []
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            fractionDigits = bytes[fractionStart..<i]
            guard !fractionDigits.isEmpty else {
                throw invalid("syntax", "a point must be followed by fractional digits")
            }
        }
        guard i == bytes.count else {
            throw invalid("syntax", "must be digits with an optional point and fractional digits, for example 125000 or 12.50")
        }
        guard fractionDigits.count <= currency.exponent else {
            throw invalid(
                "fractionDigits",
                currency.exponent == 0
                    ? "\(currency.code) amounts are whole units, without a fractional part"
                    : "\(currency.code) amounts have at most \(currency.exponent) fractional digits")
        }
        var padded = Array(integerDigits) + Array(fractionDigits)
        padded += [UInt8](repeating: UInt8(ascii: "0"), count: currency.exponent - fractionDigits.count)
        var magnitude: UInt64 = 0
        for digit in padded {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
            guard !o1, !o2 else { throw Money.overflow(field, "the amount") }
            magnitude = sum
        }
        if negative {
            guard magnitude != 0 else { throw invalid("sign", "zero has no sign") }
            guard magnitude <= UInt64(Int64.max) + 1 else { throw Money.overflow(field, "the amount") }
            minorUnits = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        } else {
            guard magnitude <= UInt64(Int64.max) else { throw Money.overflow(field, "the amount") }
            minorUnits = Int64(magnitude)
        }
        self.currency = currency
    }
}
