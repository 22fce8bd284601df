import ArgumentParser
import DemoCountry
import EventStore
import Foundation

/// `daftar generate`: a synthetic country's programme as NDJSON lines for `daftar events import`.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic country's programme, end to end, as NDJSON for 'daftar events import'.",
        discussion: """
            Deterministic: the same seed, households, months and options give the same file, byte for \
            byte. Events are decided by the benefits domain in memory and streamed to the file. \
            --top-up-month moves the emergency top-up or leaves it out; --schedule-change publishes a \
            second benefit schedule and pays it from its effective month. With --cross-match psi the \
            generator leaves the cross-match to the private set intersection: --persons writes every \
            registered person's synthetic personal data for 'daftar persons import', and --partner-files \
            writes each partner ministry's CSV (DIR/<partner>.csv, national_id,indicator) for 'daftar \
            match partner'.
            """)
    @Option(help: "Households to register (1 … 50,000,000).") var households: Int
    @Option(help: "Monthly payment cycles from January 2025 (1 … 120).") var months: Int
    @Option(help: "The seed every draw derives from.") var seed: UInt64 = 1
    @Option(help: "The NDJSON file to write.") var out: String
    @OptionGroup var country: DemoCountryOptions
    @Option(help: "Also write every registered person as a CSV for 'daftar persons import' (synthetic names and national ids).") var persons: String?
    @Option(help: "Also write each partner ministry's CSV, <DIR>/<partner>.csv, for 'daftar match partner' (needs --cross-match psi).")
    var partnerFiles: String?

    func run() async throws {
        try await reportingErrors {
            let configuration = try country.configuration(seed: seed, households: households, months: months)
            if partnerFiles != nil, configuration.crossMatch != .privateSetIntersection {
                throw CLIError(
                    code: "invalid_option", message: "partner-files: needs --cross-match psi (the generator's own cross-match would exclude them already)",
                    field: "partner-files", rule: "requires")
            }
            guard FileManager.default.createFile(atPath: out, contents: nil), let file = FileHandle(forWritingAtPath: out) else {
                throw CLIError(code: "invalid_option", message: "out: cannot write \(out)", field: "out", rule: "writable")
            }
            let generator = DemoCountryGenerator(configuration)
            let progress = ProgressBar("generate", total: generator.progressTotal, unit: "steps")
            var bytes: [UInt8] = []
            bytes.reserveCapacity(1 << 22)
            var lines = 0
            let summary = try await generator.generate { chunk in
                for request in chunk {
                    for line in request.importLines {
                        bytes.append(contentsOf: line.utf8)
                        bytes.append(0x0A)
                        lines += 1
                    }
                }
                if bytes.count > 1 << 22 {
                    try file.write(contentsOf: bytes)
                    bytes.removeAll(keepingCapacity: true)
                }
                progress.update(generator.progress)
            }
            try file.write(contentsOf: bytes)
            try file.close()
            progress.finish(generator.progressTotal)
            var written: [String] = []
            if let persons {
                try OutputFile.write(Data(generator.personsCSV().utf8), to: persons, field: "persons", code: "invalid_option", exitCode: 1)
                written.append(persons)
            }
            if let partnerFiles {
                try FileManager.default.createDirectory(atPath: partnerFiles, withIntermediateDirectories: true)
                for (partner, csv) in generator.partnerFiles().sorted(by: { $0.key < $1.key }) {
                    let path = (partnerFiles as NSString).appendingPathComponent("\(partner).csv")
                    try OutputFile.write(Data(csv.utf8), to: path, field: "partner-files", code: "invalid_option", exitCode: 1)
                    written.append(path)
                }
            }
            for path in written { Terminal.note("Wrote \(path)") }
            Terminal.emit([
                "file": .string(out), "lines": .number(.init(Int64(lines))), "requests": .number(.init(Int64(summary.requests))),
                "events": .number(.init(Int64(summary.events))), "households": .number(.init(Int64(summary.households))),
                "enrolled": .number(.init(Int64(summary.enrolled))),
            ])
        }
    }
}
