import Benefits
import Testing

@Suite struct CurrencyTests {
    @Test func exponentTable() throws {
        let expected: [(String, Int, Int)] = [
            ("IQD", 0, 3), ("SYP", 2, 2), ("JOD", 3, 3), ("EGP", 2, 2), ("LBP", 2, 2), ("TND", 3, 3), ("MAD", 2, 2), ("USD", 2, 2),
        ]
        #expect(Currency.all.map(\.code) == expected.map(\.0))
        for (code, exponent, iso) in expected {
            let currency = try Currency(code: code)
            #expect(currency.exponent == exponent, "\(code)")
            #expect(currency.iso4217Exponent == iso, "\(code)")
        }
    }

    @Test func iraqiDinarIsCountedInWholeDinars() throws {
        // calibration.md: programmes pay whole dinars; 125,000 IQD is 125000 ledger units.
        #expect(Currency.iqd.exponent == 0)
        #expect(try Money(parsing: "125000", currency: .iqd).minorUnits == 125_000)
    }

    @Test(arguments: ["iqd", "EUR", "", "IQD ", "US$"])
    func unknownCodesAreRejected(_ code: String) {
        let error = #expect(throws: MoneyError.self) { try Currency(code: code, field: "currency") }
        #expect(error?.code == .unknownCurrency)
        #expect(error?.field == "currency")
        #expect(error?.rule == "enum")
    }
}

@Suite struct MoneyParsingTests {
    @Test(arguments: [
        ("125000", Currency.iqd, Int64(125_000)),
        ("0", .iqd, 0),
        ("12.50", .usd, 1250),
        ("12.5", .usd, 1250),
        ("0.01", .usd, 1),
        ("0.125", .jod, 125),
        ("7", .tnd, 7000),
        ("9223372036854775807", .iqd, Int64.max),
        ("92233720368547758.07", .usd, Int64.max),
    ])
    func acceptsStrictDecimals(_ text: String, _ currency: Currency, _ minor: Int64) throws {
        let money = try Money(parsing: text, currency: currency)
        #expect(money.minorUnits == minor)
        #expect(money.currency == currency)
    }

    @Test(arguments: [
        ("", "syntax"), (" 125000", "syntax"), ("125000 ", "syntax"), ("125 000", "syntax"), ("125,000", "syntax"),
        ("125_000", "syntax"), ("125'000", "syntax"), ("+125000", "syntax"), ("1e5", "syntax"), ("1E5", "syntax"),
        (".5", "syntax"), ("5.", "syntax"), ("0x10", "syntax"), ("١٢٥", "syntax"), ("12.5.0", "syntax"), ("NaN", "syntax"),
        ("-125000", "sign"), ("0125000", "leadingZero"), ("00", "leadingZero"), ("125000.0", "fractionDigits"),
    ])
    func rejectsAnythingElseForIQD(_ text: String, _ rule: String) {
        let error = #expect(throws: MoneyError.self) { try Money(parsing: text, currency: .iqd, field: "amountMinor") }
        #expect(error?.code == .invalidAmount)
        #expect(error?.rule == rule)
        #expect(error?.field == "amountMinor")
        #expect(error?.message.hasPrefix("amountMinor: ") == true)
    }

    @Test func fractionDigitsFollowTheCurrency() {
        #expect(throws: MoneyError.self) { try Money(parsing: "12.505", currency: .usd) }
        #expect(throws: MoneyError.self) { try Money(parsing: "1.2345", currency: .jod) }
        #expect((try? Money(parsing: "1.234", currency: .jod))?.minorUnits == 1234)
    }

    @Test func negativeAmountsOnlyWhenAllowed() throws {
        #expect(try Money(parsing: "-12.50", currency: .usd, allowsNegative: true).minorUnits == -1250)
        #expect(try Money(parsing: "-9223372036854775808", currency: .iqd, allowsNegative: true).minorUnits == Int64.min)
        let zero = #expect(throws: MoneyError.self) { try Money(parsing: "-0", currency: .iqd, allowsNegative: true) }
        #expect(zero?.rule == "sign")
        let twice = #expect(throws: MoneyError.self) { try Money(parsing: "--1", currency: .iqd, allowsNegative: true) }
        #expect(twice?.rule == "syntax")
    }

    @Test(arguments: [
        ("9223372036854775808", Currency.iqd), ("92233720368547758.08", .usd), ("99999999999999999999999", .iqd),
        ("9223372036854776", .jod),
    ])
    func overflowIsAnErrorNotATrap(_ text: String, _ currency: Currency) {
        let error = #expect(throws: MoneyError.self) { try Money(parsing: text, currency: currency) }
        #expect(error?.code == .overflow)
        #expect(error?.rule == "range")
    }

    @Test func errorsKeepTheValueOutOfTheMessage() {
        let error = #expect(throws: MoneyError.self) { try Money(parsing: "4711x", currency: .iqd) }
        #expect(error?.message.contains("4711") == false)
        #expect(error?.value == "4711x")
    }
}

@Suite struct MoneyFormattingTests {
    @Test(arguments: [
        (Int64(125_000), Currency.iqd, "125000"), (0, .iqd, "0"), (1250, .usd, "12.50"), (5, .usd, "0.05"), (-5, .usd, "-0.05"),
        (125, .jod, "0.125"), (-1_000, .tnd, "-1.000"), (Int64.min, .iqd, "-9223372036854775808"),
        (Int64.max, .usd, "92233720368547758.07"),
    ])
    func decimalTextRoundTripsThroughTheParser(_ minor: Int64, _ currency: Currency, _ text: String) throws {
        let money = Money(minorUnits: minor, currency: currency)
        #expect(money.decimalText == text)
        #expect(try Money(parsing: text, currency: currency, allowsNegative: true) == money)
    }

    @Test func descriptionAndGrouping() {
        #expect(Money(minorUnits: 125_000, currency: .iqd).description == "125000 IQD")
        #expect(Money(minorUnits: 1_250_000, currency: .iqd).decimalText(groupingSeparator: ",") == "1,250,000")
        #expect(Money(minorUnits: -123_456_789, currency: .usd).decimalText(groupingSeparator: ",") == "-1,234,567.89")
        #expect(Money(minorUnits: 999, currency: .iqd).decimalText(groupingSeparator: ",") == "999")
        #expect(Money(minorUnits: 12, currency: .usd).description == "0.12 USD")
    }
}

@Suite struct MoneyArithmeticTests {
    let a = Money(minorUnits: 275_000, currency: .iqd)
    let b = Money(minorUnits: 50_000, currency: .iqd)

    @Test func sameCurrencyArithmetic() throws {
        #expect(try a + b == Money(minorUnits: 325_000, currency: .iqd))
        #expect(try b - a == Money(minorUnits: -225_000, currency: .iqd))
        #expect(try b * 3 == Money(minorUnits: 150_000, currency: .iqd))
        #expect(try a.negated() == Money(minorUnits: -275_000, currency: .iqd))
        #expect(try b.isLess(than: a))
        #expect(try !a.isLess(than: b))
        #expect(try Money.sum([a, b, b], in: .iqd) == Money(minorUnits: 375_000, currency: .iqd))
        #expect(try Money.sum([], in: .usd) == .zero(.usd))
    }

    @Test func currencyMismatchIsAnError() {
        let dollars = Money(minorUnits: 100, currency: .usd)
        for operation in [{ try a + dollars }, { try a - dollars }] as [() throws -> Money] {
            let error = #expect(throws: MoneyError.self) { try operation() }
            #expect(error?.code == .currencyMismatch)
            #expect(error?.rule == "currency")
            #expect(error?.message.contains("IQD") == true && error?.message.contains("USD") == true)
        }
        #expect(throws: MoneyError.self) { try a.isLess(than: dollars) }
        let sum = #expect(throws: MoneyError.self) { try Money.sum([a, dollars], in: .iqd, field: "components") }
        #expect(sum?.field == "components")
    }

    @Test func overflowIsAnErrorNotATrap() {
        let max = Money(minorUnits: .max, currency: .iqd)
        let min = Money(minorUnits: .min, currency: .iqd)
        let one = Money(minorUnits: 1, currency: .iqd)
        let operations: [() throws -> Money] = [
            { try max + one }, { try min - one }, { try max * 2 }, { try min * -1 }, { try min.negated() },
            { try Money.sum([max, one], in: .iqd) },
        ]
        for operation in operations {
            let error = #expect(throws: MoneyError.self) { try operation() }
            #expect(error?.code == .overflow)
            #expect(error?.rule == "range")
        }
        #expect((try? max - one)?.minorUnits == Int64.max - 1)
    }
}

@Suite struct RateTests {
    @Test(arguments: [
        // amount, rate, expected: half-even to the ledger unit
        (Int64(5), "0.5", Int64(2)), (7, "0.5", 4), (-5, "0.5", -2), (-7, "0.5", -4), (3, "0.5", 2), (1, "0.5", 0),
        (125_000, "1.1", 137_500), (100_001, "0.333333", 33_334), (275_000, "0", 0), (10, "-0.15", -2),
    ])
    func applyRoundsHalfToEven(_ minor: Int64, _ rate: String, _ expected: Int64) throws {
        let result = try Rate(parsing: rate).apply(to: Money(minorUnits: minor, currency: .iqd))
        #expect(result == Money(minorUnits: expected, currency: .iqd))
    }

    @Test func applyIsExactForLargeAmounts() throws {
        // 9223372036854775807 × 0.5 = 4611686018427387903.5 → even neighbour 4611686018427387904
        let max = Money(minorUnits: .max, currency: .usd)
        #expect(try Rate(parsing: "0.5").apply(to: max).minorUnits == 4_611_686_018_427_387_904)
        #expect(try Rate.one.apply(to: max) == max)
        let error = #expect(throws: MoneyError.self) { try Rate(parsing: "1.000000001").apply(to: max) }
        #expect(error?.code == .overflow)
    }

    @Test func percentages() throws {
        #expect(try Rate(percent: 12.5) == Rate(parsing: "0.125"))
        #expect(try Rate(percent: 10).apply(to: Money(minorUnits: 275_000, currency: .iqd)).minorUnits == 27_500)
    }

    @Test(arguments: [
        ("", "syntax"), ("1e-3", "syntax"), ("+0.5", "syntax"), (" 0.5", "syntax"), ("0,5", "syntax"), (".5", "syntax"),
        ("1.", "syntax"), ("00.5", "leadingZero"), ("0.1234567890123456789", "precision"),
    ])
    func strictRateParsing(_ text: String, _ rule: String) {
        let error = #expect(throws: MoneyError.self) { try Rate(parsing: text, field: "increase") }
        #expect(error?.code == .invalidRate)
        #expect(error?.rule == rule)
        #expect(error?.field == "increase")
    }
}
