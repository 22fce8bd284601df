import Benefits
import EventStore

/// The domain's command handling in memory: the streams a command reads are folded states held
/// here, the command's pure decision runs on them, and its events become one append request with
/// the versions the decision saw, as ``Ledger`` does over the store. Nothing is written around the
/// domain: every event of the demo country comes out of a decision.
///
/// To keep millions of households out of memory, the caller drops what it no longer needs
/// (``forget(_:)``, ``forgetPayments(before:keeping:)``).
struct CountryLedger {
    /// One household's streams and their versions.
    struct HouseholdStreams {
        var household = Household()
        var householdVersion: Int64 = 0
        var beneficiary = Beneficiary()
        var beneficiaryVersion: Int64 = 0
        var payments: [PaymentCycle: (payment: Payment, version: Int64)] = [:]
    }

    /// Where an event of a decided command goes.
    enum Target: Hashable {
        case household(HouseholdID), programme, beneficiary(HouseholdID), cycle(PaymentCycle), payment(PaymentCycle, HouseholdID),
            run(CrossMatchRunID)
    }

    let programmeId: ProgrammeID
    var programme = Programme()
    var programmeVersion: Int64 = 0
    var cycles: [PaymentCycle: (state: PaymentCycleState, version: Int64)] = [:]
    var runs: [CrossMatchRunID: (run: CrossMatchRun, version: Int64)] = [:]
    var households: [HouseholdID: HouseholdStreams] = [:]

    init(programmeId: ProgrammeID) { self.programmeId = programmeId }

    /// Decides `command` on the held states, folds its events into them, and returns the request.
    /// - Throws: ``DemoCountryError`` `domain_rejected` when the decision refuses the command.
    mutating func handle(_ command: some Command, metadata: EventMetadata, key: String) throws(DemoCountryError) -> AppendRequest? {
        switch try handleCandidate(command, metadata: metadata, key: key) {
        case .success(let request):
            return request
        case .failure(let error):
            throw DemoCountryError(
                code: "domain_rejected", message: "\(type(of: command)) was refused: \(error)", field: error.field, rule: error.rule)
        }
    }

    /// Decides `command` for one candidate of a caseload run, as ``CaseloadDecision`` does: a refusal
    /// leaves the candidate out (nothing folded) instead of stopping the run.
    /// - Returns: the request, `nil` when the decision had nothing to record, or the refusal.
    /// - Throws: ``DemoCountryError`` `domain_rejected` when the decided events cannot be recorded.
    mutating func handleCandidate(_ command: some Command, metadata: EventMetadata, key: String) throws(DemoCountryError)
        -> Result<AppendRequest?, DomainRejection>
    {
        let (context, targets) = load(command.inputs)
        let events: [any DomainEvent]
        do {
            events = try command.decide(in: context)
        } catch {
            return .failure(error)
        }
        guard !events.isEmpty else { return .success(nil) }
        return .success(try record(events, targets: targets, metadata: metadata, key: key))
    }

    /// Folds events decided elsewhere (a caseload decision) into the held states and returns their request.
    mutating func record(_ events: [any DomainEvent], targets: [String: Target], metadata: EventMetadata, key: String) throws(DemoCountryError)
        -> AppendRequest
    {
        var order: [String] = []
        var grouped: [String: [NewEvent]] = [:]
        var expected: [String: ExpectedVersion] = [:]
        var lastDate: BusinessDate?
        for event in events {
            let stream = event.streamID
            guard let target = targets[stream] else {
                throw DemoCountryError(
                    code: "domain_rejected", message: "\(event.eventType) goes to \(stream), a stream the decision did not read", field: "stream",
                    rule: "streamRead")
            }
            let date = event.effectiveDate ?? lastDate ?? DrawnHousehold.referenceDate
            lastDate = date
            if grouped[stream] == nil {
                order.append(stream)
                let version = self.version(of: target)
                expected[stream] = version == 0 ? .noStream : .exact(version)
            }
            grouped[stream, default: []].append(event.newEvent(metadata: metadata, effectiveAt: date))
            apply(event, to: target)
        }
        return AppendRequest(
            idempotencyKey: key, streams: order.map { StreamAppend(stream: $0, expected: expected[$0]!, events: grouped[$0]!) })
    }

    /// The context a command's inputs name, and where each of its streams' events would go.
    func load(_ inputs: DecisionInputs) -> (DecisionContext, [String: Target]) {
        var context = DecisionContext()
        var targets: [String: Target] = [:]
        for id in inputs.households {
            context.households[id] = households[id]?.household
            targets[BenefitsStream.household(id)] = .household(id)
        }
        for id in inputs.programmes where id == programmeId {
            context.programmes[id] = programme
            targets[BenefitsStream.programme(id)] = .programme
        }
        for key in inputs.beneficiaries {
            context.beneficiaries[key] = households[key.householdId]?.beneficiary
            targets[key.stream] = .beneficiary(key.householdId)
        }
        for key in inputs.paymentCycles {
            context.paymentCycles[key] = cycles[key.cycle]?.state
            targets[key.stream] = .cycle(key.cycle)
        }
        for key in inputs.payments {
            context.payments[key] = households[key.householdId]?.payments[key.cycle]?.payment
            targets[key.stream] = .payment(key.cycle, key.householdId)
        }
        for range in inputs.paymentHistories {
            for (cycle, held) in households[range.householdId]?.payments ?? [:] where cycle >= range.from {
                let key = PaymentKey(range.programmeId, cycle, range.householdId)
                context.payments[key] = held.payment
                context.paymentCycles[PaymentCycleKey(range.programmeId, cycle)] = cycles[cycle]?.state
                targets[key.stream] = .payment(cycle, range.householdId)
            }
        }
        for id in inputs.crossMatchRuns {
            context.crossMatchRuns[id] = runs[id]?.run
            targets[BenefitsStream.crossMatch(id)] = .run(id)
        }
        return (context, targets)
    }

    func version(of target: Target) -> Int64 {
        switch target {
        case .household(let id): households[id]?.householdVersion ?? 0
        case .programme: programmeVersion
        case .beneficiary(let id): households[id]?.beneficiaryVersion ?? 0
        case .cycle(let cycle): cycles[cycle]?.version ?? 0
        case .payment(let cycle, let id): households[id]?.payments[cycle]?.version ?? 0
        case .run(let id): runs[id]?.version ?? 0
        }
    }

    mutating func apply(_ event: any DomainEvent, to target: Target) {
        switch target {
        case .household(let id):
            households[id, default: HouseholdStreams()].household.apply(event)
            households[id]!.householdVersion += 1
        case .programme:
            programme.apply(event)
            programmeVersion += 1
        case .beneficiary(let id):
            households[id, default: HouseholdStreams()].beneficiary.apply(event)
            households[id]!.beneficiaryVersion += 1
        case .cycle(let cycle):
            var held = cycles[cycle] ?? (PaymentCycleState(), 0)
            held.state.apply(event)
            held.version += 1
            cycles[cycle] = held
        case .payment(let cycle, let id):
            var held = households[id, default: HouseholdStreams()].payments[cycle] ?? (Payment(), 0)
            held.payment.apply(event)
            held.version += 1
            households[id]!.payments[cycle] = held
        case .run(let id):
            var held = runs[id] ?? (CrossMatchRun(), 0)
            held.run.apply(event)
            held.version += 1
            runs[id] = held
        }
    }

    /// Drops a household's streams: no later command of the country reads them.
    mutating func forget(_ id: HouseholdID) { households[id] = nil }

    /// Drops payments of cycles before `cycle`, except for households `keep` says to keep
    /// (an exclusion or a reversal reads its household's earlier payments).
    mutating func forgetPayments(before cycle: PaymentCycle, of ids: [HouseholdID], keeping keep: (HouseholdStreams) -> Bool) {
        for id in ids {
            guard let streams = households[id], !keep(streams), streams.payments.keys.contains(where: { $0 < cycle }) else { continue }
            households[id]!.payments = streams.payments.filter { $0.key >= cycle }
        }
    }
}
