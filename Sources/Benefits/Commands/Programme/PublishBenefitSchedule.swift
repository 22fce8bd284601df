import EventStore

/// Publish the next version of the programme's benefit schedule, in force from a date: a size table by
/// the head's sex and/or a base with per-member components, and a cap.
public struct PublishBenefitSchedule: Command, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The version: the latest plus one.
    public var scheduleVersion: Int
    /// First date whose entitlement is computed with this version.
    public var effectiveFrom: BusinessDate
    /// The legal instrument.
    public var legalBasis: LegalBasis
    /// The currency of every amount: the programme's.
    public var currency: Currency
    /// Monthly amount by household size, per head's sex.
    public var sizeTableByHeadSex: BenefitSchedulePublished.SizeTable?
    /// Flat amount per household.
    public var baseAmountMinor: Int64?
    /// Per-member components.
    public var memberComponents: BenefitSchedulePublished.MemberComponents?
    /// Highest monthly entitlement.
    public var capAmountMinor: Int64?

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, scheduleVersion: Int, effectiveFrom: BusinessDate, legalBasis: LegalBasis, currency: Currency,
        sizeTableByHeadSex: BenefitSchedulePublished.SizeTable? = nil, baseAmountMinor: Int64? = nil,
        memberComponents: BenefitSchedulePublished.MemberComponents? = nil, capAmountMinor: Int64? = nil
    ) {
        self.programmeId = programmeId
        self.scheduleVersion = scheduleVersion
        self.effectiveFrom = effectiveFrom
        self.legalBasis = legalBasis
        self.currency = currency
        self.sizeTableByHeadSex = sizeTableByHeadSex
        self.baseAmountMinor = baseAmountMinor
        self.memberComponents = memberComponents
        self.capAmountMinor = capAmountMinor
    }

    /// The programme's stream.
    public var inputs: DecisionInputs { DecisionInputs(programmes: [programmeId]) }

    /// Decided by `Programme.decide(_:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.programme(programmeId).decide(self)
    }
}
