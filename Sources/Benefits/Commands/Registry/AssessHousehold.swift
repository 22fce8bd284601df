import EventStore

/// Apply a programme's proxy means test to a household: the formula version in force on the
/// assessment date turns the researcher's indicator values into a score.
public struct AssessHousehold: Command, Hashable {
    /// The household.
    public var householdId: HouseholdID
    /// The programme whose formula is applied.
    public var programmeId: ProgrammeID
    /// Date of the assessment (the researcher's visit); selects the formula version.
    public var assessedOn: BusinessDate
    /// The indicator values collected.
    public var indicators: HouseholdAssessed.Indicators
    /// The researcher or job that assessed.
    public var assessedBy: ActorID
    /// How the indicators were collected.
    public var method: HouseholdAssessed.Method

    /// Creates the command; each parameter sets the property of the same name.
    public init(
        householdId: HouseholdID, programmeId: ProgrammeID, assessedOn: BusinessDate, indicators: HouseholdAssessed.Indicators,
        assessedBy: ActorID, method: HouseholdAssessed.Method = .homeVisit
    ) {
        self.householdId = householdId
        self.programmeId = programmeId
        self.assessedOn = assessedOn
        self.indicators = indicators
        self.assessedBy = assessedBy
        self.method = method
    }

    /// The household's stream and the programme's (for the formula).
    public var inputs: DecisionInputs { DecisionInputs(households: [householdId], programmes: [programmeId]) }

    /// Decided by `Household.decide(_:programme:)`.
    public func decide(in context: DecisionContext) throws(DomainRejection) -> [any DomainEvent] {
        try context.household(householdId).decide(self, programme: context.programme(programmeId))
    }
}
