import Benefits
import DaftarTesting
import EventStore
import Foundation
import Postgres
import ProjectionRunner
import ReadModels
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The runner killed at random points, twenty times, while writers append: after recovery the views
/// equal a clean rebuild and no event was applied twice.
@Suite struct CrashTests {
    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("daftar").path
    }

    /// Starts `daftar` with `arguments` against the test database; output discarded.
    static func start(_ arguments: [String], uri: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments + ["--database-url", uri]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    // A safety net, not a measure: five read models rebuilt twenty times on a shared 2-core machine.
    @Test(.timeLimit(.minutes(10)))
    func killingTheRunnerDuringRebuildsAndCatchUpLosesAndRepeatsNothing() async throws {
        let env = try await ReadModelDatabase.make()
        var history = RandomHistory(seed: 61)
        history.programmes()
        history.households(1500, poison: 2)
        let appends = history.appends
        let initial = appends.count / 6
        try await RandomHistory.append(appends[..<initial], to: env.store, keyPrefix: "c")
        // Live views first, so that every `projections run` has builds to follow while it resumes rebuilds.
        try await env.runner.run(untilCaughtUp: true)

        // Writers: the rest of the history, a small chunk at a time, for as long as the runner is being killed.
        let store = env.store
        let writer = Task {
            var cursor = initial
            while cursor < appends.count && !Task.isCancelled {
                let next = min(appends.count, cursor + 10)
                try await RandomHistory.append(appends[cursor..<next], to: store, keyPrefix: "c")
                cursor = next
                try? await Task.sleep(for: .milliseconds(50))
            }
        }

        var random = SeededRandom(seed: 61)
        var killedMidRebuild = 0
        var killedWhileFollowing = 0
        let admin = try await PostgresConnection.connect(env.db.uri)
        for kill in 0..<20 {
            // Even rounds start a fresh rebuild (or resume the one a kill interrupted); odd rounds follow the log.
            let arguments = kill % 2 == 0 ? ["rebuild", "--flush-events", "250"] : ["projections", "run", "--flush-events", "250"]
            let progressSQL = """
                SELECT coalesce(sum(CASE WHEN phase = 'rebuilding' THEN rebuild_events ELSE events_applied END), 0)
                FROM projection.builds WHERE phase <> 'retired'
                """
            let before = try await admin.query("SELECT coalesce(sum(events_applied), 0) FROM projection.builds").rows[0].decode(Int64.self, 0)
            let startedAt = try await admin.query(progressSQL).rows[0].decode(Int64.self, 0)
            let process = try Self.start(arguments, uri: env.db.uri)
            // Kill at a random moment once the process is at work (whatever the machine's load), or after 30 s.
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline, process.isRunning {
                if try await admin.query(progressSQL).rows[0].decode(Int64.self, 0) > startedAt { break }
                try await Task.sleep(for: .milliseconds(10))
            }
            try await Task.sleep(for: .milliseconds(Int(random.next() % 400)))
            let midRebuild = try await admin.query(
                "SELECT count(*) FROM projection.builds WHERE phase = 'rebuilding' AND rebuild_events > 0"
            ).rows[0].decode(Int.self, 0)
            let after = try await admin.query("SELECT coalesce(sum(events_applied), 0) FROM projection.builds").rows[0].decode(Int64.self, 0)
            Glibc.kill(process.processIdentifier, SIGKILL)
            await ChildProcess.waitForExit(process)
            if midRebuild > 0 { killedMidRebuild += 1 }
            if after > before { killedWhileFollowing += 1 }
        }
        writer.cancel()
        try await writer.value
        #expect(killedMidRebuild >= 3, "kills landed in the middle of bulk passes (\(killedMidRebuild))")
        #expect(killedWhileFollowing >= 3, "kills landed while builds followed the log (\(killedWhileFollowing))")

        // Recovery: one uninterrupted run to the end.
        let recovery = try Self.start(["projections", "run", "--until-caught-up"], uri: env.db.uri)
        await ChildProcess.waitForExit(recovery)
        #expect(recovery.terminationStatus == 0)

        let live = try await env.runner.builds().filter { $0.phase == .live }
        #expect(live.count == env.runner.projections.count)
        let head = try await env.head()
        #expect(live.allSatisfy { $0.checkpoint == head }, "every projection caught up with the log")
        var none: SeededRandom? = nil
        let clean = try await env.catchUp(try await env.runner.bulkPass(try await env.runner.prepare(fresh: true)), to: head, random: &none)
        let differences = try await env.differences(live, clean)
        #expect(differences.count == env.runner.projections.reduce(0) { $0 + $1.definition.tables.count } && differences.values.allSatisfy { $0 == 0 }, "\(differences)")
        // Twice-applied events would show in the totals, which must be the log's.
        let scheduled = try await env.scalar(
            """
            SELECT sum((data->>'amountMinor')::bigint) FROM event_store.events
            WHERE event_type = 'PaymentScheduled' AND stream_id NOT IN (SELECT stream_id FROM projection.quarantine)
            """)
        #expect(try await env.scalar("SELECT sum(scheduled_minor) FROM reporting.cost") == scheduled)
        let confirmed = try await env.scalar(
            """
            SELECT sum((data->>'amountMinor')::bigint) FROM event_store.events
            WHERE event_type = 'PaymentConfirmed' AND stream_id NOT IN (SELECT stream_id FROM projection.quarantine)
            """)
        #expect(try await env.scalar("SELECT sum(confirmed_minor) FROM reporting.cost") == confirmed)
        await admin.close()
    }
}
