import Benefits

/// What country to generate: a seed, a number of households and of monthly cycles, when the
/// emergency top-up is declared, if at all, and a change of the benefit schedule, if any.
public struct DemoCountryConfiguration: Sendable, Hashable {
    /// The seed every draw derives from.
    public var seed: UInt64
    /// Households to register (1 … 50,000,000).
    public var households: Int
    /// Monthly payment cycles (1 … 120), from January 2025.
    public var months: Int
    /// Requests handed to the caller at once.
    public var chunkSize: Int = 5000
    /// When the emergency top-up is declared: ``TopUpPlan/standard`` unless told.
    public let topUp: TopUpPlan
    /// A published change of the benefit schedule: none unless told.
    public let scheduleChange: ScheduleChangePlan?
    /// How the month-4 cross-match is done: in memory by the generator (the default), or left to the
    /// real private-set-intersection protocol against partner files (``CrossMatchPlan``).
    public let crossMatch: CrossMatchPlan

    /// The largest country: household ids carry eight digits.
    public static let maximumHouseholds = 50_000_000

    /// A configuration, checked.
    /// - Parameters:
    ///   - seed: the seed.
    ///   - households: at least 1.
    ///   - months: 1 through 120.
    ///   - topUp: when the emergency top-up is declared; a ``TopUpPlan/month(_:)`` is 1 through `months`.
    ///   - scheduleChange: a change of the benefit schedule, published in one of the run's months.
    ///   - crossMatch: how the cross-match is done: ``CrossMatchPlan/inMemory`` unless told.
    /// - Throws: ``DemoCountryError`` `invalid_option` naming `households`, `months`, `topUp` or
    ///   `scheduleChange.publishedInMonth`.
    public init(
        seed: UInt64, households: Int, months: Int, topUp: TopUpPlan = .standard, scheduleChange: ScheduleChangePlan? = nil,
        crossMatch: CrossMatchPlan = .inMemory
    ) throws(DemoCountryError) {
        guard households >= 1, households <= Self.maximumHouseholds else {
            throw DemoCountryError(
                code: "invalid_option", message: "must be between 1 and \(Self.maximumHouseholds), got \(households)", field: "households",
                rule: "range")
        }
        guard (1...120).contains(months) else {
            throw DemoCountryError(code: "invalid_option", message: "must be between 1 and 120, got \(months)", field: "months", rule: "range")
        }
        if case .month(let month) = topUp, !(1...months).contains(month) {
            throw DemoCountryError(
                code: "invalid_option", message: "must be between 1 and the run's \(months) months, got \(month)", field: "topUp", rule: "range")
        }
        if let change = scheduleChange, change.publishedInMonth > months {
            throw DemoCountryError(
                code: "invalid_option", message: "must be within the run's \(months) months, got \(change.publishedInMonth)",
                field: "scheduleChange.publishedInMonth", rule: "range")
        }
        self.seed = seed
        self.households = households
        self.months = months
        self.topUp = topUp
        self.scheduleChange = scheduleChange
        self.crossMatch = crossMatch
    }

    /// The month the emergency top-up is declared in, or `nil` when there is none.
    public var topUpMonth: Int? { topUp.month(in: months) }

    /// The prefix of every idempotency key: `demo-<seed>-<households>x<months>`, followed by what sets
    /// the country apart from the standard one of that size: `-topup<N>` when the top-up falls in
    /// another month than the standard one, `-notopup` when there is none, and `-schedule<P>to<E>`
    /// with a schedule change (and a digest of its tables when they are not the suggested ones), `-psi`
    /// when the cross-match is left to the private-set-intersection protocol. A
    /// different country never reuses a key of another; the same country (a ``TopUpPlan/month(_:)``
    /// that is the standard month) keeps the standard keys, so loading it again appends nothing.
    public var keyPrefix: String {
        var prefix = "demo-\(seed)-\(households)x\(months)"
        if topUpMonth != TopUpPlan.standardMonth(in: months) { prefix += topUpMonth.map { "-topup\($0)" } ?? "-notopup" }
        if let change = scheduleChange { prefix += change.keySuffix }
        if crossMatch == .privateSetIntersection { prefix += "-psi" }
        return prefix
    }

    /// The programme's monthly cycles, January 2025 on.
    public var cycles: [PaymentCycle] {
        (0..<months).map { PaymentCycle(year: 2025 + $0 / 12, month: $0 % 12 + 1)! }
    }
}
