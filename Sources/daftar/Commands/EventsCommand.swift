import ArgumentParser
import DaftarJSON
import EventStore
import Foundation
import Postgres

/// `daftar events`: the event store's low-level interface, JSON in and out, one object per line.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Append, import, read and follow events (JSON lines).",
        subcommands: [Append.self, Import.self, Read.self, Follow.self]
    )

    struct Append: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Append one event to a stream.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The stream id.") var stream: String
        @Option(help: "The event type (UpperCamelCase).") var type: String
        @Option(help: "The payload: a JSON object, or @FILE to read it from a file.") var data: String
        @Option(help: "The stream's expected version: a number, 'any' or 'no-stream'.") var expectedVersion: String = "any"
        @Option(help: "The command's idempotency key (required).") var idempotencyKey: String
        @Option(help: "The business date it takes effect, YYYY-MM-DD (default: today, UTC).") var effectiveAt: String?
        @Option(help: "Metadata as a JSON object with at least an actor, e.g. {\"actor\":\"user:amina\"}.") var metadata: String?
        @Option(help: "The payload's schema version.") var schemaVersion: Int = 1

        func run() async throws {
            try await reportingErrors {
                let line = ImportLine(
                    stream: stream, type: type, data: try readArgument(data, field: "data"),
                    expectedVersion: try ExpectedVersion(parsing: expectedVersion), idempotencyKey: idempotencyKey,
                    effectiveAt: try effectiveAt.map { try BusinessDate(parsing: $0) } ?? BusinessDate.today(),
                    metadata: try metadata.map { try ImportLine.parseMetadata($0) } ?? ImportLine.defaultMetadata,
                    schemaVersion: schemaVersion)
                let uri = try await database.connect()
                let store = try database.store(uri, connections: 1)
                let result = try await store.append(line.request)
                await store.pool.close()
                guard let e = result.events.last else { throw CLIError(code: "empty", message: "nothing appended") }
                Terminal.emit([
                    "position": .number(JSONNumber(e.position)), "streamVersion": .number(JSONNumber(e.streamVersion)),
                    "checkpoint": .string(e.checkpoint.description), "eventId": .string(e.eventID), "duplicate": .bool(result.isDuplicate),
                ])
            }
        }

        private func readArgument(_ text: String, field: String) throws -> JSONValue {
            var source = text
            if text.hasPrefix("@") {
                let path = String(text.dropFirst())
                guard let contents = FileManager.default.contents(atPath: path) else {
                    throw CLIError(code: "invalid_input", message: "\(field): cannot read file \(path)", field: field, rule: "file")
                }
                source = String(decoding: contents, as: UTF8.self)
            }
            return try ImportLine.parseJSON(source, field: field)
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bulk-append NDJSON lines {stream,type,data,metadata,expectedVersion,idempotencyKey,effectiveAt}.",
            discussion: """
                Every line is checked before anything is written; one bad line writes nothing. Lines are \
                then appended in batches (one transaction each, all or nothing). Re-running the same file \
                is safe: lines already appended are recognised by their idempotency keys and skipped.
                """)
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The NDJSON file, or - for standard input.") var file: String
        @Option(help: "Lines per transaction.") var batchSize: Int = 20_000

        func run() async throws {
            try await reportingErrors {
                guard (1...1_000_000).contains(batchSize) else {
                    throw CLIError(code: "invalid_input", message: "batch-size: must be between 1 and 1000000", field: "batchSize", rule: "range")
                }
                let data = try InputFile.read(file)
                let uri = try await database.connect()
                let store = try database.store(uri)
                // Check every line first: a bad line anywhere writes nothing.
                var requests: [AppendRequest] = []
                var lineNumbers: [Int] = []
                // Scan lines over a plain byte array: Data's generic split is far slower.
                let bytes = [UInt8](data)
                var lineNumber = 0
                var lineStart = 0
                while lineStart <= bytes.count {
                    let newline = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
                    var lineEnd = newline
                    if lineEnd > lineStart && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    let line = Array(bytes[lineStart..<lineEnd])
                    lineStart = newline + 1
                    lineNumber += 1
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                    do {
                        let request = try ImportLine(json: line).request
                        try request.validate(limits: store.limits, catalogue: store.catalogue)
                        requests.append(request)
                        lineNumbers.append(lineNumber)
                    } catch let e as EventStoreError {
                        throw CLIError(code: e.code.rawValue, message: "line \(lineNumber): \(e.message)", field: e.field, rule: e.rule)
                    }
                }
                let progress = ProgressBar("import", total: requests.count, unit: "lines")
                var appended = 0
                var duplicates = 0
                var done = 0
                var batches = 0
                for start in stride(from: 0, to: requests.count, by: batchSize) {
                    let batch = Array(requests[start..<min(start + batchSize, requests.count)])
                    do {
                        let r = try await store.bulkAppend(batch)
                        appended += r.appendedEvents
                        duplicates += r.duplicateRequests
                    } catch var e as EventStoreError {
                        if let i = e.requestIndex { e = EventStoreError(code: e.code, message: "line \(lineNumbers[start + i]): \(e.message)", field: e.field, rule: e.rule) }
                        Terminal.note("lines before \(lineNumbers[start]) are appended; nothing of the failing batch was")
                        throw e
                    }
                    batches += 1
                    done += batch.count
                    progress.update(done)
                }
                progress.finish(done)
                await store.pool.close()
                Terminal.emit([
                    "lines": .number(JSONNumber(Int64(requests.count))), "appendedEvents": .number(JSONNumber(Int64(appended))),
                    "duplicates": .number(JSONNumber(Int64(duplicates))), "batches": .number(JSONNumber(Int64(batches))),
                ])
            }
        }
    }

    struct Read: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a stream's events, or the whole log in reading order, as NDJSON.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Read this stream, in version order.") var stream: String?
        @Flag(help: "Read the whole log in (xid, position) order, behind the transaction horizon.") var all = false
        @Option(help: "With --all: start after this checkpoint (xid:position).") var after: String?
        @Option(help: "With --all: the most events to print.") var limit: Int = 1000

        func validate() throws {
            if (stream == nil) == !all {
                throw ValidationError("give exactly one of --stream ID and --all")
            }
        }

        func run() async throws {
            try await reportingErrors {
                let checkpoint = try after.map { try Checkpoint(parsing: $0, field: "after") } ?? .start
                let uri = try await database.connect()
                let pool = PostgresPool(conninfo: uri, maximumConnections: 1)
                let store = EventStore(pool: pool)
                let events: [RecordedEvent]
                if let stream {
                    events = try await store.readStream(stream)
                } else {
                    events = try await store.readAll(after: checkpoint, limit: limit)
                }
                for e in events { Terminal.emit(e.jsonLine) }
                await pool.close()
            }
        }
    }

    struct Follow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print events as NDJSON as they become readable, until interrupted.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Start after this checkpoint (xid:position); default: the beginning.") var after: String?

        func run() async throws {
            try await reportingErrors {
                let checkpoint = try after.map { try Checkpoint(parsing: $0, field: "after") } ?? .start
                let uri = try await database.connect()
                let store = EventStore(pool: PostgresPool(conninfo: uri, maximumConnections: 2))
                for try await e in store.subscribe(after: checkpoint) {
                    Terminal.emit(e.jsonLine)
                }
            }
        }
    }
}
