import Crypto
import Foundation
import PrivateSetIntersection
import Testing

/// A match gives exactly the intersection, each hit naming the right person and indicator.
@Suite struct MatchCorrectnessTests {
    /// Registry persons `P-i` hold ids `i` for `i` in `0..<n`; partner row `j` holds id `n − overlap + j`
    /// for `j` in `0..<n`. So the overlap is registry persons `n − overlap ..< n`, partner rows `0..<overlap`.
    struct Scenario {
        let n: Int
        let overlap: Int
        var persons: [(personId: String, nationalId: String)] {
            (0..<n).map { i in
                let id = Synthetic.nationalID(i)
                // Registries store ids as typed: some in Arabic-Indic digits, some dashed.
                let written = i % 7 == 0 ? Synthetic.arabicIndic(id) : i % 11 == 0 ? Synthetic.dashed(id) : id
                return ("P-\(i)", written)
            }
        }
        var rows: [(nationalId: String, indicator: String)] {
            (0..<n).map { j in
                let id = Synthetic.nationalID(n - overlap + j)
                return (j % 5 == 0 ? Synthetic.easternArabicIndic(id) : id, Synthetic.indicator(j))
            }
        }
        var expected: [RegistryRun.Match] {
            (0..<overlap).map { j in RegistryRun.Match(personID: "P-\(n - overlap + j)", indicator: Synthetic.indicator(j)) }
                .sorted { ($0.personID, $0.indicator) < ($1.personID, $1.indicator) }
        }

        /// The three steps, through the files' bytes and a sealed state, as the CLI will run them.
        func run() async throws -> [RegistryRun.Match] {
            let started = try await RegistryRun.start(persons: persons, partner: "mof-loans")
            #expect(started.rejected.isEmpty)
            let stateKey = SymmetricKey(size: .bits256)
            let sealed = started.run.state.sealed(with: stateKey)

            let response = try await PartnerRun.respond(to: started.file, rows: rows, partner: "mof-loans")
            #expect(response.header.registryCount == n && response.header.partnerCount == n)

            let resumed = RegistryRun(resuming: try RegistryRun.State.open(sealed, with: stateKey))
            return try await resumed.finish(partnerFile: response.file)
        }
    }

    @Test func twentyThousandAgainstTwentyThousandGiveExactlyTheOverlap() async throws {
        let scenario = Scenario(n: 20_000, overlap: 1_234)
        let matches = try await scenario.run()
        #expect(matches.count == 1_234)
        #expect(matches == scenario.expected)
    }

    /// Opt-in: 4 million X25519 operations, minutes even in a release build (`daftar bench match` runs the same in release).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["DAFTAR_PSI_MILLION"] == "1", "set DAFTAR_PSI_MILLION=1: 4 million X25519 operations"))
    func aMillionAgainstAMillion() async throws {
        let scenario = Scenario(n: 1_000_000, overlap: 12_345)
        let matches = try await scenario.run()
        #expect(matches.count == 12_345)
        #expect(matches == scenario.expected)
    }

    @Test func personsSharingAnIdShareALineAndAreAllReported() async throws {
        let persons: [(personId: String, nationalId: String)] = [
            ("P-1", Synthetic.nationalID(1)), ("P-2", Synthetic.nationalID(2)), ("P-2bis", Synthetic.dashed(Synthetic.nationalID(2))),
            ("P-3", Synthetic.nationalID(3)), ("P-bad", "12-34"),
        ]
        let started = try await RegistryRun.start(persons: persons, partner: "mol")
        #expect(started.sharedIDs == 1)
        #expect(started.run.state.lines.count == 3)
        #expect(started.rejected.map(\.personID) == ["P-bad"])
        #expect(started.rejected.first?.error.code == .invalidNationalID)
        #expect(started.rejected.first?.error.field == "persons[4]")
        let rows = [(nationalId: Synthetic.nationalID(2), indicator: "pension"), (Synthetic.nationalID(9), "pension")]
        let response = try await PartnerRun.respond(to: started.file, rows: rows)
        let matches = try await started.run.finish(partnerFile: response.file)
        #expect(matches == [.init(personID: "P-2", indicator: "pension"), .init(personID: "P-2bis", indicator: "pension")])
    }

    @Test func disjointSetsGiveNothing() async throws {
        let started = try await RegistryRun.start(persons: (0..<500).map { ("P-\($0)", Synthetic.nationalID($0)) }, partner: "mot")
        let response = try await PartnerRun.respond(to: started.file, rows: (500..<900).map { (Synthetic.nationalID($0), "car") })
        #expect(try await started.run.finish(partnerFile: response.file).isEmpty)
        let none = try await PartnerRun.respond(to: started.file, rows: [])
        #expect(try await started.run.finish(partnerFile: none.file).isEmpty)
    }

    @Test func theStateSurvivesSerialisationAndOnlyOpensWithItsKey() async throws {
        let started = try await RegistryRun.start(persons: (0..<50).map { ("P-\($0)", Synthetic.nationalID($0)) }, partner: "mof")
        let state = started.run.state
        #expect(try RegistryRun.State(serialized: state.serialized()) == state)
        let json = String(decoding: state.serialized(), as: UTF8.self)
        #expect(!json.contains(Synthetic.nationalID(3)), "the state holds person ids, never national ids")
        let key = SymmetricKey(size: .bits256)
        let sealed = state.sealed(with: key)
        #expect(try RegistryRun.State.open(sealed, with: key) == state)
        #expect(!String(decoding: sealed, as: UTF8.self).contains("P-3"))
        let wrong = #expect(throws: MatchError.self) { try RegistryRun.State.open(sealed, with: SymmetricKey(size: .bits256)) }
        #expect(wrong?.code == .invalidState)
        var flipped = sealed
        flipped[flipped.count - 40] ^= 1
        #expect((#expect(throws: MatchError.self) { try RegistryRun.State.open(flipped, with: key) })?.code == .invalidState)
        #expect((#expect(throws: MatchError.self) { try RegistryRun.State.open(Data("{}".utf8), with: key) })?.code == .invalidState)
    }
}
