/// A household in a programme: the key of a `beneficiary-{programmeId}-{householdId}` stream.
public struct BeneficiaryKey: Sendable, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The household.
    public var householdId: HouseholdID

    /// Creates a key; each parameter sets the property of the same name.
    public init(_ programmeId: ProgrammeID, _ householdId: HouseholdID) {
        self.programmeId = programmeId
        self.householdId = householdId
    }

    /// The stream id.
    public var stream: String { BenefitsStream.beneficiary(programmeId, householdId) }
}
