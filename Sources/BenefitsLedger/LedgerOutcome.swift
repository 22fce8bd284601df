import Benefits
import EventStore

/// What ``Ledger/handle(_:metadata:idempotencyKey:)`` did.
public struct LedgerOutcome: Sendable {
    /// The events the decision produced, in order.
    public let events: [any DomainEvent]
    /// Where they were appended; `nil` when there was nothing to append.
    public let append: AppendResult?

    /// Creates an outcome; each parameter sets the property of the same name.
    public init(events: [any DomainEvent], append: AppendResult?) {
        self.events = events
        self.append = append
    }

    /// Whether the command was a retry of one already appended: nothing new was written.
    public var isDuplicate: Bool { append?.isDuplicate ?? false }
}
