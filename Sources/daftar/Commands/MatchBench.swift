import ArgumentParser
import Crypto
import DaftarJSON
import Foundation
import PrivateSetIntersection

/// `daftar bench match`: a private set intersection of N registry ids against N partner ids, end to end
/// through the real files, against the raw X25519 rate measured in the same run.
struct MatchBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "A private set intersection, N registry ids against N partner ids, end to end, against raw X25519 in the same run.",
        discussion: """
            In one process, through the module's API and the real file formats in a temporary folder: the registry \
            starts a run (file 1 and its sealed state written), the partner reads file 1 and its CSV and writes \
            file 2, the registry reopens its state, reads file 2 and finishes. That is 4N X25519 operations. The \
            baseline is swift-crypto's sharedSecretFromKeyAgreement alone on precomputed public keys, chunked over \
            the same task group, measured before and after the run; wall-clock and CPU-time ratios are both printed \
            (CPU time is the steadier on a shared machine). The matches must be exactly the planted \
            overlap, each with its person and indicator, or the command exits 1. Build with -c release for figures \
            worth quoting. The last line is one JSON object.
            """)
    @Option(help: "Registry ids, and partner ids.") var count: Int = 1_000_000
    @Option(help: "Ids in both sets.") var overlap: Int = 12_345
    @Option(help: "X25519 operations in each raw measurement.") var rawSample: Int = 200_000

    func validate() throws {
        guard (1_000...20_000_000).contains(count) else { throw ValidationError("--count must be 1000 … 20000000 (was \(count))") }
        guard (0...count).contains(overlap) else { throw ValidationError("--overlap must be 0 … count (was \(overlap))") }
        guard (1_000...10_000_000).contains(rawSample) else { throw ValidationError("--raw-sample must be 1000 … 10000000 (was \(rawSample))") }
    }

    /// The `n`-th synthetic 12-digit national id (a bijection of 0 … 10^12 − 1, so distinct and unsorted).
    static func nationalID(_ n: Int) -> String {
        let v = (UInt64(n) &* 982_451_653 &+ 123_456_789_012) % 1_000_000_000_000
        let s = String(v)
        return String(repeating: "0", count: 12 - s.count) + s
    }

    static func indicator(_ j: Int) -> String { ["loan-band-A", "loan-band-B", "loan-band-C", "قرض كبير"][j % 4] }

    func run() async throws {
        try await reportingErrors {
            let n = count
            let cores = ProcessInfo.processInfo.activeProcessorCount
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("daftar-bench-match-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }

            // Inputs: registry persons P-i with ids 0..<n; partner rows with ids n − overlap ..< 2n − overlap, as a CSV file.
            Terminal.note("generating \(n) registry persons and a partner CSV of \(n) rows …")
            let persons = (0..<n).map { (personId: "P-\($0)", nationalId: Self.nationalID($0)) }
            var csv = [UInt8]("national_id,indicator\n".utf8)
            csv.reserveCapacity(n * 30)
            for j in 0..<n { csv += Array("\(Self.nationalID(n - overlap + j)),\(Self.indicator(j))\n".utf8) }
            let csvURL = dir.appendingPathComponent("partner.csv")
            try Data(csv).write(to: csvURL)
            csv = []

            // The raw X25519 rate, before.
            let rawBefore = try await Self.rawRate(sample: rawSample)
            Terminal.note("raw X25519 (before): \(Int(rawBefore.perSecond)) ops/s on \(cores) cores, \(Int(rawBefore.cpuPerOp * 1e6)) µs CPU per op")

            // 1. Registry: start, write file 1 and the sealed state.
            let file1URL = dir.appendingPathComponent("file1.ndjson"), stateURL = dir.appendingPathComponent("run.state")
            let file2URL = dir.appendingPathComponent("file2.ndjson")
            let stateKey = SymmetricKey(size: .bits256)
            Terminal.note("registry: start …")
            let t0 = ContinuousClock.now
            let cpu0 = Self.cpuSeconds()
            let started = try await RegistryRun.start(persons: persons, partner: "bench-partner")
            try started.file.write(to: file1URL)
            try started.run.state.sealed(with: stateKey).write(to: stateURL)
            let t1 = ContinuousClock.now
            let cpu1 = Self.cpuSeconds()
            // 2. Partner: read its CSV and file 1, answer, write file 2.
            Terminal.note("partner: answer …")
            let report = try PartnerCSV.read(try Data(contentsOf: csvURL))
            let answer = try await PartnerRun.respond(to: try Data(contentsOf: file1URL), rows: report.partnerRows, partner: "bench-partner")
            try answer.file.write(to: file2URL)
            let t2 = ContinuousClock.now
            let cpu2 = Self.cpuSeconds()
            // 3. Registry: reopen the state, read file 2, finish.
            Terminal.note("registry: finish …")
            let state = try RegistryRun.State.open(try Data(contentsOf: stateURL), with: stateKey)
            let matches = try await RegistryRun(resuming: state).finish(partnerFile: try Data(contentsOf: file2URL))
            let t3 = ContinuousClock.now
            let cpu3 = Self.cpuSeconds()
            let runCPU = cpu3 - cpu0

            let rawAfter = try await Self.rawRate(sample: rawSample)
            Terminal.note("raw X25519 (after): \(Int(rawAfter.perSecond)) ops/s, \(Int(rawAfter.cpuPerOp * 1e6)) µs CPU per op")

            // Exactly the planted overlap, each with its person and indicator.
            var wrong = report.rejected.count + started.rejected.count
            if matches.count == overlap {
                let expected = Dictionary(uniqueKeysWithValues: (0..<overlap).map { ("P-\(n - overlap + $0)", Self.indicator($0)) })
                wrong += matches.filter { expected[$0.personID] != $0.indicator }.count
            }
            let ok = matches.count == overlap && wrong == 0

            let file1Bytes = try FileManager.default.attributesOfItem(atPath: file1URL.path)[.size] as? Int ?? 0
            let file2Bytes = try FileManager.default.attributesOfItem(atPath: file2URL.path)[.size] as? Int ?? 0
            let stateBytes = try FileManager.default.attributesOfItem(atPath: stateURL.path)[.size] as? Int ?? 0
            let ops = 4 * n
            let total = (t3 - t0).seconds
            let rawRate = (rawBefore.perSecond + rawAfter.perSecond) / 2
            let rawSeconds = Double(ops) / rawRate
            let rawCPUPerOp = (rawBefore.cpuPerOp + rawAfter.cpuPerOp) / 2
            let rawCPU = Double(ops) * rawCPUPerOp
            let start = (t1 - t0).seconds, partner = (t2 - t1).seconds, finish = (t3 - t2).seconds
            func f(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }
            Terminal.emit("ids                           \(n) registry × \(n) partner, overlap \(overlap), \(cores) cores")
            Terminal.emit(
                "raw X25519                    \(Int(rawBefore.perSecond)) ops/s before, \(Int(rawAfter.perSecond)) after, mean \(Int(rawRate));  \(f(rawCPUPerOp * 1e6, 1)) µs CPU per op")
            Terminal.emit(
                "registry start (N ops)        \(f(start)) s (CPU \(f(cpu1 - cpu0)) s)   \(Int(Double(n) / start)) blinding ops/s   file 1 \(file1Bytes / 1_048_576) MiB, state \(stateBytes / 1_048_576) MiB")
            Terminal.emit(
                "partner answer (2N ops)       \(f(partner)) s (CPU \(f(cpu2 - cpu1)) s)   \(Int(Double(2 * n) / partner)) blinding ops/s   file 2 \(file2Bytes / 1_048_576) MiB")
            Terminal.emit("registry finish (N ops)       \(f(finish)) s (CPU \(f(cpu3 - cpu2)) s)   \(Int(Double(n) / finish)) blinding ops/s")
            Terminal.emit("end to end (4N ops)           \(f(total)) s (CPU \(f(runCPU)) s)   \(Int(Double(ops) / total)) blinding ops/s")
            Terminal.emit("raw X25519 time for 4N ops    \(f(rawSeconds)) s   ratio \(f(total / rawSeconds)) (goal ≤ 3)")
            Terminal.emit("CPU time, run / raw 4N ops    \(f(runCPU)) s / \(f(rawCPU)) s   ratio \(f(runCPU / rawCPU)) (steady under other load)")
            Terminal.emit("matches                       \(matches.count) of \(overlap) planted\(ok ? ", each the right person and indicator" : ": WRONG (\(wrong) wrong)")")
            func num(_ x: Double, _ digits: Int) -> JSONValue { .number(JSONNumber(literal: String(format: "%.\(digits)f", x))!) }
            Terminal.emit(
                JSONValue.object([
                    "count": .number(JSONNumber(Int64(n))), "overlap": .number(JSONNumber(Int64(overlap))),
                    "matches": .number(JSONNumber(Int64(matches.count))), "ok": .bool(ok), "cores": .number(JSONNumber(Int64(cores))),
                    "x25519_ops": .number(JSONNumber(Int64(ops))), "raw_ops_per_second": .number(JSONNumber(Int64(rawRate))),
                    "blinding_ops_per_second": .number(JSONNumber(Int64(Double(ops) / total))),
                    "seconds": num(total, 3), "raw_seconds": num(rawSeconds, 3), "ratio_to_raw": num(total / rawSeconds, 3),
                    "cpu_seconds": num(runCPU, 3), "raw_cpu_seconds": num(rawCPU, 3), "cpu_ratio_to_raw": num(runCPU / rawCPU, 3),
                    "raw_cpu_microseconds_per_op": num(rawCPUPerOp * 1e6, 2),
                    "start_seconds": num(start, 3), "partner_seconds": num(partner, 3), "finish_seconds": num(finish, 3),
                    "file1_bytes": .number(JSONNumber(Int64(file1Bytes))), "file2_bytes": .number(JSONNumber(Int64(file2Bytes))),
                ]))
            guard ok else { throw ExitCode(1) }
        }
    }

    /// Raw X25519: operations per second (wall clock) and CPU seconds per operation, for
    /// `sharedSecretFromKeyAgreement` on precomputed public keys, chunked over a task group the way
    /// `BlindingKey.blind` chunks (eight chunks per core).
    static func rawRate(sample: Int) async throws -> (perSecond: Double, cpuPerOp: Double) {
        let key = Curve25519.KeyAgreement.PrivateKey()
        let shares = try (0..<sample).map { i in
            try Curve25519.KeyAgreement.PublicKey(rawRepresentation: Array(SHA256.hash(data: Data("raw-\(i)".utf8))).prefix(31) + [0])
        }
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunks = workers * 8
        let size = (sample + chunks - 1) / chunks
        let start = ContinuousClock.now
        let cpuStart = cpuSeconds()
        let sink = try await withThrowingTaskGroup(of: UInt8.self) { group in
            for c in 0..<chunks {
                let lo = c * size, hi = min(sample, lo + size)
                guard lo < hi else { continue }
                group.addTask {
                    var x: UInt8 = 0
                    for i in lo..<hi { x ^= try key.sharedSecretFromKeyAgreement(with: shares[i]).withUnsafeBytes { $0[0] } }
                    return x
                }
            }
            var x: UInt8 = 0
            for try await y in group { x ^= y }
            return x
        }
        let seconds = (ContinuousClock.now - start).seconds
        let cpu = cpuSeconds() - cpuStart
        _ = sink
        return (Double(sample) / seconds, cpu / Double(sample))
    }

    /// User and system CPU time of this process, all threads, in seconds.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
