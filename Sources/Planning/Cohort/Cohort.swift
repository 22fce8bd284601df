import Benefits
import EventStore

/// Everything the planner reads of the ledger, as known at one pinned ledger position: the
/// programme (its rules, schedules, budgets and top-ups, future-dated ones included), its households,
/// and the flows of the months before the pin.
public struct Cohort: Sendable {
    /// The programme's fold at the pin.
    public var programme: Programme
    /// The ledger position the cohort is read at: every event with `ledger_seq ≤ pin`, and no other.
    public var pin: Int64
    /// The programme's households at the pin: payable, suspended, excluded and, when loaded, candidates.
    public var households: [CohortHousehold]
    /// Flows by month and governorate before the pin (the trailing window the rates come from).
    public var flows: [PaymentCycle: [GovernorateCode: ObservedFlows]]

    /// Creates a cohort; each parameter sets the property of the same name.
    public init(programme: Programme, pin: Int64, households: [CohortHousehold], flows: [PaymentCycle: [GovernorateCode: ObservedFlows]] = [:]) {
        self.programme = programme
        self.pin = pin
        self.households = households
        self.flows = flows
    }
}
