import Benefits
/// What a caseload run of the ``Ledger`` did: the decision, and what the bulk appends wrote.
public struct CaseloadOutcome<Event: DomainEvent>: Sendable {
    /// The events decided and the households skipped.
    public let decision: CaseloadDecision<Event>
    /// Household requests appended now.
    public let appendedRequests: Int
    /// Household requests skipped as retries of an earlier run with the same key.
    public let duplicateRequests: Int

    /// Creates an outcome; each parameter sets the property of the same name.
    public init(decision: CaseloadDecision<Event>, appendedRequests: Int, duplicateRequests: Int) {
        self.decision = decision
        self.appendedRequests = appendedRequests
        self.duplicateRequests = duplicateRequests
    }
}
