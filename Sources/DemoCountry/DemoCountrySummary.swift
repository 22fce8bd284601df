import Benefits
import EventStore

/// What the generator drew and decided, counted as it went: the demo's report before any read model.
public struct DemoCountrySummary: Sendable, Hashable {
    public var households = 0
    public var persons = 0
    public var householdsByGovernorate: [String: Int] = [:]
    /// Households of size 1 … 9 and 10+ (index 9).
    public var householdsBySize = [Int](repeating: 0, count: 10)
    public var femaleHeaded = 0
    public var males = 0
    /// Persons aged 0–4, 5–14, 15–17, 18–59, 60+ on 1 June 2024.
    public var personsByAgeBand = [Int](repeating: 0, count: 5)
    public var personsAged65Plus = 0
    public var personsWithDisability = 0
    /// Persons whose actual consumption is below the poverty line.
    public var personsBelowPovertyLine = 0
    /// The formula's published intercept, millionths.
    public var interceptMicro: Int64 = 0
    public var eligible = 0
    public var enrolled = 0
    public var enrolledPersons = 0
    public var enrolledFemaleHeaded = 0
    /// Monthly entitlement of the caseload at enrolment, dinars.
    public var enrolledMonthlyEntitlement: Int64 = 0
    public var months = 0
    public var paymentsScheduled = 0
    public var paymentsFailed = 0
    public var paymentsReissued = 0
    public var paymentsReversed = 0
    public var scheduledAmount: Int64 = 0
    public var exits = 0
    public var crossMatchHits = 0
    public var proposalsDismissed = 0
    public var excludedByReason: [ExclusionReason: Int] = [:]
    public var retroactiveExclusions = 0
    public var overpaymentsIdentified = 0
    public var appeals = 0
    public var reinstated = 0
    public var appealsRejected = 0
    public var topUpGrants = 0
    /// Governorates of the emergency top-up.
    public var topUpGovernorates: [String] = []
    /// The first day of the benefit schedule's version 2, when one was published.
    public var scheduleChangeEffectiveFrom: BusinessDate?
    /// Entitlements recalculated under version 2 (`EntitlementChanged`, cause `scheduleChanged`).
    public var entitlementsRecalculated = 0
    /// Households of the caseload the recalculation left out: exited or excluded by then.
    public var recalculationsSkipped = 0
    /// A household that was excluded, appealed and was reinstated (for `daftar history`), if any.
    public var reinstatedExample: HouseholdID?
    public var requests = 0
    public var events = 0

    /// Creates an empty summary.
    public init() {}

    /// Households excluded, all reasons.
    public var excluded: Int { excludedByReason.values.reduce(0, +) }
}
