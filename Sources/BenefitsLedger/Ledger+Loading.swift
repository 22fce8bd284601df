import Benefits
import EventStore

extension Ledger {
    /// The folded states of a command's streams and the version of each stream as the decision saw it.
    struct LoadedStreams: Sendable {
        var context = DecisionContext()
        var versions: [String: Int64] = [:]
    }

    /// A stream's events as the latest versions of their types, up to (not including) the first event
    /// appended under `idempotencyKey`, and the version they bring the stream to.
    func read(_ stream: String, cuttingAt idempotencyKey: String) async throws -> (version: Int64, events: [any DomainEvent]) {
        let recorded = try await store.readStream(stream)
        var events: [any DomainEvent] = []
        for event in recorded {
            if event.idempotencyKey == idempotencyKey { break }
            events.append(try DomainEventDecoder.decode(event))
        }
        return (Int64(events.count), events)
    }

    /// Reads and folds every stream of `inputs`.
    func load(_ inputs: DecisionInputs, idempotencyKey key: String) async throws -> LoadedStreams {
        var loaded = LoadedStreams()
        for id in inputs.households {
            let (version, events) = try await read(BenefitsStream.household(id), cuttingAt: key)
            loaded.versions[BenefitsStream.household(id)] = version
            loaded.context.households[id] = Household(events: events)
        }
        for id in inputs.programmes {
            let (version, events) = try await read(BenefitsStream.programme(id), cuttingAt: key)
            loaded.versions[BenefitsStream.programme(id)] = version
            loaded.context.programmes[id] = Programme(events: events)
        }
        for id in inputs.costProjections {
            // Folded into the programme: its published projections.
            let stream = BenefitsStream.costProjection(id)
            let (version, events) = try await read(stream, cuttingAt: key)
            loaded.versions[stream] = version
            var programme = loaded.context.programmes[id] ?? Programme()
            for event in events { programme.apply(event) }
            loaded.context.programmes[id] = programme
        }
        for k in inputs.beneficiaries {
            let (version, events) = try await read(k.stream, cuttingAt: key)
            loaded.versions[k.stream] = version
            loaded.context.beneficiaries[k] = Beneficiary(events: events)
        }
        for k in inputs.paymentCycles {
            try await loadCycle(k, into: &loaded, key: key)
        }
        for k in inputs.payments {
            try await loadPayment(k, into: &loaded, key: key)
        }
        for range in inputs.paymentHistories {
            // Every month from `from` through `through`, then on while cycles were opened: a payment
            // made in any of them may be overpaid. Bounded, in case of a far-future `through`.
            var cycle = range.from
            for _ in 0..<600 {
                let cycleKey = PaymentCycleKey(range.programmeId, cycle)
                try await loadCycle(cycleKey, into: &loaded, key: key)
                if cycle > range.through, loaded.versions[cycleKey.stream] == 0 { break }
                try await loadPayment(PaymentKey(range.programmeId, cycle, range.householdId), into: &loaded, key: key)
                guard let next = cycle.next else { break }
                cycle = next
            }
        }
        for id in inputs.crossMatchRuns {
            let (version, events) = try await read(BenefitsStream.crossMatch(id), cuttingAt: key)
            loaded.versions[BenefitsStream.crossMatch(id)] = version
            loaded.context.crossMatchRuns[id] = CrossMatchRun(events: events)
        }
        return loaded
    }

    func loadCycle(_ k: PaymentCycleKey, into loaded: inout LoadedStreams, key: String) async throws {
        guard loaded.versions[k.stream] == nil else { return }
        let (version, events) = try await read(k.stream, cuttingAt: key)
        loaded.versions[k.stream] = version
        loaded.context.paymentCycles[k] = PaymentCycleState(events: events)
    }

    func loadPayment(_ k: PaymentKey, into loaded: inout LoadedStreams, key: String) async throws {
        guard loaded.versions[k.stream] == nil else { return }
        let (version, events) = try await read(k.stream, cuttingAt: key)
        loaded.versions[k.stream] = version
        loaded.context.payments[k] = Payment(events: events)
    }

    /// `transform` over `items` with at most ``readConcurrency`` at a time, results in the order of `items`.
    func concurrentMap<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ transform: @escaping @Sendable (Item) async throws -> Result
    ) async throws -> [Result] {
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: items.count)
            var next = 0
            for _ in 0..<min(max(readConcurrency, 1), items.count) {
                let index = next
                group.addTask { (index, try await transform(items[index])) }
                next += 1
            }
            while let (index, result) = try await group.next() {
                results[index] = result
                if next < items.count {
                    let index = next
                    group.addTask { (index, try await transform(items[index])) }
                    next += 1
                }
            }
            return results.map { $0! }
        }
    }
}
