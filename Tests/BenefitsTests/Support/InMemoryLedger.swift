import Benefits
import EventStore
import Testing

/// Runs commands as ``Ledger`` does — read the streams a command names, fold, decide, append — over
/// streams held in memory, so that property tests can run thousands of commands without a database.
final class InMemoryLedger {
    /// One appended event and the stream it went to, in log order.
    struct Entry {
        let stream: String
        let event: any DomainEvent
    }

    private(set) var log: [Entry] = []
    private(set) var streams: [String: [any DomainEvent]] = [:]

    func events(of stream: String) -> [any DomainEvent] { streams[stream] ?? [] }

    /// The folded states of `inputs`, and the streams read.
    func context(for inputs: DecisionInputs) -> (DecisionContext, Set<String>) {
        var context = DecisionContext()
        var read = Set<String>()
        for id in inputs.households {
            read.insert(BenefitsStream.household(id))
            context.households[id] = Household(events: events(of: BenefitsStream.household(id)))
        }
        for id in inputs.programmes {
            read.insert(BenefitsStream.programme(id))
            context.programmes[id] = Programme(events: events(of: BenefitsStream.programme(id)))
        }
        for id in inputs.costProjections {
            read.insert(BenefitsStream.costProjection(id))
            var programme = context.programmes[id] ?? Programme()
            for event in events(of: BenefitsStream.costProjection(id)) { programme.apply(event) }
            context.programmes[id] = programme
        }
        for key in inputs.beneficiaries {
            read.insert(key.stream)
            context.beneficiaries[key] = Beneficiary(events: events(of: key.stream))
        }
        var cycleKeys = inputs.paymentCycles
        var paymentKeys = inputs.payments
        for range in inputs.paymentHistories {
            var cycle = range.from
            while cycle <= range.through || !events(of: PaymentCycleKey(range.programmeId, cycle).stream).isEmpty {
                cycleKeys.append(PaymentCycleKey(range.programmeId, cycle))
                paymentKeys.append(PaymentKey(range.programmeId, cycle, range.householdId))
                cycle = cycle.next!
            }
        }
        for key in cycleKeys {
            read.insert(key.stream)
            context.paymentCycles[key] = PaymentCycleState(events: events(of: key.stream))
        }
        for key in paymentKeys {
            read.insert(key.stream)
            context.payments[key] = Payment(events: events(of: key.stream))
        }
        for id in inputs.crossMatchRuns {
            read.insert(BenefitsStream.crossMatch(id))
            context.crossMatchRuns[id] = CrossMatchRun(events: events(of: BenefitsStream.crossMatch(id)))
        }
        return (context, read)
    }

    func append(_ events: [any DomainEvent], read: Set<String>) {
        for event in events {
            if !read.contains(event.streamID) { Issue.record("\(event.eventType) written to \(event.streamID), which the decision did not read") }
            streams[event.streamID, default: []].append(event)
            log.append(Entry(stream: event.streamID, event: event))
        }
    }

    /// Handles one command; a rejection appends nothing.
    @discardableResult
    func handle(_ command: some Command) -> Result<[any DomainEvent], DomainRejection> {
        let (context, read) = context(for: command.inputs)
        do {
            let events = try command.decide(in: context)
            append(events, read: read)
            return .success(events)
        } catch {
            return .failure(error)
        }
    }

    /// A monthly payment run, as ``Ledger/schedulePayments(_:metadata:idempotencyKey:)`` decides it.
    @discardableResult
    func schedule(_ run: SchedulePayments) -> CaseloadDecision<PaymentScheduled>? {
        let cycle = PaymentCycleState(events: events(of: PaymentCycleKey(run.programmeId, run.cycle).stream))
        let candidates = run.households.map { id in
            (
                householdId: id, beneficiary: Beneficiary(events: events(of: BeneficiaryKey(run.programmeId, id).stream)),
                payment: Payment(events: events(of: PaymentKey(run.programmeId, run.cycle, id).stream))
            )
        }
        guard let decision = try? run.decide(cycle: cycle, candidates: candidates) else { return nil }
        for event in decision.decided {
            append([event], read: [PaymentKey(run.programmeId, run.cycle, event.householdId).stream])
        }
        return decision
    }

    /// Top-up grants for a caseload, as ``Ledger/grantTopUps(_:metadata:idempotencyKey:)`` decides them.
    @discardableResult
    func grant(_ run: GrantTopUps) -> CaseloadDecision<TopUpGranted>? {
        let programme = Programme(events: events(of: BenefitsStream.programme(run.programmeId)))
        let candidates = run.households.map { id in
            (
                householdId: id, household: Household(events: events(of: BenefitsStream.household(id))),
                beneficiary: Beneficiary(events: events(of: BeneficiaryKey(run.programmeId, id).stream))
            )
        }
        guard let decision = try? run.decide(programme: programme, candidates: candidates) else { return nil }
        for event in decision.decided {
            append([event], read: [BeneficiaryKey(run.programmeId, event.householdId).stream])
        }
        return decision
    }
}

/// SplitMix64: a small seeded generator, so that a failing property names the seed that reproduces it.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `true` with a probability of `perMille` in a thousand.
    mutating func chance(_ perMille: Int) -> Bool { Int.random(in: 0..<1000, using: &self) < perMille }
}
