import ArgumentParser
import DaftarJSON
import EventStore
import Foundation
import Postgres

/// `daftar seal`: catch the ledger sequence up, then seal what is unsealed.
struct SealCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal",
        abstract: "Sequence every readable event, then sign a seal over the unsealed ledger entries.",
        subcommands: [Now.self, Export.self],
        defaultSubcommand: Now.self)

    struct Now: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "now", abstract: "Catch up and seal (the default); with --watch, keep doing so.")
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Keep running: sequence continuously and seal every --every events or --minutes minutes.") var watch = false
        @Option(help: "With --watch: seal after this many new ledger entries.") var every: Int = 100_000
        @Option(help: "With --watch: seal at least this often (minutes), when anything is unsealed.") var minutes: Int = 60

        func run() async throws {
            try await reportingErrors {
                let uri = try await database.connect()
                let key = try SealingKey.loadOrCreate(home: database.resolvedHome)
                let sequencer = LedgerSequencer(conninfo: uri)
                var lastSeal = ContinuousClock.now
                repeat {
                    let progress = ProgressBar("sequence", total: max(1, try await unsequenced(uri)), unit: "events")
                    guard let stamped = try await sequencer.catchUp(progress: { progress.update($0) }) else {
                        if !watch { throw CLIError(code: "not_leader", message: "another process is sequencing the ledger; try again when it stops", exitCode: 2) }
                        try await Task.sleep(for: .seconds(1))
                        continue
                    }
                    progress.finish(stamped)
                    let conn = try await PostgresConnection.connect(uri)
                    let tail = try await LedgerSequencer.tail(on: conn)
                    let sealedTo = try await LedgerSeals.seals(on: conn).last?.toSeq ?? 0
                    let due = !watch || tail.ledgerSeq - sealedTo >= Int64(every) || (ContinuousClock.now - lastSeal > .seconds(60 * minutes) && tail.ledgerSeq > sealedTo)
                    if due, let seal = try await LedgerSeals.seal(on: conn, key: key) {
                        Terminal.emit(seal.json)
                        lastSeal = ContinuousClock.now
                    } else if !watch {
                        Terminal.note("nothing to seal: the ledger ends at \(tail.ledgerSeq), sealed up to \(sealedTo)")
                    }
                    await conn.close()
                    if watch { try await Task.sleep(for: .seconds(1)) }
                } while watch
            }
        }

        private func unsequenced(_ uri: String) async throws -> Int {
            let conn = try await PostgresConnection.connect(uri)
            let tail = try await LedgerSequencer.tail(on: conn)
            let n = try await conn.query(
                "SELECT count(*) FROM event_store.events e WHERE (e.xid, e.position) > ($1::xid8, $2::bigint)",
                [String(tail.checkpoint.xid), tail.checkpoint.position]
            ).first!.decode(Int.self, 0)
            await conn.close()
            return n
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the seals as JSON, for auditors to keep outside the system.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only seals whose range ends at or after this ledger_seq.") var from: Int64 = 1
        @Option(help: "Write to this file instead of standard output.") var out: String?

        func run() async throws {
            try await reportingErrors {
                let uri = try await database.connect()
                let conn = try await PostgresConnection.connect(uri)
                let seals = try await LedgerSeals.seals(on: conn, fromSeq: from)
                await conn.close()
                let document: JSONValue = [
                    "format": "daftar.seals.v1", "publicKey": .string(seals.last.map { Hex.encode($0.publicKey) } ?? ""),
                    "seals": .array(seals.map(\.json)),
                ]
                if let out {
                    guard FileManager.default.createFile(atPath: out, contents: Data((document.canonicalText + "\n").utf8)) else {
                        throw CLIError(code: "invalid_input", message: "cannot write \(out)", field: "out", rule: "file")
                    }
                    Terminal.note("wrote \(seals.count) seal(s) to \(out)")
                } else {
                    Terminal.emit(document)
                }
            }
        }
    }
}

/// `daftar keys public`: the key that verifies seals.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "The seal-signing key.", subcommands: [Public.self])

    struct Public: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the Ed25519 public key that verifies seals (hex), creating the key pair if needed.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await reportingErrors {
                Terminal.emit(Hex.encode(try SealingKey.loadOrCreate(home: database.resolvedHome).publicKey))
            }
        }
    }
}

/// `daftar verify`: recompute every hash, chain and seal.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute every event hash, stream chain, the global chain and every seal; name the first mismatch.",
        discussion: "Exit status: 0 when everything holds, 1 when something was altered, removed, reordered or forged, 2 on an operational error.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "The first ledger_seq to check.") var from: Int64?
    @Option(help: "The last ledger_seq to check.") var to: Int64?
    @Option(help: "Seals exported earlier (daftar seal export), to compare with the database's.") var seals: String?
    @Option(help: "The public key (hex) seals must be signed with; default: the exported file's.") var publicKey: String?

    func run() async throws {
        try await reportingErrors {
            var exported: [Seal]?
            var trusted: [UInt8]?
            if let seals {
                guard let data = FileManager.default.contents(atPath: seals) else {
                    throw CLIError(code: "invalid_input", message: "cannot read \(seals)", field: "seals", rule: "file")
                }
                let document = try ImportLine.parseJSON(Array(data), field: "seals")
                guard let list = document["seals"]?.arrayValue else {
                    throw CLIError(code: "invalid_input", message: "seals: not a daftar.seals.v1 document", field: "seals", rule: "format")
                }
                exported = try list.enumerated().map { try Seal(json: $1, field: "seals[\($0)]") }
                trusted = document["publicKey"]?.stringValue.flatMap { Hex.decode($0) }
            }
            if let publicKey {
                guard let key = Hex.decode(publicKey), key.count == 32 else {
                    throw CLIError(code: "invalid_input", message: "public-key: must be 32 bytes in hex", field: "publicKey", rule: "format")
                }
                trusted = key
            }
            let uri = try await database.connect()
            let progress = ProgressBar("verify", total: 1, unit: "items")
            var lastTotal = 1
            let report = try await LedgerVerifier(conninfo: uri).verify(
                fromSeq: from, toSeq: to, exportedSeals: exported, trustedKey: trusted,
                progress: { done, total in
                    lastTotal = total
                    progress.updateTotal(total)
                    progress.update(done)
                })
            progress.finish(lastTotal)
            var summary: [String: JSONValue] = [
                "intact": .bool(report.isIntact), "ledgerEntries": .number(JSONNumber(Int64(report.ledgerEntries))),
                "events": .number(JSONNumber(Int64(report.events))), "streams": .number(JSONNumber(Int64(report.streams))),
                "seals": .number(JSONNumber(Int64(report.seals))), "unsequenced": .number(JSONNumber(Int64(report.unsequenced))),
            ]
            if let f = report.finding {
                var o: [String: JSONValue] = ["what": .string(f.what), "description": .string(f.description)]
                if let v = f.ledgerSeq { o["ledgerSeq"] = .number(JSONNumber(v)) }
                if let v = f.stream { o["stream"] = .string(v) }
                if let v = f.streamVersion { o["streamVersion"] = .number(JSONNumber(v)) }
                if let v = f.eventID { o["eventId"] = .string(v) }
                if let v = f.position { o["position"] = .number(JSONNumber(v)) }
                if let v = f.sealNo { o["sealNo"] = .number(JSONNumber(v)) }
                summary["firstMismatch"] = .object(o)
            }
            Terminal.emit(.object(summary))
            if !report.isIntact {
                Terminal.note("verify: MISMATCH — \(report.finding!.description)")
                throw ExitCode(1)
            }
        }
    }
}
