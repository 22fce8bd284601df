/// The stream ids of the benefits domain, as the schemas' `x-stream` templates spell them
/// (EventSchemas/README.md, "Streams"). Each event's ``DomainEvent/streamID`` gives the same id.
public enum BenefitsStream {
    /// `household-{householdId}`: registry facts.
    public static func household(_ householdId: HouseholdID) -> String { "household-\(householdId)" }

    /// `programme-{programmeId}`: definition, formula, rule and schedule versions, budgets, top-up declarations.
    public static func programme(_ programmeId: ProgrammeID) -> String { "programme-\(programmeId)" }

    /// `beneficiary-{programmeId}-{householdId}`: the household's life in one programme.
    public static func beneficiary(_ programmeId: ProgrammeID, _ householdId: HouseholdID) -> String {
        "beneficiary-\(programmeId)-\(householdId)"
    }

    /// `payment-cycle-{programmeId}-{cycle}`: a cycle opened and closed.
    public static func paymentCycle(_ programmeId: ProgrammeID, _ cycle: PaymentCycle) -> String {
        "payment-cycle-\(programmeId)-\(cycle)"
    }

    /// `payment-{programmeId}-{cycle}-{householdId}`: one payment.
    public static func payment(_ programmeId: ProgrammeID, _ cycle: PaymentCycle, _ householdId: HouseholdID) -> String {
        "payment-\(programmeId)-\(cycle)-\(householdId)"
    }

    /// `cost-projection-{programmeId}`: the programme's published cost projections.
    public static func costProjection(_ programmeId: ProgrammeID) -> String { "cost-projection-\(programmeId)" }

    /// `cross-match-{crossMatchRunId}`: one cross-match run and its hits.
    public static func crossMatch(_ runId: CrossMatchRunID) -> String { "cross-match-\(runId)" }

    /// `person-{personId}`: facts about a person's personal data kept outside the ledger (its erasure).
    public static func person(_ personId: PersonID) -> String { "person-\(personId)" }
}
