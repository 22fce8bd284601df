import Benefits
import EventStore
import Foundation

/// One cell of a plan: a month, a governorate and a payment component, with the expected households
/// and amounts. Amounts are expected values in ledger units, rounded half to even once per cell.
public struct PlanRow: Sendable, Hashable {
    /// The month (payment cycle).
    public var month: PaymentCycle
    /// The governorate.
    public var governorate: GovernorateCode
    /// The payment component.
    public var component: PaymentComponentCode
    /// Expected households paid this component, to three decimals.
    public var households: Decimal
    /// Expected scheduled amount.
    public var scheduledMinor: Int64
    /// Expected amount of payments failing for good.
    public var failedMinor: Int64
    /// Administrative cost: the share of (scheduled − failed).
    public var administrationMinor: Int64

    /// Creates a row; each parameter sets the property of the same name.
    public init(
        month: PaymentCycle, governorate: GovernorateCode, component: PaymentComponentCode, households: Decimal, scheduledMinor: Int64,
        failedMinor: Int64, administrationMinor: Int64
    ) {
        self.month = month
        self.governorate = governorate
        self.component = component
        self.households = households
        self.scheduledMinor = scheduledMinor
        self.failedMinor = failedMinor
        self.administrationMinor = administrationMinor
    }

    /// The cost to the treasury: scheduled − failed + administration.
    public var costMinor: Int64 { scheduledMinor &- failedMinor &+ administrationMinor }
}
