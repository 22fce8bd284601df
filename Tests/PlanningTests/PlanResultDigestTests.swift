import Benefits
import DaftarJSON
import DaftarTesting
import Foundation
import Planning
import Testing

/// The plan's CSV and its digest.
@Suite struct PlanResultDigestTests {
    @Test func theCSVStartsWithABOMAndHasOneLinePerRow() {
        let plan = PlanFixtures.plan()
        let bytes = Array(plan.csv.utf8)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(!bytes.contains(0x0D), "lines end with LF only")
        #expect(bytes.last == 0x0A)
        let lines = plan.csvBody.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == plan.rows.count + 2, "header, rows and the empty text after the last LF")
        #expect(lines.first.map(String.init) == PlanResult.csvHeader)
        #expect(lines.last == "")
        #expect(lines[1] == "2025-11,IQ-BA,perChild,60000.000,1500000000,7500000,74625000,1567125000,IQD")
        #expect(lines[2] == "2025-11,IQ-BA,sizeTable,100000.125,20000000000,100000000,995000000,20895000000,IQD")
        for line in lines.dropFirst().dropLast() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields.count == 9)
            #expect(fields[3].split(separator: ".").last?.count == 3, "households have three decimals: \(line)")
        }
    }

    @Test func theDigestIsStableAndPinsEveryAmountAndTheContext() {
        let plan = PlanFixtures.plan()
        #expect(plan.digest.count == 64)
        #expect(plan.digest.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(plan.digest == PlanFixtures.plan().digest)

        var changed = plan
        changed.rows[5].failedMinor += 1
        #expect(changed.digest != plan.digest)
        #expect(PlanFixtures.plan(pin: 1835).digest != plan.digest)
        #expect(PlanFixtures.plan(scenario: "other").digest != plan.digest)

        #expect(throws: Never.self) { try plan.verifyDigest(plan.digest.uppercased()) }
        let error = #expect(throws: PlanningError.self) { try changed.verifyDigest(plan.digest) }
        #expect(error?.code == "digest_mismatch")
    }

    @Test func theDigestHeaderIsOneLineOfCanonicalJSON() throws {
        let plan = PlanFixtures.plan(scenario: "line\nbreak \"quoted\"")
        #expect(!plan.digestHeader.contains("\n"))
        let header = try JSONParser.parse(plan.digestHeader)
        #expect(header.canonicalText == plan.digestHeader)
        #expect(header["scenario"]?.stringValue == "line\nbreak \"quoted\"")
        #expect(header["pin"]?.int64Value == 1834)
        #expect(header["from"]?.stringValue == "2025-11")
        #expect(header["programme"]?.stringValue == "iq-spn")
    }

    /// The documented recipe: `{ jq -r .digestHeader plan.json; tail -c +4 plan.csv; } | sha256sum`
    /// (here with the header from a file, to need no jq).
    @Test func anAuditorRecomputesTheDigestWithStandardTools() async throws {
        let plan = PlanFixtures.plan()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("daftar-plan-digest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(plan.csv.utf8).write(to: folder.appendingPathComponent("plan.csv"))
        try Data((plan.digestHeader + "\n").utf8).write(to: folder.appendingPathComponent("header.txt"))
        let script = """
            cd "$1" && if command -v sha256sum >/dev/null 2>&1; then s=sha256sum; else s="shasum -a 256"; fi
            { cat header.txt; tail -c +4 plan.csv; } | $s
            """
        let outcome = try await ChildProcess.run("/bin/sh", ["-c", script, "sh", folder.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.split(separator: " ").first.map(String.init) == plan.digest)
    }
}
