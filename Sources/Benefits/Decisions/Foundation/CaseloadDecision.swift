/// What a decision over a programme's caseload decided: an event for each household it applies to,
/// and for each other candidate the rejection that kept it out (already paid, not enrolled,
/// suspended, excluded, outside the areas …). A skipped household is not an error of the run.
public struct CaseloadDecision<Event: DomainEvent>: Sendable {
    /// A candidate left out, and why.
    public struct Skip: Sendable, Hashable {
        /// The household.
        public var householdId: HouseholdID
        /// Why it was left out.
        public var rejection: DomainRejection

        /// Creates a skip; each parameter sets the property of the same name.
        public init(householdId: HouseholdID, rejection: DomainRejection) {
            self.householdId = householdId
            self.rejection = rejection
        }
    }

    /// The events decided, one per household, in the order of the candidates.
    public var decided: [Event]
    /// The candidates left out, in their order.
    public var skipped: [Skip]

    /// Creates a result; each parameter sets the property of the same name.
    public init(decided: [Event] = [], skipped: [Skip] = []) {
        self.decided = decided
        self.skipped = skipped
    }
}
