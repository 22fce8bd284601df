import EventStore

/// Where a cohort household stands in the programme at the pin, as the planner reads it.
public enum CohortStanding: Sendable, Hashable {
    /// Enrolled: paid every month until it leaves.
    case enrolled
    /// Temporarily enrolled until `endsOn` (inclusive): paid in the months whose first day is on or before it.
    case temporarilyEnrolled(endsOn: BusinessDate)
    /// Suspended: not paid in the projection (a lift is a decision, not a rate).
    case suspended
    /// Excluded. With an appeal pending, expected back with the observed share of appeals upheld.
    case excluded(appealPending: Bool)
    /// Assessed but never enrolled, or exited: a candidate that a scenario may admit.
    case candidate
}
