/// A household's payments in a programme from one cycle on: each month's cycle stream and payment stream.
///
/// ``Ledger`` reads every month from ``from`` through ``through``, and goes on past ``through`` while
/// the programme has opened cycles, so that a retroactive decision sees every payment already made.
public struct PaymentHistoryRange: Sendable, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The household.
    public var householdId: HouseholdID
    /// The first cycle to read.
    public var from: PaymentCycle
    /// The last cycle that is always read; later ones are read while they exist.
    public var through: PaymentCycle

    /// Creates a range; each parameter sets the property of the same name.
    public init(_ programmeId: ProgrammeID, _ householdId: HouseholdID, from: PaymentCycle, through: PaymentCycle) {
        self.programmeId = programmeId
        self.householdId = householdId
        self.from = from
        self.through = through
    }
}
