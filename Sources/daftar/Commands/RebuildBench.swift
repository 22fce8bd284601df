import ArgumentParser
import Benefits
import DaftarJSON
import DemoCountry
import EventStore
import Foundation
import Postgres
import ProjectionRunner
import ReadModels

#if canImport(Glibc)
    import Glibc
#endif

/// `daftar bench rebuild`: a full rebuild of every read model against a raw ordered COPY TO of
/// the same events, then the catch-up lag while events are appended at a steady rate.
struct RebuildBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild of all read models against a raw ordered COPY TO of the same events; then catch-up lag under a steady append rate.",
        discussion: """
            Loads the demo country (about 19 events per household over 12 months: registrations, assessments, \
            enrolments, monthly payments with their outcomes, exclusions, appeals, a top-up) into a scratch \
            database on the local cluster, through the domain and the store's bulk append. The measurements then \
            run in a child process, so that its peak memory is the rebuild's, not the generator's: first \
            COPY (SELECT … ORDER BY partition key, xid, position) TO STDOUT over the events the rebuild reads, \
            then the rebuild of every read model, then the lag of `projections run` while \
            --lag-rate events per second are appended for --lag-seconds. Build with -c release for figures \
            worth quoting. The last line is one JSON object.
            """)
    @OptionGroup var database: DatabaseOptions
    @Option(help: "About how many events to load.") var events: Int = 200_000
    @Option(help: "Events per second appended while the lag is measured.") var lagRate: Int = 2000
    @Option(help: "Seconds the lag is measured for (0 skips it).") var lagSeconds: Int = 20
    @Flag(help: .hidden) var measureExisting = false

    func validate() throws {
        guard events >= 1000 else { throw ValidationError("--events must be at least 1000 (was \(events))") }
        guard (100...100_000).contains(lagRate) else { throw ValidationError("--lag-rate must be between 100 and 100000 (was \(lagRate))") }
        guard (0...600).contains(lagSeconds) else { throw ValidationError("--lag-seconds must be between 0 and 600 (was \(lagSeconds))") }
    }

    func run() async throws {
        try await reportingErrors {
            if measureExisting {
                guard let uri = database.explicitURL else { throw CLIError(code: "invalid_input", message: "--measure-existing needs --database-url") }
                try await Self.measure(uri: uri, lagRate: lagRate, lagSeconds: lagSeconds)
                return
            }
            let scratch = try await ScratchDatabase.create(database)
            let loaded = try await Self.load(events: events, uri: scratch.uri)
            Terminal.note("loaded \(loaded) events; measuring in a child process")
            let child = Process()
            child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            child.arguments = [
                "bench", "rebuild", "--measure-existing", "--database-url", scratch.uri, "--lag-rate", String(lagRate), "--lag-seconds", String(lagSeconds),
            ]
            try child.run()
            child.waitUntilExit()
            try await scratch.drop()
            guard child.terminationStatus == 0 else { throw ExitCode(child.terminationStatus) }
        }
    }

    /// Loads about `events` events of the demo country; returns how many.
    static func load(events: Int, uri: String) async throws -> Int {
        let households = max(20, events / 19)
        let configuration = try DemoCountryConfiguration(seed: 7, households: households, months: 12)
        let store = EventStore(pool: PostgresPool(conninfo: uri, maximumConnections: 2), catalogue: try BenefitsCatalogue())
        let generator = DemoCountryGenerator(configuration)
        let progress = ProgressBar("load", total: generator.progressTotal, unit: "steps")
        var appended = 0
        _ = try await generator.generate { chunk in
            appended += try await store.bulkAppend(chunk).appendedEvents
            progress.update(generator.progress)
        }
        progress.finish(generator.progressTotal)
        await store.pool.close()
        return appended
    }

    /// The measurements, on a loaded database, in this process.
    static func measure(uri: String, lagRate: Int, lagSeconds: Int) async throws {
        let runner = try ReadModels.runner(conninfo: uri)
        let conn = try await PostgresConnection.connect(uri)
        let key = runner.folder.partitionKeySQL
        let total = try await conn.query("SELECT count(*) FROM event_store.events e WHERE (\(key)) IS NOT NULL").rows[0].decode(Int64.self, 0)
        let all = try await conn.query("SELECT count(*) FROM event_store.events").rows[0].decode(Int64.self, 0)

        // Baseline: the same rows, in the same order, with the same work_mem, straight out.
        try await conn.execute("SET work_mem = '256MB'")
        let copyStart = ContinuousClock.now
        var bytes = 0
        try await conn.copyOut(
            """
            COPY (SELECT \(ProjectionEvent.selectList(key: key)) FROM event_store.events e
                  WHERE (\(key)) IS NOT NULL ORDER BY (\(key)) COLLATE "C", e.xid, e.position) TO STDOUT
            """
        ) { bytes += $0.count }
        let copySeconds = (ContinuousClock.now - copyStart).seconds
        await conn.close()
        Terminal.note("raw COPY TO: \(total) events, \(bytes / 1_048_576) MiB in \(String(format: "%.1f", copySeconds)) s")

        // The rebuild of all three views: bulk pass, indexes, catch-up, swap.
        let display = ProgressDisplay()
        let rebuildStart = ContinuousClock.now
        try await runner.run(fresh: true, untilCaughtUp: true) { display.show($0) }
        display.finish()
        let rebuildSeconds = (ContinuousClock.now - rebuildStart).seconds
        let peak = peakResidentMegabytes()
        let copyRate = Double(total) / copySeconds
        let rebuildRate = Double(total) / rebuildSeconds
        Terminal.emit("events in the log                  \(all) (\(total) in a projection partition)")
        Terminal.emit("raw ordered COPY TO                \(Int(copyRate)) events/s")
        Terminal.emit("rebuild (all read models)          \(Int(rebuildRate)) events/s   ratio \(String(format: "%.2f", rebuildRate / copyRate))")
        Terminal.emit("peak memory (this process)         \(peak) MiB")

        var lag: (p50: Double, p99: Double, max: Double, batches: Int)?
        if lagSeconds > 0 {
            lag = try await measureLag(runner: runner, uri: uri, rate: lagRate, seconds: lagSeconds)
            Terminal.emit(
                "catch-up lag at \(lagRate) events/s  p50 \(String(format: "%.3f", lag!.p50)) s, p99 \(String(format: "%.3f", lag!.p99)) s, max \(String(format: "%.3f", lag!.max)) s over \(lag!.batches) batches"
            )
        }
        var object: [String: JSONValue] = [
            "events": .number(JSONNumber(all)), "events_per_s": .number(JSONNumber(Int64(rebuildRate))),
            "copy_out_events_per_s": .number(JSONNumber(Int64(copyRate))),
            "rebuild_vs_copy_out": .number(JSONNumber(literal: String(format: "%.3f", rebuildRate / copyRate))!),
            "peak_rss_mb": .number(JSONNumber(Int64(peak))),
        ]
        if let lag {
            object["lag_p99_s"] = .number(JSONNumber(literal: String(format: "%.3f", lag.p99))!)
            object["lag_p50_s"] = .number(JSONNumber(literal: String(format: "%.3f", lag.p50))!)
        }
        Terminal.emit(.object(object))
    }

    /// Appends registrations of new households at `rate` events per second for `seconds`, while
    /// `projections run` follows, and measures for each append how long after its commit every
    /// projection had applied it.
    static func measureLag(runner: ProjectionRunner<BenefitsFolder>, uri: String, rate: Int, seconds: Int) async throws
        -> (p50: Double, p99: Double, max: Double, batches: Int)
    {
        let follower = Task { try await runner.run() }
        defer { follower.cancel() }
        let store = EventStore(pool: PostgresPool(conninfo: uri, maximumConnections: 2), catalogue: try BenefitsCatalogue())
        let watch = try await PostgresConnection.connect(uri)
        let probe = try await PostgresConnection.connect(uri)
        let perBatch = max(2, rate / 10)  // ten appends a second
        var pending: [(checkpoint: Checkpoint, committed: ContinuousClock.Instant)] = []
        var lags: [Double] = []
        let end = ContinuousClock.now + .seconds(seconds)
        var next = ContinuousClock.now
        var n = 0
        let progress = ProgressBar("lag", total: seconds * rate, unit: "events")
        while ContinuousClock.now < end || !pending.isEmpty {
            if ContinuousClock.now >= next && ContinuousClock.now < end {
                next = next + .milliseconds(100)
                var requests: [AppendRequest] = []
                for _ in 0..<(perBatch / 2) {
                    n += 1
                    requests.append(lagRequest(n))
                }
                let result = try await store.bulkAppend(requests)
                let committed = ContinuousClock.now
                if let xid = result.xid {
                    let last = try await probe.query("SELECT max(position) FROM event_store.events WHERE xid = $1::xid8", [String(xid)]).rows[0]
                        .decode(Int64.self, 0)
                    pending.append((Checkpoint(xid: xid, position: last), committed))
                }
                progress.update(n * 2)
            }
            let rows = try await watch.query(
                "SELECT checkpoint_xid::text, checkpoint_position FROM projection.builds WHERE phase = 'live'"
            ).rows
            let checkpoints = try rows.map { Checkpoint(xid: UInt64(try $0.decode(String.self, 0)) ?? 0, position: try $0.decode(Int64.self, 1)) }
            if let slowest = checkpoints.min(), checkpoints.count == runner.projections.count {
                let now = ContinuousClock.now
                while let first = pending.first, first.checkpoint <= slowest {
                    lags.append((now - first.committed).seconds)
                    pending.removeFirst()
                }
            }
            if ContinuousClock.now > end + .seconds(60) { throw CLIError(code: "bench_failed", message: "the projections fell more than a minute behind") }
            try await Task.sleep(for: .milliseconds(5))
        }
        progress.finish(n * 2)
        await watch.close()
        await probe.close()
        await store.pool.close()
        lags.sort()
        func percentile(_ p: Double) -> Double { lags.isEmpty ? 0 : lags[min(lags.count - 1, Int(Double(lags.count) * p))] }
        return (percentile(0.5), percentile(0.99), lags.last ?? 0, lags.count)
    }

    /// A new household's registration and its head: two events, one request.
    static func lagRequest(_ n: Int) -> AppendRequest {
        let id = HouseholdID("HH-LAG\(String(format: "%08d", n))")
        let on = BusinessDate(year: 2026, month: 1, day: 5)!
        let events: [any DomainEvent] = [
            HouseholdRegistered(
                householdId: id, governorate: GovernorateCode("IQ-BG"), district: DistrictCode("IQ-BG-07"), residence: .urban,
                registrationSource: .socialResearcherVisit, registeredOn: on, registeredBy: ActorID("user:bench.lag")),
            MemberAdded(
                householdId: id, personId: PersonID("P-LAG\(String(format: "%08d", n))01"), sex: .female, birthDate: BusinessDate(year: 1980, month: 3, day: 2)!,
                relationship: .head, maritalStatus: .widowed, workStatus: .unemployed, disability: .noDisability, orphanhood: .notOrphan,
                reason: .initialRegistration, effectiveOn: on),
        ]
        return AppendRequest(
            idempotencyKey: "bench-lag-\(n)", stream: "household-\(id)", expected: .noStream,
            events: events.map { $0.newEvent(metadata: EventMetadata(actor: "user:bench.lag"), effectiveAt: on) })
    }

    /// The process's peak resident set, in MiB (Linux reports `ru_maxrss` in KiB).
    static func peakResidentMegabytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }
}
