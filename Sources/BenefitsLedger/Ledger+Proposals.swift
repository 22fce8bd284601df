import Benefits
import EventStore

extension Ledger {
    /// Proposes exclusions for the households a recorded cross-match run hit, as the programme's
    /// cross-match exclusion rule in force says, with the store's bulk append.
    ///
    /// Reads the programme and the run, then each hit household's beneficiary stream, decides with
    /// ``ProposeExclusions/decide(programme:run:beneficiaries:)``, and appends one request per proposal
    /// under `<idempotencyKey>/<householdId>`. Proposals, not exclusions: a checker decides each.
    /// - Parameters:
    ///   - run: the programme, the run, who proposes and when.
    ///   - metadata: recorded on every event.
    ///   - idempotencyKey: the run's key.
    /// - Returns: the proposals, the households skipped with why, and the counts appended.
    /// - Throws: ``DomainRejection`` `unknown_programme`, `unknown_cross_match_run`, `no_exclusion_rule_in_force`;
    ///   ``EventStoreError`` from a bulk append.
    public func proposeExclusions(_ run: ProposeExclusions, metadata: EventMetadata, idempotencyKey: String) async throws
        -> CaseloadOutcome<ExclusionProposed>
    {
        let programme = Programme(events: try await read(BenefitsStream.programme(run.programmeId), cuttingAt: idempotencyKey).events)
        let matched = CrossMatchRun(events: try await read(BenefitsStream.crossMatch(run.crossMatchRunId), cuttingAt: idempotencyKey).events)
        let households = Ledger.unique(matched.hits.values.map(\.householdId).sorted())
        let loaded = try await concurrentMap(households) { [self] householdId in
            let stream = try await read(BeneficiaryKey(run.programmeId, householdId).stream, cuttingAt: Ledger.requestKey(idempotencyKey, householdId))
            return (householdId, Beneficiary(events: stream.events), stream.version)
        }
        let decision = try run.decide(
            programme: programme, run: matched, beneficiaries: Dictionary(uniqueKeysWithValues: loaded.map { ($0.0, $0.1) }))
        let versions = Dictionary(uniqueKeysWithValues: loaded.map { (BeneficiaryKey(run.programmeId, $0.0).stream, $0.2) })
        let requests = try decision.decided.map { event throws(EventStoreError) in
            try Ledger.appendRequest(
                [event], versions: versions, metadata: metadata, idempotencyKey: Ledger.requestKey(idempotencyKey, event.householdId))
        }
        return try await bulkAppend(requests, decision: decision)
    }
}
