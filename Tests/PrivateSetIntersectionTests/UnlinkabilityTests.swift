import Foundation
import PrivateSetIntersection
import Testing

/// What a file shows of a person: nothing that links runs, and nothing in its order.
@Suite struct UnlinkabilityTests {
    static let persons = (0..<2_000).map { (personId: "P-\($0)", nationalId: Synthetic.nationalID($0)) }

    @Test func theSameIdGivesUnrelatedTokensInTwoRuns() async throws {
        let one = try await RegistryRun.start(persons: Self.persons, partner: "mof")
        let two = try await RegistryRun.start(persons: Self.persons, partner: "mof")
        let a1 = try ExchangeFile.readRegistry(one.file), a2 = try ExchangeFile.readRegistry(two.file)
        #expect(Set(a1.points).isDisjoint(with: a2.points), "no registry token repeats across runs")
        #expect(a1.header.fingerprint != a2.header.fingerprint)
        #expect(Set(a1.points).isDisjoint(with: Self.persons.map { NationalID.point(normalized: $0.nationalId) }), "tokens are not the bare hashes")

        // The partner side too: the same partner rows answered twice give unrelated section P tokens.
        let rows = (1_000..<3_000).map { (nationalId: Synthetic.nationalID($0), indicator: "x") }
        let p1 = try ExchangeFile.readPartner(try await PartnerRun.respond(to: one.file, rows: rows).file)
        let p2 = try ExchangeFile.readPartner(try await PartnerRun.respond(to: one.file, rows: rows).file)
        #expect(Set(p1.partnerPoints).isDisjoint(with: p2.partnerPoints))
        #expect(Set(p1.doublyBlinded).isDisjoint(with: p2.doublyBlinded))
        // … and both answers still give the same matches.
        #expect(try await one.run.finish(partnerFile: PartnerRun.respond(to: one.file, rows: rows).file).count == 1_000)
    }

    @Test func exchangeFilesAreShuffledFreshEachRun() async throws {
        let one = try await RegistryRun.start(persons: Self.persons, partner: "mof")
        let two = try await RegistryRun.start(persons: Self.persons, partner: "mof")
        // The line of each person in each file (lines[k] names the persons on line k + 2).
        func lineOfPerson(_ s: RegistryRun.State) -> [Int] {
            var line = [Int](repeating: -1, count: Self.persons.count)
            for (k, persons) in s.lines.enumerated() { for p in persons { line[Int(p.dropFirst(2))!] = k } }
            return line
        }
        let l1 = lineOfPerson(one.run.state), l2 = lineOfPerson(two.run.state)
        #expect(!l1.contains(-1))
        let inPlace1 = (0..<l1.count).filter { l1[$0] == $0 }.count
        let inPlace2 = (0..<l2.count).filter { l2[$0] == $0 }.count
        let same = (0..<l1.count).filter { l1[$0] == l2[$0] }.count
        // A random permutation of 2,000 fixes about one element; 20 is already absurd.
        #expect(inPlace1 < 20 && inPlace2 < 20, "file order follows input order: \(inPlace1), \(inPlace2) in place")
        #expect(same < 20, "two runs put \(same) persons on the same line")
        // Not merely rotated or reversed: neighbours in the input are not neighbours in the file.
        let adjacent = (1..<l1.count).filter { abs(l1[$0] - l1[$0 - 1]) == 1 }.count
        #expect(adjacent < 40)

        // Section P: the partner's rows do not keep their order either.
        let rows = (0..<2_000).map { (nationalId: Synthetic.nationalID($0), indicator: "row-\($0)") }
        let p = try ExchangeFile.readPartner(try await PartnerRun.respond(to: one.file, rows: rows).file)
        let inPlaceP = (0..<rows.count).filter { p.indicators[$0] == "row-\($0)" }.count
        #expect(inPlaceP < 20)
        // Section D keeps file 1's order (that is how the registry maps answers back), which is itself shuffled.
        let matches = try await one.run.finish(partnerFile: try await PartnerRun.respond(to: one.file, rows: rows).file)
        #expect(matches.allSatisfy { "P-" + $0.indicator.dropFirst(4) == $0.personID })
        #expect(matches.count == 2_000)
    }
}
