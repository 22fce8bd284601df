import Benefits
import EventStore

/// What the ledger shows of one governorate in one month before the pin: the households paid and
/// the flows in and out, from which the planner takes its default monthly rates.
public struct ObservedFlows: Sendable, Hashable {
    /// Households paid in the month: the payments scheduled for its cycle (one per household).
    public var payableHouseholds: Int
    /// Households that left the programme with an effective date in the month (`BeneficiaryExited`).
    public var exits: Int
    /// Households excluded with an effective date in the month on an individual decision, not on a
    /// cross-match run's proposal (a cross-match is a campaign the ministry decides, not a monthly flow).
    public var exclusions: Int
    /// Households enrolled for the first time, or temporarily, with an effective date in the month.
    public var entries: Int
    /// Payments scheduled for the month's cycle, in ledger units.
    public var scheduledMinor: Int64
    /// Of those, the scheduled amount of payments whose last attempt failed.
    public var failedMinor: Int64
    /// Appeals against an exclusion decided in the month.
    public var appealsDecided: Int
    /// Of those, the ones upheld (the exclusion reversed).
    public var appealsUpheld: Int

    /// Creates flows; each parameter sets the property of the same name.
    public init(
        payableHouseholds: Int = 0, exits: Int = 0, exclusions: Int = 0, entries: Int = 0, scheduledMinor: Int64 = 0, failedMinor: Int64 = 0,
        appealsDecided: Int = 0, appealsUpheld: Int = 0
    ) {
        self.payableHouseholds = payableHouseholds
        self.exits = exits
        self.exclusions = exclusions
        self.entries = entries
        self.scheduledMinor = scheduledMinor
        self.failedMinor = failedMinor
        self.appealsDecided = appealsDecided
        self.appealsUpheld = appealsUpheld
    }

    /// The sum of two months or governorates.
    public static func + (a: ObservedFlows, b: ObservedFlows) -> ObservedFlows {
        ObservedFlows(
            payableHouseholds: a.payableHouseholds + b.payableHouseholds, exits: a.exits + b.exits, exclusions: a.exclusions + b.exclusions,
            entries: a.entries + b.entries, scheduledMinor: a.scheduledMinor &+ b.scheduledMinor, failedMinor: a.failedMinor &+ b.failedMinor,
            appealsDecided: a.appealsDecided + b.appealsDecided, appealsUpheld: a.appealsUpheld + b.appealsUpheld)
    }
}
