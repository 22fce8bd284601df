extension Money {
    /// The amount in the major unit with exactly ``Currency/exponent`` fractional digits and no
    /// grouping: `125000` (IQD), `12.50` (USD), `-0.125` (JOD). ``init(parsing:currency:field:allowsNegative:)``
    /// reads it back.
    public var decimalText: String { decimalText(groupingSeparator: nil) }

    /// The amount in the major unit, optionally with the integer digits grouped by three.
    /// - Parameter groupingSeparator: put between groups of three integer digits (`","` gives
    ///   `1,250,000`); `nil` for none. Grouped text is for people: the parser refuses it.
    /// - Returns: the text, with a leading `-` for negative amounts.
    public func decimalText(groupingSeparator: String?) -> String {
        let digits = String(minorUnits.magnitude)
        let exponent = currency.exponent
        let padded = String(repeating: "0", count: max(0, exponent + 1 - digits.count)) + digits
        let integerPart = String(padded.dropLast(exponent))
        let fractionPart = String(padded.suffix(exponent))
        var integerText = integerPart
        if let separator = groupingSeparator {
            var groups: [Substring] = []
            var rest = Substring(integerPart)
            while rest.count > 3 {
                groups.insert(rest.suffix(3), at: 0)
                rest = rest.dropLast(3)
            }
            groups.insert(rest, at: 0)
            integerText = groups.joined(separator: separator)
        }
        return (minorUnits < 0 ? "-" : "") + integerText + (exponent > 0 ? "." + fractionPart : "")
    }
}
