import Foundation
import PrivateSetIntersection
import Testing

/// An independent implementation agrees: `Ops/matching/psi_crosscheck.py`, with Python's `cryptography`
/// (OpenSSL's X25519) and hashlib, recomputes normalisation, H, every singly and doubly blinded value
/// from the same inputs and secrets, and checks both exchange files line by line.
///
/// Needs `python3` with `cryptography` (CI installs Debian's python3-cryptography, see .ci/run). Without
/// it the test fails and says so: a skipped cross-check would look like agreement.
@Suite struct PythonCrossCheckTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func pythonComputesTheSameValuesAndReadsTheSameFiles() async throws {
        let a = BlindingKey(), b = BlindingKey()
        // Registry: ids 0..<300 in assorted spellings, and one that fails normalisation.
        var registryIDs = (0..<300).map { i -> String in
            let id = Synthetic.nationalID(i)
            return [id, Synthetic.arabicIndic(id), Synthetic.dashed(id), Synthetic.easternArabicIndic(id), "\u{200F}" + id][i % 5]
        }
        registryIDs.append("1987-ABC")
        // Partner: ids 240..<440, so 60 in common, spelled otherwise.
        let partnerIDs = (240..<440).map { j -> String in
            let id = Synthetic.nationalID(j)
            return [Synthetic.dashed(id), id, Synthetic.arabicIndic(id)][j % 3]
        }
        let persons = registryIDs.enumerated().map { (personId: "P-\($0.offset)", nationalId: $0.element) }
        let rows = partnerIDs.enumerated().map { (nationalId: $0.element, indicator: Synthetic.indicator($0.offset)) }

        let started = try await RegistryRun.start(persons: persons, partner: "mof-loans", rule: .iraqUnifiedCard, run: UUID(), key: a)
        let answer = try await PartnerRun.respond(to: started.file, rows: rows, partner: nil, rule: .iraqUnifiedCard, key: b)
        let matches = try await started.run.finish(partnerFile: answer.file)
        #expect(matches.count == 60)

        // Swift's values, input order.
        let registryNorm = registryIDs.map { try? NationalID.normalize($0) }
        let partnerNorm = partnerIDs.map { try? NationalID.normalize($0) }
        func blinded(_ key: BlindingKey, _ p: Point?) throws -> Point? { try p.map { try key.blind($0) } }
        let rH = registryNorm.map { $0.map(NationalID.point(normalized:)) }
        let pH = partnerNorm.map { $0.map(NationalID.point(normalized:)) }
        let rA = try rH.map { try blinded(a, $0) }
        let rAB = try rA.map { try blinded(b, $0) }
        let pB = try pH.map { try blinded(b, $0) }
        let pBA = try pB.map { try blinded(a, $0) }

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("psi-crosscheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try started.file.write(to: dir.appendingPathComponent("file1.ndjson"))
        try answer.file.write(to: dir.appendingPathComponent("file2.ndjson"))
        let input: [String: Any] = [
            "registry_secret": a.secret.map { String(format: "%02x", $0) }.joined(),
            "partner_secret": b.secret.map { String(format: "%02x", $0) }.joined(),
            "registry_ids": registryIDs, "partner_ids": partnerIDs, "rule_digits": 12,
            "file1": dir.appendingPathComponent("file1.ndjson").path, "file2": dir.appendingPathComponent("file2.ndjson").path,
        ]
        try JSONSerialization.data(withJSONObject: input).write(to: dir.appendingPathComponent("input.json"))

        let (status, stdout, stderr) = try Self.run(
            ["python3", Self.packageRoot.appendingPathComponent("Ops/matching/psi_crosscheck.py").path, dir.appendingPathComponent("input.json").path])
        guard status == 0, let out = (try? JSONSerialization.jsonObject(with: stdout)) as? [String: Any] else {
            Issue.record(
                """
                Ops/matching/psi_crosscheck.py failed (exit status \(status)); the cross-check did NOT run. It needs python3 with the \
                package `cryptography`: apt-get install python3-cryptography (as .ci/run does) or pip install cryptography. \
                stderr: \(String(decoding: stderr, as: UTF8.self))
                """)
            return
        }

        func strings(_ key: String, _ sub: String? = nil) -> [String?] {
            let v = sub.map { ((out[key] as? [String: Any])?[$0]) } ?? out[key]
            return (v as? [Any])?.map { $0 as? String } ?? []
        }
        #expect(strings("normalized", "registry").map { $0?.hasPrefix("!") == true ? nil : $0 } == registryNorm)
        #expect(strings("normalized", "partner").map { $0?.hasPrefix("!") == true ? nil : $0 } == partnerNorm)
        #expect(strings("hash", "registry") == rH.map { $0?.hex })
        #expect(strings("hash", "partner") == pH.map { $0?.hex })
        #expect(strings("registry_blinded") == rA.map { $0?.base64 })
        #expect(strings("registry_doubly") == rAB.map { $0?.base64 })
        #expect(strings("partner_blinded") == pB.map { $0?.base64 })
        #expect(strings("partner_doubly") == pBA.map { $0?.base64 })
        #expect(strings("registry_doubly").count == 301 && strings("partner_doubly").count == 200)
        // The doubly blinded values agree across sides exactly for the common ids.
        #expect(Set(rAB.compactMap { $0 }).intersection(pBA.compactMap { $0 }).count == 60)
        let fingerprints = out["fingerprints"] as? [String: String]
        #expect(fingerprints?["registry"] == a.fingerprint && fingerprints?["partner"] == b.fingerprint)

        // The files, read by Python: trailers, headers, section D = b · file 1, section P = the partner's ids, shuffled.
        let files = try #require(out["files"] as? [String: Any])
        #expect((files["problems"] as? [String]) == [], "\(files["problems"] ?? "")")
        #expect(out["file1_in_input_order"] as? Bool == false)
        let matchedLines = try #require(files["matched_lines"] as? [[Any]])
        let fromPython = matchedLines.flatMap { pair -> [RegistryRun.Match] in
            started.run.state.lines[(pair[0] as! Int) - 2].map { RegistryRun.Match(personID: $0, indicator: pair[1] as! String) }
        }.sorted { ($0.personID, $0.indicator) < ($1.personID, $1.indicator) }
        #expect(fromPython == matches)
    }

    static func run(_ arguments: [String]) throws -> (Int32, Data, Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        let errData = LockedData()
        let errReader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        errReader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.done { Thread.sleep(forTimeInterval: 0.01) }
        return (process.terminationStatus, outData, errData.value)
    }
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private var finished = false
    func set(_ d: Data) { lock.withLock { data = d; finished = true } }
    var done: Bool { lock.withLock { finished } }
    var value: Data { lock.withLock { data } }
}
