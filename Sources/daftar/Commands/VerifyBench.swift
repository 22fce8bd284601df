import ArgumentParser
import Audit
import Benefits
import DaftarJSON
import EventStore
import Foundation
import Postgres

/// `daftar bench verify`: verify's throughput against a raw COPY TO of the same events.
struct VerifyBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "daftar verify's throughput against a raw COPY TO of the same events, measured in the same run.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Events in the scratch ledger.") var events: Int = 200_000

    func run() async throws {
        try await reportingErrors {
            guard events >= 1000 else { throw CLIError(code: "invalid_input", message: "events must be at least 1000", field: "events", rule: "minimum") }
            let scratch = try await ScratchDatabase.create(database)
            let catalogue = try BenefitsCatalogue()
            let bench = AppendBench(uri: scratch.uri, superuserURI: scratch.superuserURI, events: events, eventsPerCommand: 1, seconds: 1, catalogue: catalogue)
            let store = EventStore(pool: PostgresPool(conninfo: scratch.uri, maximumConnections: 2), catalogue: catalogue)
            let commands = bench.commands(prefix: "verify")
            let progress = ProgressBar("load", total: commands.count)
            for start in stride(from: 0, to: commands.count, by: 20_000) {
                _ = try await store.bulkAppend(Array(commands[start..<min(start + 20_000, commands.count)]))
                progress.update(min(start + 20_000, commands.count))
            }
            progress.finish(commands.count)
            _ = try await LedgerSequencer(conninfo: scratch.uri).catchUp()
            let conn = try await PostgresConnection.connect(scratch.uri)
            _ = try await LedgerSeals.seal(on: conn, key: SealingKey())
            let start = ContinuousClock.now
            try await conn.copyOut("COPY (SELECT * FROM event_store.events ORDER BY stream_id, stream_version) TO STDOUT") { _ in }
            let copySeconds = (ContinuousClock.now - start).seconds
            await conn.close()
            let verifyStart = ContinuousClock.now
            let report = try await LedgerVerifier(conninfo: scratch.uri).verify()
            let verifySeconds = (ContinuousClock.now - verifyStart).seconds
            await store.pool.close()
            try await scratch.drop()
            guard report.isIntact else { throw CLIError(code: "bench_failed", message: "the scratch ledger did not verify: \(report.finding!)") }
            let copyRate = Double(events) / copySeconds
            let verifyRate = Double(events) / verifySeconds
            Terminal.emit("raw COPY TO (stream order)  \(Int(copyRate)) events/s")
            Terminal.emit("verify (3 passes, hashes)   \(Int(verifyRate)) events/s   ratio \(String(format: "%.2f", verifyRate / copyRate))")
            Terminal.emit([
                "events": .number(JSONNumber(Int64(events))), "verify_events_per_second": .number(JSONNumber(Int64(verifyRate))),
                "verify_vs_copy_out": .number(JSONNumber(literal: String(format: "%.3f", verifyRate / copyRate))!),
            ])
        }
    }
}

/// A fresh scratch database (`daftar_bench`) on the local cluster, migrated; benchmarks only.
struct ScratchDatabase {
    let cluster: LocalCluster
    var uri: String { cluster.uri(database: "daftar_bench") }
    var superuserURI: String { cluster.uri(user: "postgres", database: "daftar_bench") }

    static func create(_ database: DatabaseOptions) async throws -> ScratchDatabase {
        guard database.explicitURL == nil else {
            throw CLIError(
                code: "bench_needs_local_cluster",
                message: "benchmarks create and drop a scratch database on the local cluster; run them without --database-url / DAFTAR_DATABASE_URL")
        }
        let cluster = LocalCluster(home: database.resolvedHome)
        _ = try await cluster.start(progress: { Terminal.note($0) })
        let scratch = ScratchDatabase(cluster: cluster)
        try await scratch.drop()
        let admin = try await PostgresConnection.connect(cluster.uri(user: "postgres", database: "postgres"))
        try await admin.execute("CREATE DATABASE daftar_bench OWNER \(LocalCluster.ownerRole) TEMPLATE template0")
        await admin.close()
        // As deployed: the store's, the audit layer's and the read models' migrations (indexes included).
        let setup = try await PostgresConnection.connect(scratch.uri)
        _ = try await DaftarSchema.migrate(setup)
        await setup.close()
        return scratch
    }

    func drop() async throws {
        let admin = try await PostgresConnection.connect(cluster.uri(user: "postgres", database: "postgres"))
        try await admin.execute("DROP DATABASE IF EXISTS daftar_bench WITH (FORCE)")
        await admin.close()
    }
}

extension Duration {
    /// The duration in seconds, for rates (timing only, never money).
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
