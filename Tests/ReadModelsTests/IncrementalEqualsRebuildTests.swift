import Benefits
import EventStore
import Postgres
import ProjectionRunner
import ReadModels
import Testing

/// DESIGN.md §5: incremental application and a full rebuild give identical rows, on random histories.
@Suite struct IncrementalEqualsRebuildTests {
    @Test(arguments: [UInt64(11), 12, 13])
    func randomHistoriesInRandomBatchSizesGiveTheRowsOfARebuild(seed: UInt64) async throws {
        let env = try await ReadModelDatabase.make()
        var history = RandomHistory(seed: seed)
        history.programmes()
        history.households(240, poison: 3)
        let appends = history.appends
        let firstPart = appends.count / 4
        try await RandomHistory.append(appends[..<firstPart], to: env.store, keyPrefix: "h\(seed)")

        // A build of the first quarter by bulk pass (several flushes), then the rest appended in
        // chunks and applied in batches of random sizes.
        var runner = env.runner
        runner.flushEvents = 700
        let builds = try await runner.bulkPass(try await runner.prepare())
        #expect(builds.count == runner.projections.count && builds.allSatisfy { $0.phase == .catchingUp })
        #expect(Set(builds.map(\.checkpoint)).count == 1, "builds prepared together share one bulk pass")
        var random: SeededRandom? = SeededRandom(seed: seed &* 7)
        var live = builds
        var cursor = firstPart
        while cursor < appends.count {
            let next = min(appends.count, cursor + 150 + Int(random!.next() % 300))
            try await RandomHistory.append(appends[cursor..<next], to: env.store, keyPrefix: "h\(seed)")
            cursor = next
            live = try await env.catchUp(live, to: try await env.head(), random: &random)
        }
        for build in live { try await runner.swap(build) }

        // A fresh build of everything, by bulk pass alone.
        let head = try await env.head()
        var none: SeededRandom? = nil
        let fresh = try await env.catchUp(try await runner.bulkPass(try await runner.prepare(fresh: true)), to: head, random: &none)
        let differences = try await env.differences(live, fresh)
        #expect(differences.count == runner.projections.reduce(0) { $0 + $1.definition.tables.count })
        #expect(differences.values.allSatisfy { $0 == 0 }, "\(differences)")

        // Not only equal to each other: equal to the log. Every scheduled dinar of a stream not
        // quarantined is in reporting.cost once, and each (programme, household) has one row.
        let scheduled = try await env.scalar(
            """
            SELECT sum((data->>'amountMinor')::bigint) FROM event_store.events
            WHERE event_type = 'PaymentScheduled' AND stream_id NOT IN (SELECT stream_id FROM projection.quarantine)
            """)
        let reported = try await env.scalar("SELECT sum(scheduled_minor) FROM reporting.cost")
        #expect(reported == scheduled)
        let pairs = try await env.scalar(
            """
            SELECT count(DISTINCT (data->>'programmeId', data->>'householdId')) FROM event_store.events
            WHERE stream_id LIKE 'beneficiary-%' OR stream_id LIKE 'payment-p-%'
            """)
        let rows = try await env.scalar("SELECT count(*) FROM reporting.eligibility WHERE programme_id IS NOT NULL")
        #expect(rows == pairs)
        let poisoned = Int(try await env.scalar("SELECT count(*) FROM event_store.events WHERE data->>'paymentId' LIKE 'PAY-POISON%'") ?? "") ?? -1
        let quarantined = try await env.scalar("SELECT count(*) FROM projection.quarantine q JOIN projection.builds b USING (build_id) WHERE b.phase = 'live'")
        #expect(poisoned > 0)
        #expect(quarantined == String(runner.projections.count * poisoned), "each poison stream quarantined in each projection")
    }
}
