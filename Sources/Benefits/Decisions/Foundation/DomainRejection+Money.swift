extension DomainRejection {
    /// The largest amount an event may hold: `amountMinor` is at most 10^15 in every schema.
    public static let maximumAmountMinor: Int64 = 1_000_000_000_000_000

    /// A rejection for an amount refused by ``Money``: `amount_overflow` or `currency_mismatch`.
    /// - Parameter error: the money error; its field becomes the rejection's field.
    public init(_ error: MoneyError) {
        if error.code == .currencyMismatch {
            self.init(.currencyMismatch, rule: "amounts of one event are in one currency", field: error.field, value: error.message)
        } else {
            self.init(.amountOverflow, rule: "amounts fit in 64-bit minor units", field: error.field, value: "out of range")
        }
    }

    /// Runs money arithmetic, turning a ``MoneyError`` into a rejection.
    /// - Parameter body: the arithmetic.
    /// - Returns: its result.
    /// - Throws: ``DomainRejection`` `amount_overflow` or `currency_mismatch`.
    static func money<T>(_ body: () throws(MoneyError) -> T) throws(DomainRejection) -> T {
        do {
            return try body()
        } catch {
            throw DomainRejection(error)
        }
    }

    /// Checks that an amount fits the catalogue's bounds for an event (0…10^15, or −10^15…0 for deductions).
    /// - Parameters:
    ///   - amount: the amount.
    ///   - field: the field to name.
    /// - Throws: ``DomainRejection`` `amount_overflow`.
    static func checkEventBounds(_ amount: Money, field: String) throws(DomainRejection) {
        guard amount.minorUnits.magnitude <= UInt64(maximumAmountMinor) else {
            throw DomainRejection(
                .amountOverflow, rule: "an event's amounts are at most 10^15 ledger units", field: field, value: amount.description)
        }
    }
}
