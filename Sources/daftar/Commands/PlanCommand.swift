import ArgumentParser
import Benefits
import BenefitsLedger
import DaftarJSON
import EventStore
import Foundation
import Planning
import PlanningLedger
import ReadModels
import Postgres

/// `daftar plan`: what a programme will cost, month by month, by governorate and component, from
/// its caseload as the ledger knows it, under today's rules or a scenario.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Cost projections for the finance ministry: baseline, scenarios, comparisons, published plans.",
        subcommands: [
            PlanBaselineCommand.self, PlanRunCommand.self, PlanCompareCommand.self, PlanPublishCommand.self, PlanReproduceCommand.self,
        ])
}

/// The options every plan shares: what to project, from where, and how to print it.
struct PlanOptions: ParsableArguments {
    @Option(help: "The programme id.") var programme: String = "iq-spn"
    @Option(help: "The first month projected, YYYY-MM (default: the month after the pin's last payment cycle).") var from: String?
    @Option(help: "Months projected, 1 … 120.") var months: Int = 12
    @Option(help: "The ledger position (ledger_seq) to read the caseload at (default: the ledger's head).") var asOf: Int64?
    @Option(help: "The first month of the fiscal year, 1 … 12.") var fiscalYearStart: Int = 1
    @Option(help: "table, csv or json.") var format: String = "table"
    @Option(help: "Write the table, CSV or JSON to this file instead of standard output.") var output: String?
    @Option(help: "Also draw the monthly cost with the budget line as SVG to this file.") var chart: String?

    func validate() throws {
        guard ["table", "csv", "json"].contains(format) else {
            throw CLIError(code: "invalid_input", message: "format: must be table, csv or json", field: "format", rule: "enum")
        }
        if let from, PlanOptions.month(from) == nil {
            throw CLIError(code: "invalid_input", message: "from: must be a month YYYY-MM", field: "from", rule: "pattern")
        }
        guard (1...CostPlanner.maximumMonths).contains(months) else {
            throw CLIError(code: "invalid_input", message: "months: must be 1 … \(CostPlanner.maximumMonths)", field: "months", rule: "range")
        }
        guard (1...12).contains(fiscalYearStart) else {
            throw CLIError(code: "invalid_input", message: "fiscal-year-start: must be a month 1 … 12", field: "fiscalYearStart", rule: "range")
        }
        if let asOf, asOf < 1 {
            throw CLIError(code: "invalid_input", message: "as-of: must be a ledger position of 1 or more", field: "asOf", rule: "range")
        }
    }

    /// `YYYY-MM` as a cycle.
    static func month(_ text: String) -> PaymentCycle? {
        PaymentCycle.digits(of: text).flatMap { PaymentCycle(year: $0.year, month: $0.month) }
    }

    /// Reads scenario files (or the word `baseline`), checked before anything is loaded.
    static func scenarios(_ paths: [String]) throws -> [Scenario?] {
        try paths.map { path -> Scenario? in
            if path == "baseline" { return nil }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw CLIError(code: "invalid_input", message: "scenario: cannot read \(path) as UTF-8", field: "scenario", rule: "readable")
            }
            return try Scenario(jsonText: text)
        }
    }

    /// Loads the cohort at the pin, with a progress bar, and times it.
    func loadCohort(uri: String, candidates: Bool, exact: Bool = false) async throws -> (Cohort, Duration) {
        let clock = ContinuousClock()
        let started = clock.now
        let conn = try await PostgresConnection.connect(uri)
        let bar = ProgressBar(counting: "Loading the caseload", unit: "households")
        let progress: @Sendable (Int) -> Void = { bar.update($0) }
        if !exact && asOf == nil {
            // The read model serves the ledger's latest word: bring it up to the log first (quick when current).
            var runner = try ReadModels.runner(conninfo: uri)
            runner.pollInterval = .milliseconds(100)
            try await runner.run(untilCaughtUp: true)
        }
        let cohort = try await conn.closing { conn in
            if exact {
                let head = try await CohortLoader.ledgerHead(on: conn)
                return try await CohortLoader.loadExact(
                    programme: ProgrammeID(programme), asOf: asOf ?? head, includeCandidates: candidates, on: conn, progress: progress)
            }
            return try await CohortLoader.load(programme: ProgrammeID(programme), asOf: asOf, includeCandidates: candidates, on: conn, progress: progress)
        }
        bar.finish(cohort.households.count)
        return (cohort, clock.now - started)
    }

    /// The first month: the option, or the month after the last cycle the pin has payments for.
    func firstMonth(_ cohort: Cohort) -> PaymentCycle {
        if let from, let month = PlanOptions.month(from) { return month }
        let paid = cohort.flows.filter { $0.value.values.contains { $0.payableHouseholds > 0 } }.keys.max()
        return paid?.next ?? BusinessDate.today().paymentCycle
    }

    /// Runs scenarios on one cohort.
    func plan(_ scenarios: [Scenario?], database: DatabaseOptions) async throws -> [PlanResult] {
        let uri = try await database.connect()
        let needsCandidates = scenarios.contains { $0?.needsCandidates ?? false }
        let (cohort, loadTime) = try await loadCohort(uri: uri, candidates: needsCandidates)
        guard let currency = cohort.programme.currency else {
            throw CLIError(code: "unknown_programme", message: "programme: \(programme) is not defined at ledger position \(cohort.pin)", field: "programme", rule: "defined")
        }
        let known = Set(cohort.households.map(\.governorate))
        let clock = ContinuousClock()
        let started = clock.now
        var results: [PlanResult] = []
        for scenario in scenarios {
            let scenario = scenario ?? Scenario.baseline(currency: currency)
            try scenario.validate(governorates: known, programmeCurrency: currency)
            let planner = CostPlanner(cohort: cohort, scenario: scenario, from: firstMonth(cohort), months: months, fiscalYearStartMonth: fiscalYearStart)
            results.append(try await planner.run())
        }
        let computeTime = clock.now - started
        let householdMonths = cohort.households.count * months * scenarios.count
        Terminal.note(
            "Pin ledger_seq \(cohort.pin): \(cohort.households.count) households loaded in \(PlanOptions.seconds(loadTime)); "
                + "computed in \(PlanOptions.seconds(computeTime)) (\(PlanOptions.rate(householdMonths, computeTime)) household-months/s)")
        return results
    }

    /// Prints results in the chosen format, and draws the chart.
    func write(_ results: [PlanResult]) throws {
        let text: String
        switch format {
        case "csv": text = results.map(\.csv).joined()
        case "json": text = results.count == 1 ? results[0].json.canonicalText + "\n" : JSONValue.array(results.map(\.json)).canonicalText + "\n"
        default: text = results.count == 1 ? results[0].table() : PlanResult.comparison(results)
        }
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8)) else {
                throw CLIError(code: "invalid_input", message: "output: cannot write \(output)", field: "output", rule: "writable", exitCode: 2)
            }
            Terminal.note("Wrote \(output)")
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if let chart {
            let svg = PlanResult.chart(results)
            guard FileManager.default.createFile(atPath: chart, contents: Data(svg.utf8)) else {
                throw CLIError(code: "invalid_input", message: "chart: cannot write \(chart)", field: "chart", rule: "writable", exitCode: 2)
            }
            Terminal.note("Wrote \(chart)")
        }
    }

    static func seconds(_ d: Duration) -> String { String(format: "%.2f s", d.seconds) }

    static func rate(_ count: Int, _ d: Duration) -> String { d.seconds > 0 ? String(Int(Double(count) / d.seconds)) : "∞" }
}

/// `daftar plan baseline`: today's rules, the observed rates.
struct PlanBaselineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "baseline", abstract: "Project the programme's cost under today's rules and the rates the ledger shows.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var options: PlanOptions

    func run() async throws {
        try await reportingErrors {
            let results = try await options.plan([nil], database: database)
            try options.write(results)
        }
    }
}

/// `daftar plan run SCENARIO.json …`: one or more scenarios.
struct PlanRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Project the programme's cost under scenario files.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var options: PlanOptions
    @Argument(help: "Scenario files (JSON, Ops/plan/scenario.schema.json), or the word baseline.") var scenarios: [String]

    func run() async throws {
        try await reportingErrors {
            let parsed = try PlanOptions.scenarios(scenarios)
            try options.write(try await options.plan(parsed, database: database))
        }
    }
}

/// `daftar plan compare A B …`: scenarios side by side, each against the first.
struct PlanCompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "compare", abstract: "Compare scenarios' cost by fiscal year, each against the first.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var options: PlanOptions
    @Argument(help: "Two or more scenario files, or the word baseline.") var scenarios: [String]

    func validate() throws {
        guard scenarios.count >= 2 else {
            throw CLIError(code: "invalid_input", message: "scenarios: compare needs at least two", field: "scenarios", rule: "count")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let parsed = try PlanOptions.scenarios(scenarios)
            try options.write(try await options.plan(parsed, database: database))
        }
    }
}

/// `daftar plan publish`: a plan becomes a ledger fact (`CostProjectionPublished`), reproducible later.
struct PlanPublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Project a scenario and record it in the ledger as CostProjectionPublished, with the pin and the result's digest.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var options: PlanOptions
    @Argument(help: "A scenario file, or the word baseline.") var scenario: String
    @Option(help: "Who publishes (recorded as the event's actor), e.g. user:finance.mof.") var actor: String
    @Option(help: "Why (recorded as the event's reason), e.g. budget-2026.") var reason: String
    @Option(help: "The projection's id, CP-… (default: CP- and the first 16 digits of the result's digest).") var projectionId: String?

    func run() async throws {
        try await reportingErrors {
            let parsed = try PlanOptions.scenarios([scenario])
            let uri = try await database.connect()
            let (cohort, _) = try await options.loadCohort(uri: uri, candidates: parsed[0]?.needsCandidates ?? false)
            guard let currency = cohort.programme.currency else {
                throw CLIError(code: "unknown_programme", message: "programme: \(options.programme) is not defined", field: "programme", rule: "defined")
            }
            let chosen = parsed[0] ?? Scenario.baseline(currency: currency)
            try chosen.validate(governorates: Set(cohort.households.map(\.governorate)), programmeCurrency: currency)
            let from = options.firstMonth(cohort)
            let result = try await CostPlanner(
                cohort: cohort, scenario: chosen, from: from, months: options.months, fiscalYearStartMonth: options.fiscalYearStart
            ).run()
            let digest = result.digest
            let id = projectionId ?? "CP-" + digest.prefix(16).uppercased()
            let command = PublishCostProjection(
                projectionId: CostProjectionID(id), programmeId: ProgrammeID(options.programme), scenarioLabel: ScenarioLabel(chosen.name),
                scenarioJson: JSONText(chosen.canonicalText), scenarioDigest: HexDigest(chosen.digest),
                pinnedLedgerSeq: cohort.pin, fromMonth: from, months: options.months, fiscalYearStartMonth: options.fiscalYearStart,
                methodVersion: CostPlanner.methodVersion, resultDigest: HexDigest(digest), currency: currency,
                totalAmountMinor: result.totalCostMinor, publishedOn: BusinessDate.today())
            var metadata = EventMetadata(actor: actor)
            metadata.reason = reason
            let ledger = try Ledger(store: database.store(uri))
            let outcome = try await ledger.handle(command, metadata: metadata, idempotencyKey: "plan-publish/\(id)")
            try options.write([result])
            Terminal.note("Published \(id) at ledger position \(cohort.pin): result digest \(digest)")
            Terminal.emit(
                JSONValue.object([
                    "projectionId": .string(id), "pinnedLedgerSeq": .number(JSONNumber(cohort.pin)), "resultDigest": .string(digest),
                    "duplicate": .bool(outcome.isDuplicate),
                ]).canonicalText)
        }
    }
}

/// `daftar plan reproduce`: recomputes a published plan from the ledger at its pin and confirms its digest.
struct PlanReproduceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Recompute a published cost projection from the ledger at its pin; exit 0 when its digest matches, 1 when it differs.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The projection id (CP-…) or the event id of its CostProjectionPublished.") var projection: String
    @Option(help: "table, csv or json: print the recomputed plan too.") var format: String?

    func run() async throws {
        try await reportingErrors {
            let uri = try await database.connect()
            let conn = try await PostgresConnection.connect(uri)
            let rows = try await conn.closing {
                try await $0.query(
                    """
                    SELECT data::text FROM event_store.events
                    WHERE event_type = 'CostProjectionPublished' AND (event_id::text = $1 OR data->>'projectionId' = $1)
                    """, [projection])
            }
            guard let row = rows.rows.first else {
                throw CLIError(code: "not_found", message: "projection: no CostProjectionPublished with id \(projection)", field: "projection", rule: "exists")
            }
            let published = try CostProjectionPublished(json: JSONParser.parse(try row.decode(String.self, 0)), at: "")
            let scenario = try Scenario(jsonText: published.scenarioJson.text)
            guard scenario.digest == published.scenarioDigest.rawValue else {
                throw PlanningError(
                    code: "digest_mismatch", field: "scenarioDigest", rule: "sha256",
                    message: "the recorded scenario does not hash to its recorded digest \(published.scenarioDigest)")
            }
            var options = try PlanOptions.parse([
                "--programme", published.programmeId.rawValue, "--from", published.fromMonth.description, "--months", String(published.months),
                "--fiscal-year-start", String(published.fiscalYearStartMonth), "--format", format ?? "table",
            ])
            options.asOf = published.pinnedLedgerSeq
            let (cohort, _) = try await options.loadCohort(uri: uri, candidates: scenario.needsCandidates, exact: true)
            let result = try await CostPlanner(
                cohort: cohort, scenario: scenario, from: published.fromMonth, months: published.months,
                fiscalYearStartMonth: published.fiscalYearStartMonth
            ).run()
            if format != nil { try options.write([result]) }
            if published.methodVersion != CostPlanner.methodVersion {
                Terminal.note("The plan was published with method v\(published.methodVersion); this daftar computes with v\(CostPlanner.methodVersion).")
            }
            let digest = result.digest
            guard digest == published.resultDigest.rawValue else {
                throw PlanningError(
                    code: "digest_mismatch", field: "resultDigest", rule: "reproducible",
                    message: "NOT REPRODUCED: \(published.projectionId) recorded result digest \(published.resultDigest), "
                        + "recomputed \(digest) (total cost recorded \(published.totalAmountMinor), recomputed \(result.totalCostMinor))")
            }
            Terminal.emit(
                JSONValue.object([
                    "projectionId": .string(published.projectionId.rawValue), "reproduced": .bool(true),
                    "pinnedLedgerSeq": .number(JSONNumber(published.pinnedLedgerSeq)), "resultDigest": .string(digest),
                ]).canonicalText)
        }
    }
}
