import EventStore

/// A programme's payment cycle, folded from its stream `payment-cycle-{programmeId}-{cycle}`: opened
/// with an enrolment date and a payment window, then reconciled and closed.
///
/// Decisions are in `PaymentCycleState+Decisions.swift`.
public struct PaymentCycleState: Sendable, Hashable {
    /// The opening, or `nil` while the stream is empty.
    public private(set) var opened: PaymentCycleOpened?
    /// The reconciliation, once closed.
    public private(set) var closed: PaymentCycleClosed?

    /// A cycle not yet opened: the fold of an empty stream.
    public init() {}

    /// The fold of a stream's events, in stream order.
    /// - Parameter events: the cycle's events; events of other streams are ignored.
    public init(events: [any DomainEvent]) {
        for event in events { apply(event) }
    }

    /// Whether the cycle was opened.
    public var isOpened: Bool { opened != nil }

    /// Whether the cycle was closed.
    public var isClosed: Bool { closed != nil }

    /// The cycle after `event`.
    /// - Parameter event: an event of the cycle's stream.
    /// - Returns: the new state; `self` unchanged for events of other streams.
    public func evolve(_ event: any DomainEvent) -> PaymentCycleState {
        var next = self
        next.apply(event)
        return next
    }

    /// Applies `event` in place (see ``evolve(_:)``).
    /// - Parameter event: an event of the cycle's stream.
    public mutating func apply(_ event: any DomainEvent) {
        switch event {
        case let e as PaymentCycleOpened: opened = e
        case let e as PaymentCycleClosed: closed = e
        default: break
        }
    }
}
