/// When the demo country's emergency top-up (a flood in two drawn governorates, for three cycles)
/// is declared, if at all.
public enum TopUpPlan: Sendable, Hashable {
    /// The seventh month, earlier in a shorter run: `max(1, min(7, months − 2))`. The default, and
    /// the country every earlier version of the generator made.
    case standard
    /// Declared in this month of the run, 1 through the run's months.
    case month(Int)
    /// No emergency top-up at all: no declaration, no grants, no top-up in any payment.
    case never

    /// The month the top-up is declared in a run of `months` months, or `nil` for ``never``.
    /// - Parameter months: the run's monthly cycles.
    /// - Returns: the month, 1-based.
    public func month(in months: Int) -> Int? {
        switch self {
        case .standard: Self.standardMonth(in: months)
        case .month(let month): month
        case .never: nil
        }
    }

    /// The standard rule's month: the seventh, earlier in a shorter run.
    /// - Parameter months: the run's monthly cycles.
    /// - Returns: `max(1, min(7, months − 2))`.
    public static func standardMonth(in months: Int) -> Int { max(1, min(7, months - 2)) }
}
