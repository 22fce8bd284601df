import EventStore

/// Propose the exclusions a cross-match run leads to under the programme's cross-match exclusion rule:
/// one ``ProposeExclusion`` per household whose hits meet the rule, decided as that command is; the
/// other households of the run are skipped with the reason.
/// ``Ledger/proposeExclusions(_:metadata:idempotencyKey:)`` appends the proposals with the store's bulk append.
public struct ProposeExclusions: Sendable, Hashable {
    /// The programme.
    public var programmeId: ProgrammeID
    /// The recorded run.
    public var crossMatchRunId: CrossMatchRunID
    /// Who proposes (`system:cross-match`, or whoever finishes the run).
    public var proposedBy: ActorID
    /// The date of the proposals; the rule in force on it applies.
    public var proposedOn: BusinessDate

    /// Creates the command; each parameter sets the property of the same name.
    public init(programmeId: ProgrammeID, crossMatchRunId: CrossMatchRunID, proposedBy: ActorID, proposedOn: BusinessDate) {
        self.programmeId = programmeId
        self.crossMatchRunId = crossMatchRunId
        self.proposedBy = proposedBy
        self.proposedOn = proposedOn
    }

    /// The id of a run's proposal for a household: `XP-` and the first 20 hex digits, upper case, of
    /// SHA-256 over `<runId>/<householdId>`. The same run and household always give the same id, so
    /// that proposing a run again finds the proposals it already made.
    /// - Parameters:
    ///   - run: the run.
    ///   - householdId: the household.
    /// - Returns: the proposal id.
    public static func proposalId(run: CrossMatchRunID, householdId: HouseholdID) -> ProposalID {
        ProposalID("XP-" + EventHash.sha256Hex(of: "\(run)/\(householdId)").prefix(20).uppercased())
    }

    /// The single-household command for one of the rule's proposals.
    /// - Parameters:
    ///   - proposal: what the rule proposes for the household.
    ///   - enrolledOn: the household's enrolment date: the exclusion cannot take effect before it.
    /// - Returns: the command.
    public func propose(_ proposal: CrossMatchProposal, enrolledOn: BusinessDate?) -> ProposeExclusion {
        ProposeExclusion(
            proposalId: Self.proposalId(run: crossMatchRunId, householdId: proposal.householdId), programmeId: programmeId,
            householdId: proposal.householdId, reason: proposal.reason, proposedBy: proposedBy, proposedOn: proposedOn,
            effectiveOn: max(proposal.effectiveOn, enrolledOn ?? proposal.effectiveOn), evidenceRef: proposal.evidenceRef,
            crossMatchRunId: crossMatchRunId, hitIds: proposal.hitIds, personId: proposal.personId)
    }

    /// Decides the proposals: ``CrossMatchExclusionRule/proposals(for:)`` of the rule in force on the
    /// proposal date, then ``Beneficiary/decide(_:run:)`` for each, once per household.
    /// - Parameters:
    ///   - programme: the programme with its cross-match exclusion rule.
    ///   - run: the run with its hits.
    ///   - beneficiaries: the households the run has hits on, each with its record in the programme (a
    ///     household left out is read as never enrolled).
    /// - Returns: the proposals, and the households skipped: `exclusion_rule_not_met` when no hit on it
    ///   meets a criterion, else the rejection of ``ProposeExclusion`` (`not_enrolled`, `household_excluded`,
    ///   `proposal_already_open`, `duplicate_identifier` when the run already proposed it).
    /// - Throws: ``DomainRejection`` `unknown_programme`, `unknown_cross_match_run`, `no_exclusion_rule_in_force`,
    ///   `effective_date_too_early` (proposals before the run completed), which stop the run.
    public func decide(programme: Programme, run: CrossMatchRun, beneficiaries: [HouseholdID: Beneficiary])
        throws(DomainRejection) -> CaseloadDecision<ExclusionProposed>
    {
        guard programme.isDefined else { throw .unknownProgramme(programmeId) }
        guard let recorded = run.run, recorded.crossMatchRunId == crossMatchRunId, recorded.programmeId == programmeId else {
            throw DomainRejection(
                .unknownCrossMatchRun, rule: "proposals come from a run recorded for programme \(programmeId)", field: "crossMatchRunId",
                value: crossMatchRunId.rawValue)
        }
        guard proposedOn >= recorded.completedAt.date else {
            throw .tooEarly(proposedOn, field: "proposedOn", notBefore: recorded.completedAt.date, what: "the run's completion")
        }
        guard let rule = programme.crossMatchRule(inForceOn: proposedOn) else {
            throw DomainRejection(
                .noExclusionRuleInForce, rule: "a cross-match exclusion rule is in force on the proposal date", field: "proposedOn",
                value: proposedOn.description)
        }
        var result = CaseloadDecision<ExclusionProposed>()
        let proposals = rule.proposals(for: run)
        for householdId in rule.householdsNotMeeting(run, proposals: proposals) {
            result.skipped.append(
                .init(
                    householdId: householdId,
                    rejection: DomainRejection(
                        .exclusionRuleNotMet, rule: "cross-match exclusion rule v\(rule.version): no hit of the run on the household meets a criterion",
                        field: "householdId", value: householdId.rawValue)))
        }
        for proposal in proposals {
            let beneficiary = beneficiaries[proposal.householdId] ?? Beneficiary()
            do {
                let events = try beneficiary.decide(propose(proposal, enrolledOn: beneficiary.enrolledOn), run: run)
                result.decided += events.compactMap { $0 as? ExclusionProposed }
            } catch {
                result.skipped.append(.init(householdId: proposal.householdId, rejection: error))
            }
        }
        return result
    }
}
