/// A household's monthly entitlement under a benefit schedule version: its components and their total.
public struct Entitlement: Sendable, Hashable {
    /// The schedule version it was computed with.
    public var scheduleVersion: Int
    /// The currency of every amount.
    public var currency: Currency
    /// The head's sex on the date (selects the row of a size table).
    public var headSex: Sex
    /// Members on the date.
    public var householdSize: Int
    /// The components; their amounts add up to ``monthlyAmountMinor``.
    public var components: [EntitlementComponent]
    /// The monthly amount in ledger units.
    public var monthlyAmountMinor: Int64

    /// Creates an entitlement; each parameter sets the property of the same name.
    public init(
        scheduleVersion: Int, currency: Currency, headSex: Sex, householdSize: Int, components: [EntitlementComponent], monthlyAmountMinor: Int64
    ) {
        self.scheduleVersion = scheduleVersion
        self.currency = currency
        self.headSex = headSex
        self.householdSize = householdSize
        self.components = components
        self.monthlyAmountMinor = monthlyAmountMinor
    }

    /// The monthly amount.
    public var monthlyAmount: Money { Money(minorUnits: monthlyAmountMinor, currency: currency) }

    /// The entitlement an enrolment recorded.
    /// - Parameter e: the event.
    public init(_ e: BeneficiaryEnrolled) {
        self.init(
            scheduleVersion: e.scheduleVersion, currency: e.currency, headSex: e.headSex, householdSize: e.householdSize, components: e.components,
            monthlyAmountMinor: e.monthlyAmountMinor)
    }

    /// The entitlement a change recorded.
    /// - Parameter e: the event.
    public init(_ e: EntitlementChanged) {
        self.init(
            scheduleVersion: e.scheduleVersion, currency: e.currency, headSex: e.headSex, householdSize: e.householdSize, components: e.components,
            monthlyAmountMinor: e.monthlyAmountMinor)
    }

    /// The entitlement a temporary enrolment recorded.
    /// - Parameter e: the event.
    public init(_ e: TemporaryEnrolmentGranted) {
        self.init(
            scheduleVersion: e.scheduleVersion, currency: e.currency, headSex: e.headSex, householdSize: e.householdSize, components: e.components,
            monthlyAmountMinor: e.monthlyAmountMinor)
    }
}
