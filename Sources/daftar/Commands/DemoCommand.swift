import ArgumentParser
import Audit
import DaftarJSON
import DemoCountry
import EventStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif
import Postgres
import ReadModels

/// `daftar demo`: a synthetic country's programme loaded into the ledger, then a short report.
///
/// The steps, in order, each its own function: connect (the embedded cluster unless a URL is
/// given), migrate, load (generate and bulk-append), report. A projection step and a report from
/// the reporting views belong between load and report.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load a synthetic country's social-protection programme into the ledger and report on it.",
        discussion: """
            Registers households, assesses them, enrols the eligible, and runs monthly payment cycles \
            with failures, reversals, exits, a cross-match exclusion run, appeals and an emergency \
            top-up, every event decided by the benefits domain. Running it again appends nothing. \
            --top-up-month moves the top-up or leaves it out; --schedule-change publishes a second \
            benefit schedule and pays it from its effective month. --cross-match psi leaves the \
            exclusions to the real protocol: every registered person goes into the vault, the \
            programme publishes its cross-match exclusion rule, the seven partner ministries' files are \
            matched by private set intersection (analyst user:analyst.molsa), and a checker \
            (user:checker.molsa) decides every proposal, retroactively from the extracts' date, after \
            the analyst is refused (maker–checker). A database holds one country.
            """)
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Households to register.") var households: Int = 2000
    @Option(help: "Monthly payment cycles from January 2025 (1 … 120).") var months: Int = 12
    @Option(help: "The seed every draw derives from.") var seed: UInt64 = 1
    @OptionGroup var country: DemoCountryOptions

    func run() async throws {
        try await reportingErrors {
            let started = ContinuousClock.now
            let configuration = try country.configuration(seed: seed, households: households, months: months)
            let uri = try await database.connect(migrate: false)
            try await Self.migrate(uri)
            let store = try database.store(uri, connections: 2)
            let generator = DemoCountryGenerator(configuration)
            let load = try await Self.load(generator, into: store)
            await store.pool.close()
            var crossMatch: CrossMatchByPSI?
            if configuration.crossMatch == .privateSetIntersection {
                crossMatch = try await Self.crossMatchByPSI(generator, uri: uri, database: database)
            }
            let projecting = ContinuousClock.now
            try await Self.project(uri)
            let projected = ContinuousClock.now - projecting
            let conn = try await PostgresConnection.connect(uri)
            let views = try await DemoReport.lines(conn, programme: DemoCountryGenerator.programmeId.rawValue)
            var crossMatchLines: [String]?
            if let crossMatch { crossMatchLines = try await Self.crossMatchReport(crossMatch, conn) }
            await conn.close()
            Self.printReport(load, views: views, crossMatch: crossMatchLines, elapsed: ContinuousClock.now - started)
            Self.printTiming(load, projected: projected, events: try await Self.eventCount(uri))
        }
    }

    /// Applies the migrations, as `daftar migrate` does.
    static func migrate(_ uri: String) async throws {
        let conn = try await PostgresConnection.connect(uri)
        let applied = try await DaftarSchema.migrate(conn)
        await conn.close()
        if !applied.isEmpty { Terminal.note("Applied \(applied.count) migration(s)") }
    }

    /// Brings the read models up to date (building them the first time) and sequences the ledger, so
    /// that the reporting views and `daftar verify` cover everything just loaded.
    static func project(_ uri: String) async throws {
        let runner = try ReadModels.runner(conninfo: uri)
        let display = ProgressDisplay()
        try await runner.run(untilCaughtUp: true) { display.show($0) }
        display.finish()
        let sequencer = LedgerSequencer(conninfo: uri)
        if let sequenced = try await sequencer.catchUp(), sequenced > 0 { Terminal.note("Ledger: \(sequenced) events sequenced") }
    }

    /// What loading did.
    struct Load {
        let summary: DemoCountrySummary
        let appendedEvents: Int
        /// Time spent generating (the domain's decisions, in memory) and appending (the store's bulk append).
        let generating: Duration
        let appending: Duration
        let duplicateRequests: Int
    }

    /// Generates the country and appends it with the store's bulk append, a chunk per transaction;
    /// the generator keeps the country it generated (for the cross-match).
    /// - Throws: `another_demo_loaded` when the database holds a country of another seed or size.
    static func load(_ generator: DemoCountryGenerator, into store: EventStore) async throws -> Load {
        let configuration = generator.configuration
        let programme = try await store.readStream("programme-\(DemoCountryGenerator.programmeId)")
        if let first = programme.first, first.idempotencyKey != "\(configuration.keyPrefix)/1" {
            throw CLIError(
                code: "another_demo_loaded",
                message: "this database holds another demo country (\(first.idempotencyKey.split(separator: "/").first ?? "")); use another --home or database",
                field: "seed", rule: "one demo country per database")
        }
        let progress = ProgressBar("demo", total: generator.progressTotal, unit: "steps")
        var appended = 0
        var duplicates = 0
        var generating = Duration.zero
        var appending = Duration.zero
        var resumed = ContinuousClock.now
        let summary = try await generator.generate { chunk in
            let handed = ContinuousClock.now
            generating += handed - resumed
            let result = try await store.bulkAppend(chunk)
            resumed = ContinuousClock.now
            appending += resumed - handed
            appended += result.appendedEvents
            duplicates += result.duplicateRequests
            progress.update(generator.progress)
        }
        progress.finish(generator.progressTotal)
        generating += ContinuousClock.now - resumed
        return Load(summary: summary, appendedEvents: appended, generating: generating, appending: appending, duplicateRequests: duplicates)
    }

    /// How long each step took, per event, and the peak memory: for sizing a national load.
    static func printTiming(_ load: Load, projected: Duration, events: Int64) {
        func rate(_ n: Int64, _ d: Duration) -> String { d.seconds > 0 ? "\(Int(Double(n) / d.seconds)) events/s" : "–" }
        let generated = Int64(load.summary.events)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        Terminal.emit(
            String(
                format: "Timing: generated %lld events in %.1f s (%@), appended %lld in %.1f s (%@), projected and sequenced %lld in %.1f s (%@); peak memory %d MiB",
                generated, load.generating.seconds, rate(generated, load.generating), Int64(load.appendedEvents), load.appending.seconds,
                rate(Int64(load.appendedEvents), load.appending), events, projected.seconds, rate(events, projected), usage.ru_maxrss / 1024))
    }

    /// Events in the log.
    static func eventCount(_ uri: String) async throws -> Int64 {
        try await PostgresConnection.connect(uri).closing {
            try await $0.query("SELECT count(*) FROM event_store.events").rows[0].decode(Int64.self, 0)
        }
    }

    /// The report: what the generator's own summary says. (A report from the reporting views, after
    /// projection, is to come.)
    static func printReport(_ load: Load, views: [String], crossMatch: [String]? = nil, elapsed: Duration) {
        let s = load.summary
        func pct(_ a: Int, _ b: Int) -> String { b == 0 ? "–" : String(format: "%.1f %%", Double(a) * 100 / Double(b)) }
        var out: [String] = []
        if load.appendedEvents == 0 {
            out.append("Demo country already loaded: nothing appended (\(load.duplicateRequests) requests recognised by their keys).")
        } else {
            out.append("Appended \(load.appendedEvents) events in \(s.requests) requests (\(load.duplicateRequests) already there).")
        }
        out.append("")
        out.append("Country: \(s.households) households, \(s.persons) persons, \(s.months) monthly cycles from 2025-01 (programme iq-spn, IQD)")
        out.append("  eligible \(s.eligible), enrolled \(s.enrolled) (\(pct(s.enrolled, s.households)) of households; published 27 %)")
        out.append("  enrolled persons \(s.enrolledPersons), mean size \(s.enrolled == 0 ? "–" : String(format: "%.2f", Double(s.enrolledPersons) / Double(s.enrolled))) (published ≈3.6)")
        out.append("  female-headed \(pct(s.enrolledFemaleHeaded, s.enrolled)) of the caseload (published 27.1 %)")
        out.append("  monthly entitlement at enrolment \(s.enrolledMonthlyEntitlement) IQD, mean \(s.enrolled == 0 ? 0 : s.enrolledMonthlyEntitlement / Int64(s.enrolled)) IQD per household (published ≈216,000)")
        out.append("Payments: \(s.paymentsScheduled) scheduled (\(s.scheduledAmount) IQD), \(s.paymentsFailed) failed (\(s.paymentsReissued) re-issued), \(s.paymentsReversed) reversed; \(s.exits) exits")
        out.append("")
        out += views
        out.append("")
        if let crossMatch {
            out += crossMatch
        } else {
            out.append("Cross-match: \(s.crossMatchHits) hits, \(s.proposalsDismissed) dismissed, \(s.excluded) excluded (\(s.retroactiveExclusions) retroactively, \(s.overpaymentsIdentified) overpaid cycles)")
            for (reason, n) in s.excludedByReason.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                out.append("  \(reason.rawValue): \(n)")
            }
            out.append("Appeals: \(s.appeals) filed, \(s.reinstated) reinstated, \(s.appealsRejected) rejected")
        }
        if s.topUpGovernorates.isEmpty {
            out.append("Emergency top-up: none")
        } else {
            out.append("Emergency top-up: \(s.topUpGrants) households in \(s.topUpGovernorates.joined(separator: ", "))")
        }
        if let from = s.scheduleChangeEffectiveFrom {
            out.append(
                "Benefit schedule v2 from \(from): \(s.entitlementsRecalculated) entitlements recalculated (\(s.recalculationsSkipped) households exited or excluded by then)")
        }
        out.append("")
        if let example = s.reinstatedExample {
            out.append("Next:  daftar history \(example) --programme iq-spn     # excluded, appealed, reinstated")
        }
        out.append("       daftar verify                                   # every hash, chain, seal and ledger_seq")
        out.append("       daftar rebuild                                  # rebuild the views beside the live ones, swap atomically")
        out.append("       daftar plan baseline --months 24 --chart plan.svg   # next two years' cost from this caseload, by fiscal year")
        out.append("       psql \"$(daftar db start | tail -1)\" -c 'SELECT * FROM reporting.coverage LIMIT 5'")
        out.append(String(format: "Done in %.1f s.", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        for line in out { Terminal.emit(line) }
    }
}
