/// An amount of money: an integer number of ledger units of a currency (DESIGN.md §6).
///
/// Never a floating-point number. Arithmetic is checked: an overflow or a mix of currencies is a
/// thrown ``MoneyError``, never a trap and never a silent wrap (see `Money+Arithmetic.swift`).
/// Text goes in through a strict parser and out through ``decimalText``, which the parser accepts.
///
/// Money is deliberately not `Comparable`: comparing amounts in different currencies is an error,
/// which `<` could not report. Use ``isLess(than:)``.
public struct Money: Sendable, Hashable, CustomStringConvertible {
    /// The amount in ledger units of ``currency`` (whole dinars for IQD, cents for USD).
    public let minorUnits: Int64
    /// The currency.
    public let currency: Currency

    /// An amount of `minorUnits` ledger units.
    /// - Parameters:
    ///   - minorUnits: the amount in ledger units (see ``Currency/exponent``).
    ///   - currency: the currency.
    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Zero in `currency`.
    /// - Parameter currency: the currency.
    /// - Returns: the amount 0.
    public static func zero(_ currency: Currency) -> Money {
        Money(minorUnits: 0, currency: currency)
    }

    /// Whether the amount is 0.
    public var isZero: Bool { minorUnits == 0 }

    /// Whether the amount is below 0.
    public var isNegative: Bool { minorUnits < 0 }

    /// The amount and the currency code, for example `125000 IQD` or `12.50 USD`.
    public var description: String { "\(decimalText) \(currency.code)" }
}
