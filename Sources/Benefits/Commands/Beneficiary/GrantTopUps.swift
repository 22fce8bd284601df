import EventStore

/// Grant a declared emergency top-up to a caseload: every listed household enrolled on the grant
/// date in a declared area gets it; the others are skipped with the reason.
/// ``Ledger/grantTopUps(_:metadata:idempotencyKey:)`` appends the grants with the store's bulk append.
public struct GrantTopUps: Sendable, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The top-up.
    public var topUpId: TopUpID
    /// The date of the grants.
    public var grantedOn: BusinessDate
    /// The candidate households.
    public var households: [HouseholdID]

    /// Creates the command; each parameter sets the property of the same name.
    public init(programmeId: ProgrammeID, topUpId: TopUpID, grantedOn: BusinessDate, households: [HouseholdID]) {
        self.programmeId = programmeId
        self.topUpId = topUpId
        self.grantedOn = grantedOn
        self.households = households
    }

    /// The single-household command for one candidate.
    /// - Parameter householdId: the household.
    /// - Returns: the command.
    public func grant(to householdId: HouseholdID) -> GrantTopUp {
        GrantTopUp(programmeId: programmeId, topUpId: topUpId, householdId: householdId, grantedOn: grantedOn)
    }

    /// Decides the grants: ``Beneficiary/decide(_:household:programme:)`` for each candidate, once per household.
    /// - Parameters:
    ///   - programme: the programme with the declaration.
    ///   - candidates: each household with its registry record and its beneficiary record.
    /// - Returns: the grants and the households skipped.
    /// - Throws: ``DomainRejection`` `unknown_programme`, `unknown_top_up` or `effective_date_too_early`, which stop the run.
    public func decide(programme: Programme, candidates: [(householdId: HouseholdID, household: Household, beneficiary: Beneficiary)])
        throws(DomainRejection) -> CaseloadDecision<TopUpGranted>
    {
        _ = try Beneficiary.declaration(topUpId, of: programme, programmeId, on: grantedOn, field: "grantedOn")
        var result = CaseloadDecision<TopUpGranted>()
        var seen = Set<HouseholdID>()
        for candidate in candidates where seen.insert(candidate.householdId).inserted {
            do {
                let events = try candidate.beneficiary.decide(grant(to: candidate.householdId), household: candidate.household, programme: programme)
                result.decided += events.compactMap { $0 as? TopUpGranted }
            } catch {
                result.skipped.append(.init(householdId: candidate.householdId, rejection: error))
            }
        }
        return result
    }
}
