/// Where a payment is in its life: scheduled, issued (in flight), confirmed, failed or reversed.
public enum PaymentStage: String, Sendable, Hashable, CustomStringConvertible {
    /// No payment was scheduled.
    case notScheduled
    /// Scheduled, not yet issued.
    case scheduled
    /// Issued to a provider, without an outcome yet: in flight.
    case issued
    /// The provider confirmed receipt.
    case confirmed
    /// The issue failed; see ``Payment/failure`` for whether it may be issued again.
    case failed
    /// An issued payment was reversed.
    case reversed

    /// The stage as a code.
    public var description: String { rawValue }
}
