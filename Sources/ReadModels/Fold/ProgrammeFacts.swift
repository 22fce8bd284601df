import Benefits
import EventStore

/// What the views need of a programme's own streams (`programme-…`, `payment-cycle-…`, `cost-projection-…`).
struct ProgrammeFacts: Sendable {
    var programmeId: ProgrammeID
    var currency: Currency?
    var startsOn: BusinessDate?
    /// Cycles opened, the latest last.
    var cycles: Set<PaymentCycle> = []
    /// Allocations in the order recorded.
    var allocations: [BudgetAllocated] = []
    /// Cost projections published (stream `cost-projection-…`), in the order recorded.
    var publications: [PublishedProjection] = []
}
