import Benefits

/// What country to generate: a seed, a number of households and of monthly cycles.
public struct DemoCountryConfiguration: Sendable, Hashable {
    /// The seed every draw derives from.
    public var seed: UInt64
    /// Households to register (1 … 50,000,000).
    public var households: Int
    /// Monthly payment cycles (1 … 120), from January 2025.
    public var months: Int
    /// Requests handed to the caller at once.
    public var chunkSize: Int = 5000

    /// The largest country: household ids carry eight digits.
    public static let maximumHouseholds = 50_000_000

    /// A configuration, checked.
    /// - Parameters:
    ///   - seed: the seed.
    ///   - households: at least 1.
    ///   - months: 1 through 120.
    /// - Throws: ``DemoCountryError`` `invalid_option` naming `households` or `months`.
    public init(seed: UInt64, households: Int, months: Int) throws(DemoCountryError) {
        guard households >= 1, households <= Self.maximumHouseholds else {
            throw DemoCountryError(
                code: "invalid_option", message: "must be between 1 and \(Self.maximumHouseholds), got \(households)", field: "households",
                rule: "range")
        }
        guard (1...120).contains(months) else {
            throw DemoCountryError(code: "invalid_option", message: "must be between 1 and 120, got \(months)", field: "months", rule: "range")
        }
        self.seed = seed
        self.households = households
        self.months = months
    }

    /// The prefix of every idempotency key: `demo-<seed>-<households>x<months>`; a different country
    /// never reuses a key of another.
    public var keyPrefix: String { "demo-\(seed)-\(households)x\(months)" }

    /// The programme's monthly cycles, January 2025 on.
    public var cycles: [PaymentCycle] {
        (0..<months).map { PaymentCycle(year: 2025 + $0 / 12, month: $0 % 12 + 1)! }
    }
}
