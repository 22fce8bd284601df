import Benefits
import Foundation

/// The planner's decimal arithmetic, all in Foundation `Decimal`, with one rounding rule.
///
/// **Rounding rule.** Every rate the planner derives (an observed rate, a growth factor, a take-up
/// weight times a growth factor) is rounded half to even to ``fractionDigits`` (12) decimal places
/// as soon as it is computed, so that it stays within ``Rate``'s 18 significant digits and the same
/// inputs give the same digits on every machine. Money is then multiplied by such a factor exactly
/// and rounded once, half to even, to the ledger unit (``Rate/apply(to:field:)``).
enum PlanningDecimal {
    /// Decimal places a derived rate keeps.
    static let fractionDigits = 12

    /// `value` rounded half to even to ``fractionDigits`` places.
    static func rounded(_ value: Decimal, places: Int = fractionDigits) -> Decimal {
        var source = value
        var result = Decimal()
        NSDecimalRound(&result, &source, places, .bankers)
        return result
    }

    /// `numerator / denominator`, rounded; 0 when the denominator is 0.
    static func ratio(_ numerator: Int64, _ denominator: Int64) -> Decimal {
        guard denominator != 0 else { return 0 }
        return rounded(Decimal(numerator) / Decimal(denominator))
    }

    /// `a × b`, rounded.
    static func product(_ a: Decimal, _ b: Decimal) -> Decimal {
        rounded(a * b)
    }

    /// A derived rate as a ``Rate`` (it has at most 12 fractional digits, so it fits).
    static func rate(_ value: Decimal) -> Rate {
        (try? Rate(rounded(value))) ?? .zero
    }
}
