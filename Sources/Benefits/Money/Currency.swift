/// An ISO 4217 currency with the exponent of its ledger unit.
///
/// Amounts are integers in the currency's *ledger unit*, `10^-exponent` of the major unit
/// (DESIGN.md §6). The exponent is ISO 4217's minor unit for every currency but one:
///
/// | code | ledger exponent | ISO 4217 exponent | why they differ |
/// | --- | --- | --- | --- |
/// | IQD | 0 | 3 | fils are not in use; programmes pay whole dinars (calibration.md), and every IQD amount in an event is whole dinars (EventSchemas/README.md, "Money") |
/// | SYP | 2 | 2 | |
/// | JOD | 3 | 3 | |
/// | EGP | 2 | 2 | |
/// | LBP | 2 | 2 | |
/// | TND | 3 | 3 | |
/// | MAD | 2 | 2 | |
/// | USD | 2 | 2 | |
///
/// The table is closed: the currencies are exactly those the catalogue's `currency` enum allows, so
/// a currency cannot be created with an exponent of the caller's choosing. Export to systems that
/// expect ISO minor units uses ``iso4217Exponent``.
public struct Currency: Sendable, Hashable, CustomStringConvertible {
    /// The ISO 4217 alphabetic code, for example `IQD`.
    public let code: String
    /// The exponent of the ledger unit: an amount of `n` ledger units is `n × 10^-exponent` of the major unit.
    public let exponent: Int
    /// The exponent ISO 4217 gives the currency's minor unit (3 for IQD, whose fils Daftar does not use).
    public let iso4217Exponent: Int

    private init(code: String, exponent: Int, iso4217Exponent: Int) {
        self.code = code
        self.exponent = exponent
        self.iso4217Exponent = iso4217Exponent
    }

    /// Iraqi dinar. Ledger unit: the whole dinar (ISO 4217 says 3; fils are not in use).
    public static let iqd = Currency(code: "IQD", exponent: 0, iso4217Exponent: 3)
    /// Syrian pound, in piastres.
    public static let syp = Currency(code: "SYP", exponent: 2, iso4217Exponent: 2)
    /// Jordanian dinar, in fils (1/1000).
    public static let jod = Currency(code: "JOD", exponent: 3, iso4217Exponent: 3)
    /// Egyptian pound, in piastres.
    public static let egp = Currency(code: "EGP", exponent: 2, iso4217Exponent: 2)
    /// Lebanese pound, in piastres.
    public static let lbp = Currency(code: "LBP", exponent: 2, iso4217Exponent: 2)
    /// Tunisian dinar, in millimes (1/1000).
    public static let tnd = Currency(code: "TND", exponent: 3, iso4217Exponent: 3)
    /// Moroccan dirham, in centimes.
    public static let mad = Currency(code: "MAD", exponent: 2, iso4217Exponent: 2)
    /// US dollar, in cents.
    public static let usd = Currency(code: "USD", exponent: 2, iso4217Exponent: 2)

    /// Every currency Daftar knows, in the order of the catalogue's `currency` enum.
    public static let all: [Currency] = [.iqd, .syp, .jod, .egp, .lbp, .tnd, .mad, .usd]

    /// The currency with ISO 4217 code `code`.
    /// - Parameters:
    ///   - code: an upper-case ISO 4217 alphabetic code.
    ///   - field: the field to name in an error.
    /// - Throws: ``MoneyError`` with code `unknown_currency` when the code is not in the table.
    public init(code: String, field: String = "currency") throws(MoneyError) {
        guard let known = Currency.all.first(where: { $0.code == code }) else {
            throw MoneyError(
                code: .unknownCurrency, field: field, rule: "enum",
                message: "\(field): the currency is not one of \(Currency.all.map(\.code).joined(separator: ", "))")
        }
        self = known
    }

    /// The ISO 4217 code.
    public var description: String { code }
}
