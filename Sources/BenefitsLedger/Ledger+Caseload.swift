import Benefits
import EventStore

extension Ledger {
    /// Schedules a cycle's payments for a caseload with the store's bulk append.
    ///
    /// Reads the cycle, then each candidate's beneficiary and payment streams (``readConcurrency`` at
    /// a time), decides with ``SchedulePayments/decide(cycle:candidates:)``, and appends one request
    /// per payment: the payment stream with expected version "no stream", under
    /// `<idempotencyKey>/<householdId>`, in bulk appends of ``bulkChunkSize`` requests. Running it
    /// again with the same key appends nothing new; with a new key it schedules only households not
    /// yet paid in the cycle.
    /// - Parameters:
    ///   - run: the cycle and its candidate households.
    ///   - metadata: recorded on every event.
    ///   - idempotencyKey: the run's key.
    /// - Returns: the payments scheduled, the households skipped, and the counts appended.
    /// - Throws: ``DomainRejection`` `unknown_cycle` or `cycle_closed` (nothing appended);
    ///   ``EventStoreError`` from a bulk append (that chunk appended nothing; run again to finish).
    public func schedulePayments(_ run: SchedulePayments, metadata: EventMetadata, idempotencyKey: String) async throws
        -> CaseloadOutcome<PaymentScheduled>
    {
        let cycle = PaymentCycleState(events: try await read(PaymentCycleKey(run.programmeId, run.cycle).stream, cuttingAt: idempotencyKey).events)
        let households = Ledger.unique(run.households)
        let loaded = try await concurrentMap(households) { [self] householdId in
            let key = Ledger.requestKey(idempotencyKey, householdId)
            let beneficiary = try await read(BeneficiaryKey(run.programmeId, householdId).stream, cuttingAt: key)
            let payment = try await read(PaymentKey(run.programmeId, run.cycle, householdId).stream, cuttingAt: key)
            return (householdId, Beneficiary(events: beneficiary.events), Payment(events: payment.events), payment.version)
        }
        let decision = try run.decide(cycle: cycle, candidates: loaded.map { (householdId: $0.0, beneficiary: $0.1, payment: $0.2) })
        let versions = Dictionary(uniqueKeysWithValues: loaded.map { (PaymentKey(run.programmeId, run.cycle, $0.0).stream, $0.3) })
        let requests = try decision.decided.map { event throws(EventStoreError) in
            try Ledger.appendRequest(
                [event], versions: versions, metadata: metadata, idempotencyKey: Ledger.requestKey(idempotencyKey, event.householdId))
        }
        return try await bulkAppend(requests, decision: decision)
    }

    /// Grants a declared top-up to a caseload with the store's bulk append.
    ///
    /// Reads the programme, then each candidate's household and beneficiary streams, decides with
    /// ``GrantTopUps/decide(programme:candidates:)``, and appends one request per grant to the
    /// beneficiary stream under `<idempotencyKey>/<householdId>`.
    /// - Parameters:
    ///   - run: the top-up, the grant date and the candidate households.
    ///   - metadata: recorded on every event.
    ///   - idempotencyKey: the run's key.
    /// - Returns: the grants, the households skipped, and the counts appended.
    /// - Throws: ``DomainRejection`` `unknown_programme`, `unknown_top_up`, `effective_date_too_early`;
    ///   ``EventStoreError`` from a bulk append.
    public func grantTopUps(_ run: GrantTopUps, metadata: EventMetadata, idempotencyKey: String) async throws -> CaseloadOutcome<TopUpGranted> {
        let programme = Programme(events: try await read(BenefitsStream.programme(run.programmeId), cuttingAt: idempotencyKey).events)
        let households = Ledger.unique(run.households)
        let loaded = try await concurrentMap(households) { [self] householdId in
            let key = Ledger.requestKey(idempotencyKey, householdId)
            let household = try await read(BenefitsStream.household(householdId), cuttingAt: key)
            let beneficiary = try await read(BeneficiaryKey(run.programmeId, householdId).stream, cuttingAt: key)
            return (householdId, Household(events: household.events), Beneficiary(events: beneficiary.events), beneficiary.version)
        }
        let decision = try run.decide(programme: programme, candidates: loaded.map { (householdId: $0.0, household: $0.1, beneficiary: $0.2) })
        let versions = Dictionary(uniqueKeysWithValues: loaded.map { (BeneficiaryKey(run.programmeId, $0.0).stream, $0.3) })
        let requests = try decision.decided.map { event throws(EventStoreError) in
            try Ledger.appendRequest(
                [event], versions: versions, metadata: metadata, idempotencyKey: Ledger.requestKey(idempotencyKey, event.householdId))
        }
        return try await bulkAppend(requests, decision: decision)
    }

    /// Proposes the exclusions a recorded cross-match run leads to, with the store's bulk append.
    ///
    /// Reads the programme (its cross-match exclusion rule) and the run, then the beneficiary stream
    /// of each household the run has hits on, decides with
    /// ``ProposeExclusions/decide(programme:run:beneficiaries:)``, and appends one request per
    /// proposal to the beneficiary stream under `<idempotencyKey>/<householdId>`. Running it again
    /// with the same key appends nothing new; with a new key, nothing either: a run proposes a
    /// household once.
    /// - Parameters:
    ///   - run: the programme, the run, who proposes and when.
    ///   - metadata: recorded on every event (its `ruleVersion` may name the exclusion rule's).
    ///   - idempotencyKey: the run's key.
    /// - Returns: the proposals, the households skipped and why, and the counts appended.
    /// - Throws: ``DomainRejection`` `unknown_programme`, `unknown_cross_match_run`, `no_exclusion_rule_in_force`,
    ///   `effective_date_too_early` (nothing appended); ``EventStoreError`` from a bulk append.
    public func proposeExclusions(_ run: ProposeExclusions, metadata: EventMetadata, idempotencyKey: String) async throws
        -> CaseloadOutcome<ExclusionProposed>
    {
        let programme = Programme(events: try await read(BenefitsStream.programme(run.programmeId), cuttingAt: idempotencyKey).events)
        let matchRun = CrossMatchRun(events: try await read(BenefitsStream.crossMatch(run.crossMatchRunId), cuttingAt: idempotencyKey).events)
        let households = Ledger.unique(matchRun.hits.values.map(\.householdId).sorted())
        let loaded = try await concurrentMap(households) { [self] householdId in
            let beneficiary = try await read(BeneficiaryKey(run.programmeId, householdId).stream, cuttingAt: Ledger.requestKey(idempotencyKey, householdId))
            return (householdId, Beneficiary(events: beneficiary.events), beneficiary.version)
        }
        let decision = try run.decide(
            programme: programme, run: matchRun, beneficiaries: Dictionary(uniqueKeysWithValues: loaded.map { ($0.0, $0.1) }))
        let versions = Dictionary(uniqueKeysWithValues: loaded.map { (BeneficiaryKey(run.programmeId, $0.0).stream, $0.2) })
        let requests = try decision.decided.map { event throws(EventStoreError) in
            try Ledger.appendRequest(
                [event], versions: versions, metadata: metadata, idempotencyKey: Ledger.requestKey(idempotencyKey, event.householdId))
        }
        return try await bulkAppend(requests, decision: decision)
    }

    func bulkAppend<Event>(_ requests: [AppendRequest], decision: CaseloadDecision<Event>) async throws -> CaseloadOutcome<Event> {
        var appended = 0
        var duplicates = 0
        var start = 0
        while start < requests.count {
            let end = min(start + max(bulkChunkSize, 1), requests.count)
            let result = try await store.bulkAppend(Array(requests[start..<end]))
            appended += result.appendedRequests
            duplicates += result.duplicateRequests
            start = end
        }
        return CaseloadOutcome(decision: decision, appendedRequests: appended, duplicateRequests: duplicates)
    }

    static func unique(_ households: [HouseholdID]) -> [HouseholdID] {
        var seen = Set<HouseholdID>()
        return households.filter { seen.insert($0).inserted }
    }
}
