import ArgumentParser
import Benefits
import DaftarJSON
import EventStore
import Foundation
import Postgres

/// `daftar bench`: throughput measured against raw PostgreSQL baselines in the same run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks that print ratios against a raw baseline (PostgreSQL, X25519) measured in the same run.",
        subcommands: [Append.self, VerifyBench.self, HistoryBench.self, RebuildBench.self, PlanBench.self, MatchBench.self]
    )

    struct Append: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bulk and single appends against raw COPY and raw one-row INSERTs into a plain table of the same shape.",
            discussion: """
                Runs in a scratch database (daftar_bench) on the local cluster, created afresh each run. \
                The baseline table has the event table's columns, defaults, checks and indexes, without \
                partitions, triggers, stream heads or idempotency keys. Build with -c release for figures \
                worth quoting. The last line is one JSON object with the ratios.
                """)
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Events for the bulk phase.") var events: Int = 200_000
        @Option(help: "Events per command (and per idempotency key) in the bulk phase.") var eventsPerCommand: Int = 1
        @Option(help: "Seconds for each single-append phase.") var seconds: Int = 8

        func run() async throws {
            try await reportingErrors {
                guard events >= 1000, (1...100).contains(eventsPerCommand), (1...600).contains(seconds) else {
                    throw CLIError(code: "invalid_input", message: "events must be at least 1000, events-per-command 1–100, seconds 1–600", rule: "range")
                }
                let scratch = try await ScratchDatabase.create(database)
                let setup = try await PostgresConnection.connect(scratch.uri)
                try await setup.execute(BenchCommand.baselineSQL)
                await setup.close()
                let bench = AppendBench(
                    uri: scratch.uri, superuserURI: scratch.superuserURI, events: events,
                    eventsPerCommand: eventsPerCommand, seconds: seconds, catalogue: try BenefitsCatalogue())
                let report = try await bench.run()
                try await scratch.drop()
                for line in report.lines { Terminal.emit(line) }
                Terminal.emit(report.json)
            }
        }
    }

    /// The baseline: the event table's columns, defaults and checks, and its two indexes, as a plain
    /// table (no partitions, no triggers, no stream heads, no idempotency keys).
    static let baselineSQL = """
        CREATE TABLE raw_events (LIKE event_store.events INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
        CREATE INDEX ON raw_events (xid, position);
        CREATE INDEX ON raw_events (stream_id, stream_version);
        """
}

/// The measurements of `daftar bench append`.
struct AppendBench {
    let uri: String
    /// For CHECKPOINT between phases, so one phase's dirty pages are not written on the next one's time.
    let superuserURI: String
    let events: Int
    let eventsPerCommand: Int
    let seconds: Int
    /// The real catalogue: Daftar's appends are measured with schema validation, as they run.
    let catalogue: BenefitsCatalogue

    struct Report {
        var lines: [String] = []
        var json: JSONValue = [:]
    }

    static let columns = "stream_id, stream_version, event_id, event_type, schema_version, effective_at, data, metadata, idempotency_key, prev_hash, hash"

    /// A schema-valid `PaymentScheduled` for household `i`, amounts from the Iraqi SPN table.
    func payload(_ i: Int) -> JSONValue {
        let household = String(format: "%08d", i)
        let amount = JSONValue.number(JSONNumber(Int64([125_000, 175_000, 225_000, 275_000, 200_000, 325_000][i % 6])))
        return [
            "paymentId": .string("PAY-202603\(household)"), "programmeId": "iq-spn", "cycle": "2026-03",
            "householdId": .string("HH-\(household)"), "payeePersonId": .string("P-\(household)01"), "scheduleVersion": 1,
            "currency": "IQD", "amountMinor": amount, "components": [["component": "sizeTable", "amountMinor": amount]],
        ]
    }

    func commands(prefix: String) -> [AppendRequest] {
        let metadata = EventMetadata(actor: "system:bench")
        let date = BusinessDate(year: 2026, month: 3, day: 1)!
        // A payment run: one new payment stream per command (DESIGN: one payment per household and cycle).
        return (0..<(events / eventsPerCommand)).map { c in
            AppendRequest(
                idempotencyKey: "\(prefix)-\(c)", stream: "payment-iq-spn-2026-03-HH-\(String(format: "%08d", c))", expected: .noStream,
                events: (0..<eventsPerCommand).map { k in
                    NewEvent(type: "PaymentScheduled", data: payload(c * eventsPerCommand + k), metadata: metadata, effectiveAt: date)
                })
        }
    }

    func run() async throws -> Report {
        var report = Report()
        let conn = try await PostgresConnection.connect(uri)
        let superuser = try await PostgresConnection.connect(superuserURI)

        // (a) Raw COPY of the same rows (built beforehand) into the plain table.
        let rows: [[UInt8]] = (0..<events).map { i in
            var r = CopyTextRow()
            r.append("payment-iq-spn-2026-03-HH-\(String(format: "%08d", i))")
            r.append(1)
            r.append(UUID().uuidString.lowercased())
            r.append("PaymentScheduled")
            r.append(1)
            r.append("2026-03-01")
            r.append(payload(i).canonicalText)
            r.append(#"{"actor":"system:bench"}"#)
            r.append("raw-\(i)")
            r.append(PostgresBytes(EventHash.zero))
            r.append(PostgresBytes(EventHash.zero))
            return r.line
        }
        Terminal.note("(a) raw COPY of \(events) rows …")
        let copySeconds = try await timed {
            try await conn.copyIn("COPY raw_events (\(AppendBench.columns)) FROM STDIN") { w in
                for row in rows { try await w.write(row) }
            }
        }
        try await superuser.execute("CHECKPOINT")

        // (e) The server's share: the same rows, already built, into the event store's tables (events
        // with every index, idempotency keys, stream heads), rolled back. What (b) adds beyond this is
        // the client's: validating, canonicalising and hashing every event.
        // One key and one new stream per command, as the bulk phase writes.
        let keyRows: [UInt8] = (0..<(events / eventsPerCommand)).reduce(into: []) { out, i in
            var r = CopyTextRow()
            r.append("floor-\(i)")
            r.append(PostgresBytes(EventHash.zero))
            out += r.line
        }
        let headRows: [UInt8] = (0..<(events / eventsPerCommand)).reduce(into: []) { out, i in
            var r = CopyTextRow()
            r.append("floor-\(String(format: "%08d", i))")
            r.append(1)
            r.append(PostgresBytes(EventHash.zero))
            out += r.line
        }
        Terminal.note("(e) the same rows into the event store's tables, no client work …")
        let floorSeconds = try await timed {
            try await conn.execute("BEGIN")
            _ = try await conn.copyIn("COPY event_store.events (\(AppendBench.columns)) FROM STDIN") { w in
                for row in rows { try await w.write(row) }
            }
            _ = try await conn.copyIn("COPY event_store.idempotency_keys (key, request_hash) FROM STDIN") { w in try await w.write(keyRows) }
            _ = try await conn.copyIn("COPY event_store.streams (stream_id, version, last_hash) FROM STDIN") { w in try await w.write(headRows) }
            try await conn.execute("ROLLBACK")
        }
        try await superuser.execute("CHECKPOINT")

        // (b) Daftar's bulk append, in batches of 20,000 commands as `events import` does.
        let store = EventStore(pool: PostgresPool(conninfo: uri, maximumConnections: 8), catalogue: catalogue)
        let batches = commands(prefix: "bulk")
        Terminal.note("(b) bulk append of \(events) events in commands of \(eventsPerCommand) …")
        let progress = ProgressBar("bulk", total: batches.count, unit: "commands")
        let bulkSeconds = try await timed {
            var done = 0
            for start in stride(from: 0, to: batches.count, by: 20_000) {
                let slice = Array(batches[start..<min(start + 20_000, batches.count)])
                _ = try await store.bulkAppend(slice)
                done += slice.count
                progress.update(done)
            }
        }
        progress.finish(batches.count)
        try await superuser.execute("CHECKPOINT")

        // (c) Raw one-row INSERT per transaction; (d) Daftar single appends with expected version and key.
        var insertRates: [Int: Double] = [:]
        var appendRates: [Int: Double] = [:]
        for clients in [1, 8] {
            Terminal.note("(c) raw INSERT, \(clients) client(s), \(seconds)s …")
            insertRates[clients] = try await rate(clients: clients) { client, n, c in
                try await c.query(
                    "INSERT INTO raw_events (\(AppendBench.columns)) VALUES ($1, $2, gen_random_uuid(), 'PaymentScheduled', 1, '2026-03-01', $3, '{\"actor\":\"system:bench\"}', $4, $5, $5)",
                    ["raw-\(clients)-\(client)-\(n % 100)", n / 100 + 1, payload(n).canonicalText, "raw-\(clients)-\(client)-\(n)", PostgresBytes(EventHash.zero)])
            }
            Terminal.note("(d) single appends, \(clients) client(s), \(seconds)s …")
            let metadata = EventMetadata(actor: "system:bench")
            let date = BusinessDate(year: 2026, month: 3, day: 1)!
            appendRates[clients] = try await rate(clients: clients) { client, n, c in
                let version = Int64(n / 100)
                _ = try await store.append(
                    AppendRequest(
                        idempotencyKey: "single-\(clients)-\(client)-\(n)", stream: "single-\(clients)-\(client)-\(n % 100)",
                        expected: version == 0 ? .noStream : .exact(version),
                        events: [NewEvent(type: "PaymentScheduled", data: payload(n), metadata: metadata, effectiveAt: date)]),
                    on: c)
            }
        }
        await conn.close()
        await superuser.close()

        let copyRate = Double(events) / copySeconds
        let bulkRate = Double(events) / bulkSeconds
        let floorRate = Double(events) / floorSeconds
        func f(_ x: Double) -> String { String(format: "%.0f", x) }
        func r(_ x: Double) -> String { String(format: "%.2f", x) }
        report.lines = [
            "raw COPY          \(f(copyRate)) events/s",
            "server floor      \(f(floorRate)) events/s   ratio \(r(floorRate / copyRate)) of raw COPY (prepared rows into events, keys and heads)",
            "bulk append       \(f(bulkRate)) events/s   ratio \(r(bulkRate / copyRate)) of raw COPY, \(r(bulkRate / floorRate)) of the server floor",
            "raw INSERT  x1    \(f(insertRates[1]!)) tx/s",
            "single append x1  \(f(appendRates[1]!)) appends/s   ratio \(r(appendRates[1]! / insertRates[1]!))",
            "raw INSERT  x8    \(f(insertRates[8]!)) tx/s",
            "single append x8  \(f(appendRates[8]!)) appends/s   ratio \(r(appendRates[8]! / insertRates[8]!))",
        ]
        func ratio(_ x: Double) -> JSONValue { .number(JSONNumber(literal: String(format: "%.3f", x))!) }
        report.json = [
            "bulk_vs_copy": ratio(bulkRate / copyRate),
            "floor_vs_copy": ratio(floorRate / copyRate),
            "bulk_vs_floor": ratio(bulkRate / floorRate),
            "single1_vs_insert": ratio(appendRates[1]! / insertRates[1]!),
            "single8_vs_insert": ratio(appendRates[8]! / insertRates[8]!),
            "events": .number(JSONNumber(Int64(events))),
            "events_per_command": .number(JSONNumber(Int64(eventsPerCommand))),
        ]
        return report
    }

    private func timed(_ body: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await body()
        return (ContinuousClock.now - start).seconds
    }

    /// Operations per second over `seconds`, with `clients` connections each running `body` in a loop.
    private func rate(clients: Int, _ body: @escaping @Sendable (Int, Int, PostgresConnection) async throws -> Void) async throws -> Double {
        let deadline = ContinuousClock.now + .seconds(seconds)
        let uri = self.uri
        let start = ContinuousClock.now
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for client in 0..<clients {
                group.addTask {
                    let c = try await PostgresConnection.connect(uri)
                    var n = 0
                    while ContinuousClock.now < deadline {
                        try await body(client, n, c)
                        n += 1
                    }
                    await c.close()
                    return n
                }
            }
            var sum = 0
            for try await n in group { sum += n }
            return sum
        }
        return Double(total) / (ContinuousClock.now - start).seconds
    }
}
