import Foundation
import PrivateSetIntersection
import Testing

/// Every bad file and bad id is refused with its code and line; nothing is matched from it.
@Suite struct BadInputTests {
    /// A small real exchange: 200 registry persons, 150 partner rows, 40 in common.
    struct Fixture {
        let registry: RegistryRun.Started
        let file1: Data
        let file2: Data
        var lines1: [String] { Synthetic.lines(file1) }
        var lines2: [String] { Synthetic.lines(file2) }
        static let rows = (160..<310).map { (nationalId: Synthetic.nationalID($0), indicator: "band-\($0 % 3)") }

        static func make(partner: String = "mof", run: UUID = UUID()) async throws -> Fixture {
            let registry = try await RegistryRun.start(persons: (0..<200).map { ("P-\($0)", Synthetic.nationalID($0)) }, partner: partner, run: run)
            let answer = try await PartnerRun.respond(to: registry.file, rows: rows)
            return Fixture(registry: registry, file1: registry.file, file2: answer.file)
        }
    }

    /// The error `PartnerRun` throws for this file 1 (it reads file 1 first).
    func partnerError(_ file1: Data, partner: String? = nil) async -> MatchError? {
        await #expect(throws: MatchError.self) { try await PartnerRun.respond(to: file1, rows: Fixture.rows, partner: partner) }
    }

    /// The error `finish` throws for this file 2.
    func finishError(_ run: RegistryRun, _ file2: Data) async -> MatchError? {
        await #expect(throws: MatchError.self) { try await run.finish(partnerFile: file2) }
    }

    func expect(_ e: MatchError?, _ code: MatchError.Code, line: Int?, field: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(e?.code == code, "\(e.map(String.init(describing:)) ?? "no error")", sourceLocation: sourceLocation)
        #expect(e?.line == line, "\(e.map(String.init(describing:)) ?? "no error")", sourceLocation: sourceLocation)
        if let field { #expect(e?.field == field, "\(e.map(String.init(describing:)) ?? "no error")", sourceLocation: sourceLocation) }
    }

    @Test func malformedLinesAreNamed() async throws {
        let f = try await Fixture.make()
        var lines = f.lines1
        lines[4] = #""not base64""#
        expect(await partnerError(Synthetic.file(lines)), .malformedLine, line: 5, field: "point")
        lines = f.lines1
        lines[6] = #"{"foo":1}"#
        expect(await partnerError(Synthetic.file(lines)), .malformedLine, line: 7, field: "point")
        lines = f.lines1
        lines[8] = String(lines[8].dropLast(2)) + "A\""  // 44 characters, but no padding
        expect(await partnerError(Synthetic.file(lines)), .malformedLine, line: 9)
        // CRLF line ends (a file passed through a Windows tool).
        let crlf = Data(f.lines1.map { $0 + "\r\n" }.joined().utf8)
        let e = await partnerError(crlf)
        expect(e, .malformedHeader, line: 1)
        #expect(e?.message.contains("CRLF") == true)
        var crlfBody = f.lines1
        crlfBody[1] += "\r"
        let e2 = await partnerError(Synthetic.file(crlfBody))
        expect(e2, .malformedLine, line: 2)
        #expect(e2?.message.contains("CRLF") == true)
        // Content after the trailer.
        expect(await partnerError(f.file1 + Data("\"more\"\n".utf8)), .malformedLine, line: f.lines1.count + 1)
        // Section P: an indicator that is not a string, a point that is not one.
        var lines2 = f.lines2
        let pLine = 1 + 200 + 3  // index of line 205, the fourth line of section P
        lines2[pLine] = String(lines2[pLine].prefix(48)) + ",5]"
        expect(await finishError(f.registry.run, Synthetic.file(lines2)), .malformedLine, line: pLine + 1, field: "indicator")
        lines2 = f.lines2
        lines2[pLine] = #"["short","band-1"]"#
        expect(await finishError(f.registry.run, Synthetic.file(lines2)), .malformedLine, line: pLine + 1, field: "point")
        lines2 = f.lines2
        lines2[pLine] = String(lines2[pLine].prefix(49)) + "\"bad\\x\"]"
        expect(await finishError(f.registry.run, Synthetic.file(lines2)), .malformedLine, line: pLine + 1, field: "indicator")
    }

    @Test func truncatedFilesAreNamed() async throws {
        let f = try await Fixture.make()
        let lines = f.lines1
        // Cut in the middle of line 10.
        let upTo9 = Data(lines[0..<9].map { $0 + "\n" }.joined().utf8)
        expect(await partnerError(upTo9 + Data(lines[9].prefix(20).utf8)), .truncatedFile, line: 10)
        // Cut at the end of line 50.
        expect(await partnerError(Data(lines[0..<50].map { $0 + "\n" }.joined().utf8)), .truncatedFile, line: 51)
        // The trailer missing, or cut short.
        expect(await partnerError(Synthetic.file(Array(lines.dropLast()))), .truncatedFile, line: lines.count)
        expect(await partnerError(f.file1.prefix(f.file1.count - 10)), .truncatedFile, line: lines.count)
        // Only part of the header; nothing at all.
        expect(await partnerError(f.file1.prefix(30)), .truncatedFile, line: 1)
        expect(await partnerError(Data()), .truncatedFile, line: 1)
        // File 2 cut in section P.
        let lines2 = f.lines2
        expect(
            await finishError(f.registry.run, Data(lines2[0..<300].map { $0 + "\n" }.joined().utf8)), .truncatedFile, line: 301)
    }

    @Test func tamperedLinesBreakTheTrailer() async throws {
        let f = try await Fixture.make()
        var lines = f.lines1
        // A point replaced by another valid point: only the digest can tell.
        lines[9] = "\"" + NationalID.point(normalized: Synthetic.nationalID(999)).base64 + "\""
        expect(await partnerError(Synthetic.file(lines)), .tamperedFile, line: lines.count, field: "sha256")
        // Two lines swapped.
        lines = f.lines1
        lines.swapAt(3, 4)
        expect(await partnerError(Synthetic.file(lines)), .tamperedFile, line: lines.count, field: "sha256")
        // The header edited (another partner's code).
        lines = f.lines1
        lines[0] = lines[0].replacingOccurrences(of: #""partner":"mof""#, with: #""partner":"mol""#)
        expect(await partnerError(Synthetic.file(lines)), .tamperedFile, line: lines.count, field: "sha256")
        // A line removed, trailer recomputed: the header still announces 200.
        lines = f.lines1
        lines.remove(at: 20)
        expect(await partnerError(Synthetic.retrailed(lines)), .tamperedFile, line: lines.count, field: "count")
        // A line added, trailer recomputed.
        lines = f.lines1
        lines.insert(lines[20], at: 20)
        expect(await partnerError(Synthetic.retrailed(lines)), .tamperedFile, line: lines.count - 1, field: "count")
        // The trailer's count edited.
        lines = f.lines1
        lines[lines.count - 1] = lines[lines.count - 1].replacingOccurrences(of: #""count":200"#, with: #""count":201"#)
        expect(await partnerError(Synthetic.file(lines)), .tamperedFile, line: lines.count, field: "count")
        // Section P of file 2 edited: an indicator changed.
        var lines2 = f.lines2
        let i = try #require(lines2.firstIndex { $0.hasSuffix(#","band-1"]"#) })
        lines2[i] = lines2[i].replacingOccurrences(of: "band-1", with: "band-2")
        expect(await finishError(f.registry.run, Synthetic.file(lines2)), .tamperedFile, line: lines2.count, field: "sha256")
    }

    @Test func headersAreCheckedFieldByField() async throws {
        let f = try await Fixture.make()
        var lines = f.lines1
        lines[0] = lines[0].replacingOccurrences(of: "daftar-psi/1", with: "daftar-psi/2")
        expect(await partnerError(Synthetic.file(lines)), .protocolVersion, line: 1, field: "protocol")
        // A partner's file where a registry's is expected, and the other way round.
        expect(await partnerError(f.file2), .malformedHeader, line: 1, field: "side")
        expect(await finishError(f.registry.run, f.file1), .malformedHeader, line: 1, field: "side")
        lines = f.lines1
        lines[0] = lines[0].replacingOccurrences(of: #","count":200"#, with: "")
        expect(await partnerError(Synthetic.retrailed(lines)), .malformedHeader, line: 1, field: "count")
        lines = f.lines1
        lines[0] = lines[0].replacingOccurrences(of: #""count":200"#, with: #""count":200,"note":"x""#)
        expect(await partnerError(Synthetic.retrailed(lines)), .malformedHeader, line: 1, field: "note")
        lines = f.lines1
        lines[0] = lines[0].replacingOccurrences(of: #""count":200"#, with: #""count":"200""#)
        expect(await partnerError(Synthetic.retrailed(lines)), .malformedHeader, line: 1, field: "count")
        lines = f.lines1
        lines[0] = "not json"
        expect(await partnerError(Synthetic.retrailed(lines)), .malformedHeader, line: 1)
    }

    @Test func aFileFromAnotherRunOrPartnerIsRefused() async throws {
        let f = try await Fixture.make()
        // Another run's answer.
        let other = try await Fixture.make()
        expect(await finishError(f.registry.run, other.file2), .foreignRun, line: 1, field: "run")
        // The same run id (a replayed or mixed-up start), but another partner.
        let mol = try await Fixture.make(partner: "mol", run: f.registry.run.state.run)
        expect(await finishError(f.registry.run, mol.file2), .wrongPartner, line: 1, field: "partner")
        // The same run id and partner, but another registry key: an answer to another start.
        let restarted = try await Fixture.make(partner: "mof", run: f.registry.run.state.run)
        expect(await finishError(f.registry.run, restarted.file2), .keyMismatch, line: 1, field: "registry_fingerprint")
        // An answer quoting another file 1.
        var lines2 = f.lines2
        lines2[0] = lines2[0].replacingOccurrences(of: f.registry.run.state.fileSHA256, with: String(repeating: "0", count: 64))
        expect(await finishError(f.registry.run, Synthetic.retrailed(lines2)), .foreignRun, line: 1, field: "registry_sha256")
        // Section D short of a line (header and trailer made to agree).
        lines2 = f.lines2
        lines2.remove(at: 5)
        lines2[0] = lines2[0].replacingOccurrences(of: #""registry_count":200"#, with: #""registry_count":199"#)
        expect(await finishError(f.registry.run, Synthetic.retrailed(lines2)), .countMismatch, line: 1, field: "registry_count")
        // File 1 given to a partner it is not addressed to.
        expect(await partnerError(f.file1, partner: "mol"), .wrongPartner, line: 1, field: "partner")
        // And the genuine answer still works.
        #expect(try await f.registry.run.finish(partnerFile: f.file2).count == 40)
    }

    @Test func craftedLowOrderPointsAreRefusedWithTheirLine() async throws {
        let f = try await Fixture.make()
        let one = "\"" + Point(bytes: [1] + [UInt8](repeating: 0, count: 31))!.base64 + "\""
        var lines = f.lines1
        lines[3] = one
        expect(await partnerError(Synthetic.retrailed(lines)), .lowOrderPoint, line: 4, field: "point")
        var lines2 = f.lines2
        let p = 1 + 200 + 7
        lines2[p] = "[" + one + #","band-0"]"#
        expect(await finishError(f.registry.run, Synthetic.retrailed(lines2)), .lowOrderPoint, line: p + 1, field: "point")
    }

    @Test func idsFailingNormalisationAreNamed() async throws {
        let f = try await Fixture.make()
        var rows = Fixture.rows
        rows[3].nationalId = "12345"
        var e = await #expect(throws: MatchError.self) { try await PartnerRun.respond(to: f.file1, rows: rows) }
        #expect(e?.code == .invalidNationalID && e?.field == "rows[3]")
        rows = Fixture.rows
        rows[8].nationalId = Synthetic.arabicIndic(rows[2].nationalId)
        e = await #expect(throws: MatchError.self) { try await PartnerRun.respond(to: f.file1, rows: rows) }
        #expect(e?.code == .duplicateNationalID && e?.field == "rows[8]" && e?.message.contains("rows[2]") == true)
        rows = Fixture.rows
        rows[1].indicator = "two\nlines"
        e = await #expect(throws: MatchError.self) { try await PartnerRun.respond(to: f.file1, rows: rows) }
        #expect(e?.code == .invalidInput && e?.field == "rows[1].indicator")
        // The registry leaves out persons whose id fails, and says so; with none left it refuses.
        let started = try await RegistryRun.start(
            persons: [("P-1", Synthetic.nationalID(1)), ("P-2", "1987 ABC"), ("P-3", "١٢٣")], partner: "mof")
        #expect(started.rejected.map(\.personID) == ["P-2", "P-3"])
        #expect(started.rejected.map(\.error.field) == ["persons[1]", "persons[2]"])
        #expect(started.rejected.allSatisfy { $0.error.code == .invalidNationalID })
        #expect(started.run.state.lines == [["P-1"]])
        e = await #expect(throws: MatchError.self) { try await RegistryRun.start(persons: [("P-2", "x")], partner: "mof") }
        #expect(e?.code == .invalidInput)
        e = await #expect(throws: MatchError.self) { try await RegistryRun.start(persons: [("P-1", Synthetic.nationalID(1))], partner: "bad code") }
        #expect(e?.code == .invalidInput && e?.field == "partner")
    }
}
