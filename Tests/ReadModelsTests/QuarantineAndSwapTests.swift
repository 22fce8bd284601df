import Benefits
import EventStore
import Foundation
import Postgres
import ProjectionRunner
import ReadModels
import Testing

@Suite struct QuarantineTests {
    /// DESIGN.md §5: a poison event quarantines its own stream, never the whole view, and is reported.
    @Test func anEventThatCannotBeAppliedStopsOnlyItsStreamAndIsListed() async throws {
        let env = try await ReadModelDatabase.make()
        var history = RandomHistory(seed: 41)
        history.programmes()
        history.households(40, poison: 40)
        try await RandomHistory.append(history.appends[...], to: env.store, keyPrefix: "q")
        try await env.runner.run(untilCaughtUp: true)

        // The poisoned payment streams (a PaymentIssued with no schedule before it) are listed by each projection.
        let poisoned = try await env.scalar("SELECT count(DISTINCT stream_id) FROM event_store.events WHERE data->>'paymentId' LIKE 'PAY-POISON%'")
        let statuses = try await env.runner.status()
        #expect(statuses.count == env.runner.projections.count && statuses.allSatisfy { $0.build.phase == .live })
        for status in statuses {
            #expect(String(status.quarantined.count) == poisoned, "\(status.build.projection)")
            #expect(status.quarantined.allSatisfy { $0.code == "orphan_payment_event" && $0.stream.hasPrefix("payment-") })
        }
        let victim = try #require(statuses[0].quarantined.first)
        let parts = victim.stream.split(separator: "-")
        let household = HouseholdID(parts.suffix(2).joined(separator: "-"))
        let programme = ProgrammeID(parts[1...2].joined(separator: "-"))
        let paidBefore = try await env.scalar(
            "SELECT coalesce(sum(scheduled_minor), 0) FROM reporting.cost WHERE programme_id = '\(programme)'")

        // The household's other streams go on: a suspension shows; the stopped stream stays stopped even
        // when a schedule arrives in it afterwards; and other households go on too.
        let suspension = BeneficiarySuspended(
            programmeId: programme, householdId: household, reason: .suspectedFraud, effectiveOn: BusinessDate(year: 2025, month: 6, day: 1)!,
            decidedBy: ActorID("user:test.manager"))
        let cycle = PaymentCycle(year: 2024, month: 9)!
        let lateSchedule = PaymentScheduled(
            paymentId: PaymentID("PAY-LATE\(household.rawValue.dropFirst(3))"), programmeId: programme, cycle: cycle, householdId: household,
            payeePersonId: PersonID("P-\(household.rawValue.dropFirst(3))00"), scheduleVersion: 1, currency: .iqd, amountMinor: 777_000,
            components: [.init(component: .base, amountMinor: 777_000)])
        var more = RandomHistory(seed: 42)
        more.households(5, idOffset: 500)
        try await RandomHistory.append(
            [("beneficiary-\(programme)-\(household)", [suspension] as [any DomainEvent]), (victim.stream, [lateSchedule])][...], to: env.store,
            keyPrefix: "q-more")
        try await RandomHistory.append(more.appends[...], to: env.store, keyPrefix: "q-others")
        try await env.runner.run(untilCaughtUp: true)

        let status = try await env.scalar(
            "SELECT status FROM reporting.eligibility WHERE household_id = '\(household)' AND programme_id = '\(programme)'")
        #expect(status == "suspended")
        let paidAfter = try await env.scalar(
            "SELECT coalesce(sum(scheduled_minor), 0) FROM reporting.cost WHERE programme_id = '\(programme)'")
        let newcomersScheduled = try await env.scalar(
            """
            SELECT coalesce(sum((data->>'amountMinor')::bigint), 0) FROM event_store.events
            WHERE event_type = 'PaymentScheduled' AND data->>'programmeId' = '\(programme)' AND data->>'householdId' >= 'HH-T00000500'
            """)
        #expect(Int(paidAfter ?? "") == Int(paidBefore ?? "")! + Int(newcomersScheduled ?? "")!, "the quarantined stream's later schedule is not applied")
        let newcomers = try await env.scalar("SELECT count(DISTINCT household_id) FROM reporting.eligibility WHERE household_id >= 'HH-T00000500'")
        #expect(newcomers == "5")
        let still = try await env.runner.status()
        #expect(still.allSatisfy { $0.quarantined.contains { $0.stream == victim.stream && $0.streamVersion == victim.streamVersion } })
        #expect(still.allSatisfy { $0.lagEvents == 0 })
    }
}

@Suite struct SwapTests {
    /// Rebuilds swap in while readers query in a loop: never a missing relation, an empty view or two
    /// versions at once.
    @Test func readersNeverSeeAMissingEmptyOrMixedViewDuringRebuildsAndSwaps() async throws {
        let env = try await ReadModelDatabase.make()
        var history = RandomHistory(seed: 51)
        history.programmes()
        history.households(120)
        try await RandomHistory.append(history.appends[...], to: env.store, keyPrefix: "s")
        try await env.runner.run(untilCaughtUp: true)
        let probe = """
            SELECT concat_ws(',', (SELECT count(*) FROM reporting.eligibility),
                   (SELECT coalesce(sum(scheduled_minor), 0) FROM reporting.cost),
                   (SELECT coalesce(sum(scheduled_minor), 0) FROM reporting.budget_execution),
                   (SELECT count(*) FROM reporting.coverage),
                   (SELECT coalesce(sum(enrolled_households), 0) FROM reporting.coverage))
            """
        let expected = try await env.scalar(probe)
        let reader = Task { () -> (queries: Int, failures: [String]) in
            let conn = try await PostgresConnection.connect(env.db.uri)
            var queries = 0
            var failures: [String] = []
            while !Task.isCancelled {
                do {
                    let row = try await conn.query(probe).rows[0]
                    if row[0] != expected { failures.append("saw \(row[0] ?? "NULL"), expected \(expected ?? "NULL")") }
                } catch {
                    failures.append("\(error)")
                }
                queries += 1
            }
            await conn.close()
            return (queries, failures)
        }
        var runner = env.runner
        runner.flushEvents = 500
        for _ in 0..<3 {
            try await runner.run(fresh: true, untilCaughtUp: true)
        }
        try await Task.sleep(for: .milliseconds(200))
        reader.cancel()
        let (queries, failures) = try await reader.value
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        #expect(queries > 20, "the readers ran throughout (\(queries) queries)")
        let builds = try await env.runner.builds()
        let count = env.runner.projections.count
        #expect(builds.count == count && builds.allSatisfy { $0.phase == .live && $0.id > 2 * count }, "the third rebuild of each is live")
        let schemas = try await env.scalar("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'rm\\_%'")
        #expect(schemas == String(count), "retired builds' schemas are dropped")
        #expect(expected?.hasPrefix("0,") == false)
    }
}
