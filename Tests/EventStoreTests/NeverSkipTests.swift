import DaftarJSON
import DaftarTesting
import EventStore
import Postgres
import Testing

/// The reader must never skip an event that commits late, nor see one that rolls back.
@Suite struct NeverSkipTests {
    static let writers = 8
    static let eventsPerWriter = 5000

    @Test(.timeLimit(.minutes(10)))  // a safety net against hangs, not a measure: the suite runs beside CPU-heavy backtests
    func subscriberSeesEveryCommittedEventOnceAndNoRolledBackOne() async throws {
        let db = try await TestCluster.newDatabase()
        let store = EventStore(pool: db.pool(maximumConnections: 12))

        // The subscriber runs throughout, from the start of the log.
        let subscription = store.subscribe(after: .start, batchSize: 500, pollInterval: .milliseconds(200))
        let collector = Task {
            var seen: [RecordedEvent] = []
            for try await e in subscription {
                seen.append(e)
            }
            return seen
        }

        // Each writer appends its events in transactions of 1–8 appends with random pauses inside;
        // about one transaction in ten rolls back. Writer 0 opens with a transaction that inserts,
        // then stays open for three seconds: its events get low positions and commit late.
        let outcome = try await withThrowingTaskGroup(of: (committed: [String], rolledBack: [String], commitTimes: [String: ContinuousClock.Instant]).self) { group in
            for w in 0..<Self.writers {
                group.addTask {
                    var rng = SystemRandomNumberGenerator()
                    var committed: [String] = []
                    var rolledBack: [String] = []
                    var commitTimes: [String: ContinuousClock.Instant] = [:]
                    var written = 0
                    var txn = 0
                    while written < Self.eventsPerWriter {
                        txn += 1
                        let appends = Int.random(in: 1...8, using: &rng)
                        let rollBack = w != 0 && txn > 1 && Int.random(in: 0..<10, using: &rng) == 0
                        var keys: [String] = []
                        struct RollBack: Error {}
                        do {
                            try await store.pool.withConnection { conn in
                                try await conn.transaction { conn in
                                    for a in 0..<appends where written + keys.count < Self.eventsPerWriter {
                                        let key = "w\(w)-t\(txn)-a\(a)"
                                        let stream = "stream-\(w)-\(Int.random(in: 0..<20, using: &rng))"
                                        _ = try await store.append(
                                            request(key, stream, .any, [event("Written", ["key": .string(key)])]), on: conn)
                                        keys.append(key)
                                        if Int.random(in: 0..<4, using: &rng) == 0 {
                                            try await Task.sleep(for: .milliseconds(Int.random(in: 0...3, using: &rng)))
                                        }
                                    }
                                    if w == 0 && txn == 1 { try await Task.sleep(for: .seconds(3)) }
                                    if rollBack { throw RollBack() }
                                }
                            }
                            committed += keys
                            let now = ContinuousClock.now
                            for k in keys { commitTimes[k] = now }
                            written += keys.count
                        } catch is RollBack {
                            rolledBack += keys
                        }
                    }
                    return (committed, rolledBack, commitTimes)
                }
            }
            var committed: [String] = []
            var rolledBack: [String] = []
            var commitTimes: [String: ContinuousClock.Instant] = [:]
            for try await r in group {
                committed += r.committed
                rolledBack += r.rolledBack
                commitTimes.merge(r.commitTimes) { a, _ in a }
            }
            return (committed: committed, rolledBack: rolledBack, commitTimes: commitTimes)
        }
        #expect(outcome.committed.count == Self.writers * Self.eventsPerWriter)
        #expect(!outcome.rolledBack.isEmpty)

        // Wait until the subscriber has caught up with everything committed, then stop it.
        let deadline = ContinuousClock.now + .seconds(120)
        var seenCount = 0
        while ContinuousClock.now < deadline {
            seenCount = try await store.readEverything().count
            if seenCount >= outcome.committed.count { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        try await Task.sleep(for: .seconds(1))
        collector.cancel()
        let seen = try await collector.value

        let seenKeys = seen.map(\.idempotencyKey)
        #expect(seen.count == outcome.committed.count, "every committed event exactly once")
        let seenSet = Set(seenKeys)
        #expect(seenKeys.count - seenSet.count == 0, "no event twice")
        #expect(Set(outcome.committed).subtracting(seenSet).count == 0, "no committed event missed")
        #expect(seenSet.subtracting(outcome.committed).count == 0, "nothing but committed events")
        #expect(seenSet.intersection(outcome.rolledBack).count == 0, "no rolled-back event")
        // Checkpoints strictly increase: the order is the (xid, position) order.
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.checkpoint < $1.checkpoint })
        // The scenario happened: writer 0's late transaction holds positions lower than events of
        // transactions that committed before it — exactly what a position-ordered reader skips.
        let positionOf = Dictionary(seen.map { ($0.idempotencyKey, $0.position) }, uniquingKeysWith: { a, _ in a })
        let lateCommit = try #require(outcome.commitTimes["w0-t1-a0"])
        let latePosition = try #require(positionOf["w0-t1-a0"])
        let overtaken = outcome.commitTimes.contains { key, time in time < lateCommit && (positionOf[key] ?? 0) > latePosition }
        #expect(overtaken, "a transaction that committed earlier got a higher position than the late one")
        // A second read from the start returns the same order.
        let again = try await store.readEverything()
        let sameOrder = again.map(\.eventID) == seen.map(\.eventID)
        #expect(sameOrder, "the same order on a second read")
        // Stream versions are gapless per stream.
        var versions: [String: [Int64]] = [:]
        for e in again { versions[e.stream, default: []].append(e.streamVersion) }
        for (stream, v) in versions {
            #expect(v.sorted() == Array(1...Int64(v.count)), "stream \(stream) has gapless versions")
        }
    }
}
