import EventStore

/// One household's payment in one cycle, folded from its stream `payment-{programmeId}-{cycle}-{householdId}`.
///
/// Scheduled once (the stream is created with expected version "no stream", so never twice), then
/// issued; an issue ends confirmed, failed or reversed, or is still in flight. A retryable failure may
/// be issued again. The counters follow each issue to its outcome, so that
/// `issued = confirmed + failed + reversed + in flight` holds for counts and amounts; a confirmed
/// payment that is reversed counts as reversed, not confirmed.
///
/// Decisions are in `Payment+Decisions.swift`.
public struct Payment: Sendable, Hashable {
    /// Counts and amounts of a payment's issues by outcome.
    public struct Tally: Sendable, Hashable {
        /// Issues.
        public var issued = 0
        /// Issues confirmed and not since reversed.
        public var confirmed = 0
        /// Issues that failed.
        public var failed = 0
        /// Issues reversed.
        public var reversed = 0
        /// Issues without an outcome yet.
        public var inFlight = 0
        /// Amount issued, in ledger units.
        public var issuedMinor: Int64 = 0
        /// Amount confirmed and not since reversed.
        public var confirmedMinor: Int64 = 0
        /// Amount failed.
        public var failedMinor: Int64 = 0
        /// Amount reversed.
        public var reversedMinor: Int64 = 0
        /// Amount in flight.
        public var inFlightMinor: Int64 = 0
    }

    /// The schedule, or `nil` while the stream is empty.
    public private(set) var scheduled: PaymentScheduled?
    /// The stage as last recorded.
    public private(set) var stage: PaymentStage = .notScheduled
    /// The latest issue.
    public private(set) var issue: PaymentIssued?
    /// The latest failure, while failed.
    public private(set) var failure: PaymentFailed?
    /// The issues by outcome.
    public private(set) var tally = Tally()

    /// A payment not yet scheduled: the fold of an empty stream.
    public init() {}

    /// The fold of a stream's events, in stream order.
    /// - Parameter events: the payment's events; events of other streams are ignored.
    public init(events: [any DomainEvent]) {
        for event in events { apply(event) }
    }

    /// Whether the payment was scheduled.
    public var isScheduled: Bool { scheduled != nil }

    /// The amount issued and neither failed nor reversed (confirmed or in flight): what the household
    /// received or is receiving.
    public var outstandingIssuedMinor: Int64 {
        switch stage {
        case .issued, .confirmed: return issue?.amountMinor ?? 0
        default: return 0
        }
    }

    /// The payment after `event`.
    /// - Parameter event: an event of the payment's stream.
    /// - Returns: the new state; `self` unchanged for events of other streams.
    public func evolve(_ event: any DomainEvent) -> Payment {
        var next = self
        next.apply(event)
        return next
    }

    /// Applies `event` in place (see ``evolve(_:)``).
    /// - Parameter event: an event of the payment's stream.
    public mutating func apply(_ event: any DomainEvent) {
        switch event {
        case let e as PaymentScheduled:
            scheduled = e
            stage = .scheduled
        case let e as PaymentIssued:
            issue = e
            failure = nil
            stage = .issued
            tally.issued += 1
            tally.issuedMinor &+= e.amountMinor
            tally.inFlight += 1
            tally.inFlightMinor &+= e.amountMinor
        case let e as PaymentConfirmed:
            if stage == .issued { settleInFlight() }
            stage = .confirmed
            tally.confirmed += 1
            tally.confirmedMinor &+= e.amountMinor
        case let e as PaymentFailed:
            if stage == .issued { settleInFlight() }
            failure = e
            stage = .failed
            tally.failed += 1
            tally.failedMinor &+= issue?.amountMinor ?? 0
        case let e as PaymentReversed:
            if stage == .issued { settleInFlight() }
            if stage == .confirmed {
                tally.confirmed -= 1
                tally.confirmedMinor &-= issue?.amountMinor ?? 0
            }
            stage = .reversed
            tally.reversed += 1
            tally.reversedMinor &+= e.amountMinor
        default:
            break
        }
    }

    mutating func settleInFlight() {
        tally.inFlight -= 1
        tally.inFlightMinor &-= issue?.amountMinor ?? 0
    }
}
