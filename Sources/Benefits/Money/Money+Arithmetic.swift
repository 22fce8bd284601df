extension Money {
    /// The sum of two amounts in the same currency.
    /// - Parameters:
    ///   - other: the amount to add.
    ///   - field: the field to name in an error.
    /// - Returns: `self + other`.
    /// - Throws: ``MoneyError`` `currency_mismatch` or `amount_overflow`.
    public func adding(_ other: Money, field: String = "amount") throws(MoneyError) -> Money {
        try requireSameCurrency(other, field: field, operation: "add")
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw Money.overflow(field, "the sum") }
        return Money(minorUnits: sum, currency: currency)
    }

    /// The difference of two amounts in the same currency.
    /// - Parameters:
    ///   - other: the amount to subtract.
    ///   - field: the field to name in an error.
    /// - Returns: `self - other`.
    /// - Throws: ``MoneyError`` `currency_mismatch` or `amount_overflow`.
    public func subtracting(_ other: Money, field: String = "amount") throws(MoneyError) -> Money {
        try requireSameCurrency(other, field: field, operation: "subtract")
        let (difference, overflow) = minorUnits.subtractingReportingOverflow(other.minorUnits)
        guard !overflow else { throw Money.overflow(field, "the difference") }
        return Money(minorUnits: difference, currency: currency)
    }

    /// The amount times a whole number, for example a per-member amount times the members counted.
    /// - Parameters:
    ///   - factor: the multiplier.
    ///   - field: the field to name in an error.
    /// - Returns: `self × factor`.
    /// - Throws: ``MoneyError`` `amount_overflow`.
    public func multiplied(by factor: Int64, field: String = "amount") throws(MoneyError) -> Money {
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw Money.overflow(field, "the product") }
        return Money(minorUnits: product, currency: currency)
    }

    /// The amount with the opposite sign.
    /// - Parameter field: the field to name in an error.
    /// - Returns: `-self`.
    /// - Throws: ``MoneyError`` `amount_overflow` for the one amount whose negation does not fit (`Int64.min`).
    public func negated(field: String = "amount") throws(MoneyError) -> Money {
        let (negation, overflow) = Int64(0).subtractingReportingOverflow(minorUnits)
        guard !overflow else { throw Money.overflow(field, "the negation") }
        return Money(minorUnits: negation, currency: currency)
    }

    /// Whether `self` is less than `other`.
    /// - Parameters:
    ///   - other: an amount in the same currency.
    ///   - field: the field to name in an error.
    /// - Returns: `self < other`.
    /// - Throws: ``MoneyError`` `currency_mismatch`.
    public func isLess(than other: Money, field: String = "amount") throws(MoneyError) -> Bool {
        try requireSameCurrency(other, field: field, operation: "compare")
        return minorUnits < other.minorUnits
    }

    /// The sum of `amounts`, all in `currency`.
    /// - Parameters:
    ///   - amounts: the amounts to add; may be empty.
    ///   - currency: the currency every amount must have; the sum of none is zero in it.
    ///   - field: the field to name in an error.
    /// - Returns: the total.
    /// - Throws: ``MoneyError`` `currency_mismatch` or `amount_overflow`.
    public static func sum(_ amounts: some Sequence<Money>, in currency: Currency, field: String = "amount") throws(MoneyError)
        -> Money
    {
        var total = Money.zero(currency)
        for amount in amounts { total = try total.adding(amount, field: field) }
        return total
    }

    /// `lhs.adding(rhs)`.
    /// - Throws: ``MoneyError`` `currency_mismatch` or `amount_overflow`.
    public static func + (lhs: Money, rhs: Money) throws(MoneyError) -> Money { try lhs.adding(rhs) }

    /// `lhs.subtracting(rhs)`.
    /// - Throws: ``MoneyError`` `currency_mismatch` or `amount_overflow`.
    public static func - (lhs: Money, rhs: Money) throws(MoneyError) -> Money { try lhs.subtracting(rhs) }

    /// `lhs.multiplied(by: rhs)`.
    /// - Throws: ``MoneyError`` `amount_overflow`.
    public static func * (lhs: Money, rhs: Int64) throws(MoneyError) -> Money { try lhs.multiplied(by: rhs) }

    func requireSameCurrency(_ other: Money, field: String, operation: String) throws(MoneyError) {
        guard currency == other.currency else {
            throw MoneyError(
                code: .currencyMismatch, field: field, rule: "currency",
                message: "\(field): cannot \(operation) amounts in \(currency.code) and \(other.currency.code)")
        }
    }

    static func overflow(_ field: String, _ what: String) -> MoneyError {
        MoneyError(
            code: .overflow, field: field, rule: "range",
            message: "\(field): \(what) does not fit in 64-bit minor units")
    }
}
