import ArgumentParser
import Benefits
import BenefitsLedger
import DaftarJSON
import EventStore
import Foundation
import PersonalData
import Postgres
import PrivateSetIntersection
import ReadModels

/// `daftar match`: cross-matching the enrolled population with another ministry's registry by a
/// private set intersection over X25519 (`Ops/matching/PROTOCOL.md`): no raw id crosses between them.
struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Cross-match with another ministry by private set intersection: start (registry), partner (the other ministry), finish (registry).",
        subcommands: [MatchStartCommand.self, MatchPartnerCommand.self, MatchFinishCommand.self])

    /// The partners Daftar matches with, by the code their exchange files carry, and the registry each holds.
    static let partners: [String: SourceRegistry] = [
        "banks": .centralBankLoans, "fuel-licences": .fuelStationsAndGenerators, "payroll": .governmentPayroll, "pension": .statePensions,
        "traffic": .vehicleRegistry, "civil-status": .civilStatusDeaths, "commerce": .commercialRegistry,
    ]

    /// The persons of the programme's enrolled (or suspended) households, with their household: each
    /// person's latest membership event in the household is an addition.
    static func enrolledPersons(_ uri: String, programme: String) async throws -> [(personId: String, householdId: String)] {
        var runner = try ReadModels.runner(conninfo: uri)
        runner.pollInterval = .milliseconds(100)
        try await runner.run(untilCaughtUp: true)
        return try await PostgresConnection.connect(uri).closing { conn in
            try await conn.query(
                """
                WITH enrolled AS (
                  SELECT household_id FROM reporting.eligibility
                  WHERE programme_id = $1 AND status IN ('enrolled', 'temporarilyEnrolled', 'suspended')),
                latest AS (
                  SELECT DISTINCT ON (e.data->>'personId', e.data->>'householdId')
                         e.data->>'personId' AS person_id, e.data->>'householdId' AS household_id, e.event_type
                  FROM event_store.events e
                  WHERE e.event_type IN ('MemberAdded', 'MemberRemoved') AND e.data->>'householdId' IN (SELECT household_id FROM enrolled)
                  ORDER BY e.data->>'personId', e.data->>'householdId', e.position DESC)
                SELECT person_id, household_id FROM latest WHERE event_type = 'MemberAdded' ORDER BY person_id COLLATE "C"
                """, [programme]
            ).rows.map { (try $0.decode(String.self, 0), try $0.decode(String.self, 1)) }
        }
    }

    /// The registry a partner holds.
    /// - Throws: ``CLIError`` `invalid_input` (field `partner`, rule `enum`) for a partner Daftar does not match with.
    static func registry(of partner: String) throws -> SourceRegistry {
        guard let registry = partners[partner] else {
            throw CLIError(
                code: "invalid_input", message: "partner: must be one of \(partners.keys.sorted().joined(separator: ", ")), got \(partner)", field: "partner",
                rule: "enum")
        }
        return registry
    }
}

/// `daftar match start`: blinds the enrolled population's national ids and writes the file for the partner.
struct MatchStartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Export the enrolled population's blinded national ids for a partner (file 1); the run's secret stays sealed here.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "The partner: banks, fuel-licences, payroll, pension, traffic, civil-status or commerce.") var partner: String
    @Option(help: "The programme whose enrolled households are matched.") var programme: String = "iq-spn"
    @Option(help: "Who starts the run (the maker: they cannot decide its proposals), e.g. user:analyst.molsa.") var actor: String
    @Option(help: "Where to write file 1 (default: match-<partner>-<run>.ndjson).") var out: String?

    func run() async throws {
        try await reportingErrors {
            _ = try MatchCommand.registry(of: partner)
            try PersonVault.checkActor(actor)
            let uri = try await database.connect()
            let vault = try await database.vault(uri, key: .read)
            let started = try await MatchCommand.start(uri: uri, vault: vault, partner: partner, programme: programme, actor: actor)
            let runId = started.runId
            let path = out ?? "match-\(partner)-\(runId.uuidString.lowercased()).ndjson"
            try OutputFile.write(started.file, to: path, field: "out")
            Terminal.note("Wrote \(path): \(started.withNationalId - started.rejected) blinded ids for \(partner); send it to them, keep nothing else")
            Terminal.emit(
                JSONValue.object([
                    "run": .string(runId.uuidString.lowercased()), "partner": .string(partner), "file": .string(path),
                    "enrolledPersons": .number(JSONNumber(Int64(started.enrolledPersons))), "withNationalId": .number(JSONNumber(Int64(started.withNationalId))),
                    "rejected": .number(JSONNumber(Int64(started.rejected))),
                ]))
        }
    }
}

/// `daftar match partner`: the partner ministry's side, on its own machine, over its own CSV.
struct MatchPartnerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partner",
        abstract: "Answer a registry's file 1 with the partner's own ids blinded (file 2). Runs offline: no database, no raw id leaves.",
        discussion: "The CSV is UTF-8 with a header national_id,indicator; an indicator is a code such as ownsFuelStation, receivesStatePension:450000, ownsRecentVehicle:2021 (the model year) or loanAboveThreshold:75000000:50000000 (the amount, then the threshold it exceeds).")
    @Option(help: "File 1, as received from the registry.") var input: String
    @Option(help: "The partner's CSV: national_id,indicator.") var ids: String
    @Option(help: "Where to write file 2.") var out: String
    @Option(help: "The partner's own code; file 1 must be addressed to it.") var partner: String?

    func run() async throws {
        try await reportingErrors {
            let response = try await MatchCommand.answer(
                try InputFile.read(input, field: "input"), csv: try InputFile.read(ids, field: "ids"), partner: partner)
            try OutputFile.write(response.file, to: out, field: "out")
            Terminal.emit(
                JSONValue.object([
                    "run": .string(response.header.run.uuidString.lowercased()), "partner": .string(response.header.partner), "file": .string(out),
                    "registryCount": .number(JSONNumber(Int64(response.header.registryCount))),
                    "partnerCount": .number(JSONNumber(Int64(response.header.partnerCount))),
                ]))
        }
    }
}

/// `daftar match finish`: completes the intersection from the partner's file 2 and records it: the run
/// and its hits, then exclusion proposals for the households whose hits meet the programme's rule.
struct MatchFinishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finish",
        abstract: "Complete a run from the partner's file 2: record CrossMatchRunRecorded with its hits and propose exclusions (proposals, not exclusions).")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "File 2, as received from the partner.") var file: String
    @Option(help: "Who finishes the run, e.g. user:analyst.molsa.") var actor: String
    @Option(help: "The date of the partner's extract, YYYY-MM-DD (default: today); exclusions whose evidence applies from the extract take effect then.")
    var snapshotOn: String?

    /// A run records at most this many hits: a request holds at most 1,000 events. Larger intersections
    /// are recorded as several runs, the first with the exchange's run id.
    static let hitsPerRecord = 900

    func run() async throws {
        try await reportingErrors {
            try PersonVault.checkActor(actor)
            let snapshot = try snapshotOn.map { try BusinessDate(parsing: $0, field: "snapshotOn") }
            let data = try InputFile.read(file, field: "file")
            let uri = try await database.connect()
            let vault = try await database.vault(uri, key: .read)
            let ledger = try Ledger(store: database.store(uri))
            let now = UTCTimestamp.now()
            let finished = try await Self.finish(data, uri: uri, vault: vault, ledger: ledger, actor: actor, snapshotOn: snapshot, now: now)
            let run = finished.run
            let (matches, hits, proposed, skipped) = (finished.matchedPersons, finished.hits, finished.proposals.count, finished.householdsNotProposed)
            Terminal.emit(
                JSONValue.object([
                    "run": .string(run.runId.uuidString.lowercased()), "partner": .string(run.partner), "matchedPersons": .number(JSONNumber(Int64(matches))),
                    "hits": .number(JSONNumber(Int64(hits))), "proposals": .number(JSONNumber(Int64(proposed))),
                    "householdsNotProposed": .number(JSONNumber(Int64(skipped))),
                ]))
        }
    }

    /// The run id of the k-th record of a large intersection: a UUID-shaped digest of the exchange's run and k.
    static func derivedRunId(_ run: UUID, _ k: Int) -> String {
        let hex = Array(EventHash.sha256Hex(of: "\(run.uuidString.lowercased())/\(k)").prefix(32))
        let text = String(hex)
        func part(_ a: Int, _ b: Int) -> String { String(text.dropFirst(a).prefix(b - a)) }
        return "\(part(0, 8))-\(part(8, 12))-4\(part(13, 16))-8\(part(17, 20))-\(part(20, 32))"
    }
}
