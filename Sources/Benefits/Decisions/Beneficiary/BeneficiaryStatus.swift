import EventStore

/// Where a household stands in a programme.
public enum BeneficiaryStatus: Sendable, Hashable, CustomStringConvertible {
    /// Never enrolled (possibly found eligible or not).
    case notEnrolled
    /// Enrolled: paid in every cycle.
    case enrolled
    /// Enrolled under an emergency top-up's relaxed threshold until `endsOn` (inclusive).
    case temporarilyEnrolled(topUpId: TopUpID, endsOn: BusinessDate)
    /// Enrolled, but payments are suspended pending a review.
    case suspended
    /// Excluded, for a coded reason on evidence.
    case excluded
    /// Left the programme for a reason other than exclusion.
    case exited

    /// Whether a household with this status is paid in a cycle.
    public var isPayable: Bool {
        switch self {
        case .enrolled, .temporarilyEnrolled: return true
        default: return false
        }
    }

    /// The status as a code: `notEnrolled`, `enrolled`, `temporarilyEnrolled`, `suspended`, `excluded`, `exited`.
    public var description: String {
        switch self {
        case .notEnrolled: return "notEnrolled"
        case .enrolled: return "enrolled"
        case .temporarilyEnrolled: return "temporarilyEnrolled"
        case .suspended: return "suspended"
        case .excluded: return "excluded"
        case .exited: return "exited"
        }
    }
}
