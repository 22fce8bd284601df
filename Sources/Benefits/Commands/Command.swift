/// A command of the benefits domain: an imperative (`Enrol`, `RecordPaymentIssued`) that a decision
/// turns into events or refuses.
///
/// A command names the streams its decision reads (``inputs``); ``Ledger`` loads and folds them into
/// a ``DecisionContext`` and calls ``decide(in:)``, a pure function. The events' own
/// ``DomainEvent/streamID`` say where they are appended; every stream written must be one the
/// command read, so that it is appended with the version the decision saw.
public protocol Command: Sendable {
    /// The streams the decision reads.
    var inputs: DecisionInputs { get }

    /// Decides over the folded streams.
    /// - Parameter context: the folded states of the streams in ``inputs``.
    /// - Returns: the events to append, in order; none when there is nothing to record.
    /// - Throws: ``DomainRejection`` naming the rule, the field and the value.
    func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent]
}
