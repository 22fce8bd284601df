import ArgumentParser
import Benefits
import DaftarJSON
import DemoCountry
import EventStore
import Foundation
import Planning
import PlanningLedger
import Postgres
import ReadModels

/// `daftar bench plan`: a baseline cost projection over a million enrolled households, from command
/// to table, against a raw COPY of the same cohort rows.
struct PlanBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "A 36-month baseline over a large caseload: load and compute time, household-months/s, against a raw COPY of the same rows.",
        discussion: """
            Loads a small demo country (its programme, rules and a year of flows) into a scratch database on \
            the local cluster, projects and sequences it, then grows the live planning_cohort read model to \
            --households enrolled households by copying the demo's enrolled rows under new ids. Then: the \
            baseline, a raw COPY TO of the same rows doing nothing with the bytes; `daftar plan baseline \
            --months 36` run as a child process, timed from command to table; and, in this process, load and \
            compute timed apart. Build with -c release for figures worth quoting. The last line is one JSON object.
            """)
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Enrolled households in the cohort.") var households: Int = 1_000_000
    @Option(help: "Months projected.") var months: Int = 36

    func validate() throws {
        guard (1000...20_000_000).contains(households) else { throw ValidationError("--households must be 1000 … 20000000 (was \(households))") }
        guard (1...CostPlanner.maximumMonths).contains(months) else { throw ValidationError("--months must be 1 … 120 (was \(months))") }
    }

    func run() async throws {
        try await reportingErrors {
            let scratch = try await ScratchDatabase.create(database)
            _ = try await RebuildBench.load(events: 40_000, uri: scratch.uri)
            var runner = try ReadModels.runner(conninfo: scratch.uri)
            runner.pollInterval = .milliseconds(100)
            try await runner.run(untilCaughtUp: true)
            _ = try await LedgerSequencer(conninfo: scratch.uri).catchUp()
            let schema = try await Self.inflate(uri: scratch.uri, households: households)

            // Baseline: the same rows out, nothing done with the bytes.
            let rawStart = ContinuousClock.now
            var bytes = 0
            _ = try await PostgresConnection.connect(scratch.uri).closing { conn in
                try await conn.copyOut(CohortLoader.cohortCopy(schema: schema, programme: ProgrammeID("iq-spn"), includeCandidates: false)) {
                    bytes += $0.count
                }
            }
            let raw = (ContinuousClock.now - rawStart).seconds
            Terminal.note("raw COPY TO: \(bytes / 1_048_576) MiB in \(String(format: "%.2f", raw)) s")

            // From command to table, as a user runs it.
            let child = Process()
            child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            child.arguments = ["plan", "baseline", "--database-url", scratch.uri, "--from", "2026-01", "--months", String(months)]
            child.standardOutput = FileHandle.nullDevice
            let commandStart = ContinuousClock.now
            try child.run()
            child.waitUntilExit()
            let command = (ContinuousClock.now - commandStart).seconds
            guard child.terminationStatus == 0 else { throw ExitCode(child.terminationStatus) }

            // Load and compute apart, in this process.
            let loadStart = ContinuousClock.now
            let cohort = try await PostgresConnection.connect(scratch.uri).closing {
                try await CohortLoader.load(programme: ProgrammeID("iq-spn"), asOf: nil, includeCandidates: false, on: $0)
            }
            let load = (ContinuousClock.now - loadStart).seconds
            let computeStart = ContinuousClock.now
            let result = try await CostPlanner(cohort: cohort, scenario: .baseline(currency: .iqd), from: PaymentCycle(year: 2026, month: 1)!, months: months)
                .run()
            let compute = (ContinuousClock.now - computeStart).seconds
            try await scratch.drop()

            let householdMonths = Double(cohort.households.count * months)
            Terminal.emit("households in the cohort           \(cohort.households.count)")
            Terminal.emit("raw COPY TO of the cohort rows     \(String(format: "%.2f", raw)) s")
            Terminal.emit("load (read model → Cohort)         \(String(format: "%.2f", load)) s   ratio to raw COPY \(String(format: "%.2f", load / raw))")
            Terminal.emit(
                "compute (\(months) months)               \(String(format: "%.2f", compute)) s   \(Int(householdMonths / compute)) household-months/s")
            Terminal.emit("plan baseline, command to table    \(String(format: "%.2f", command)) s   ratio to raw COPY \(String(format: "%.2f", command / raw))")
            Terminal.emit("rows in the plan                   \(result.rows.count)")
            Terminal.emit(
                JSONValue.object([
                    "households": .number(JSONNumber(Int64(cohort.households.count))), "months": .number(JSONNumber(Int64(months))),
                    "rawCopySeconds": .string(String(format: "%.3f", raw)), "loadSeconds": .string(String(format: "%.3f", load)),
                    "computeSeconds": .string(String(format: "%.3f", compute)), "commandSeconds": .string(String(format: "%.3f", command)),
                    "householdMonthsPerSecond": .number(JSONNumber(Int64(householdMonths / compute))),
                    "loadToRawCopy": .string(String(format: "%.2f", load / raw)), "commandToRawCopy": .string(String(format: "%.2f", command / raw)),
                ]))
        }
    }

    /// Grows the live planning_cohort build's `cohort` table to `households` enrolled rows, copies of
    /// the demo's enrolled rows under new ids of the same length; returns the build's schema.
    static func inflate(uri: String, households: Int) async throws -> String {
        try await PostgresConnection.connect(uri).closing { conn in
            guard let schema = try await CohortLoader.liveBuildSchema(on: conn) else { throw CLIError(code: "no_read_model", message: "the planning_cohort read model has no live build", exitCode: 2) }
            Terminal.note("growing the cohort to \(households) enrolled households")
            try await conn.execute(
                """
                CREATE TEMP TABLE template AS
                  SELECT row_number() OVER (ORDER BY household_id) AS n, * FROM \(schema).cohort WHERE standing = 'enrolled';
                DELETE FROM \(schema).cohort WHERE standing = 'enrolled';
                INSERT INTO \(schema).cohort
                  SELECT t.programme_id, 'HH-ZZ' || lpad(g::text, 8, '0'), t.governorate, t.district, t.standing, t.temporary_ends_on, t.score,
                         t.head_person_id, t.members, t.top_ups, t.currency
                  FROM generate_series(1, \(households)) g
                  JOIN template t ON t.n = 1 + g % (SELECT count(*) FROM template);
                """)
            try await conn.execute("VACUUM ANALYZE \(schema).cohort")
            return schema
        }
    }
}
