import Crypto
import Foundation
import PrivateSetIntersection
import Testing

/// Why a keyed hash is not enough, and why blinding is.
///
/// National ids are a small space (about 10^12, much less once a birth year or governorate prefix is
/// known): whoever holds a keyed hash's key hashes every candidate and reads the list. Here the
/// candidate space is 100,000 ids around the real ones, enough to show the principle in a test.
@Suite struct DictionaryAttackTests {
    static let candidates = (0..<100_000).map(Synthetic.nationalID)
    static let partnerIDs = stride(from: 0, to: 100_000, by: 97).map(Synthetic.nationalID)  // 1,031 of them

    @Test func aKeyedHashFallsToAnyoneHoldingTheKey() {
        let key = SymmetricKey(size: .bits256)
        func mac(_ id: String) -> Data { Data(HMAC<SHA256>.authenticationCode(for: Data(id.utf8), using: key)) }
        let list = Set(Self.partnerIDs.map(mac))  // what a partner would send under a shared HMAC key
        let recovered = Self.candidates.filter { list.contains(mac($0)) }
        #expect(recovered == Self.partnerIDs, "every id recovered by hashing the candidate space")
    }

    @Test func theSameAttackOnAPartnerFileFindsNothing() async throws {
        // A real exchange: the registry's file, the partner's answer over its ids.
        let registry = try await RegistryRun.start(persons: (0..<1_000).map { ("P-\($0)", Synthetic.nationalID($0)) }, partner: "mof")
        let answer = try await PartnerRun.respond(to: registry.file, rows: Self.partnerIDs.map { ($0, "loan") })
        let file = try ExchangeFile.readPartner(answer.file)
        let sectionP = Set(file.partnerPoints)
        let sectionD = Set(file.doublyBlinded)

        // The attacker knows H and the protocol, not the partner's b: hashing candidates, bare or blinded with a key
        // of its own, finds nothing in the file.
        let hashed = Self.candidates.map { NationalID.point(normalized: $0) }
        #expect(hashed.filter(sectionP.contains).isEmpty && hashed.filter(sectionD.contains).isEmpty)
        let attacker = BlindingKey()
        let blinded = try await attacker.blind(hashed)
        #expect(blinded.filter(sectionP.contains).isEmpty && blinded.filter(sectionD.contains).isEmpty)

        // Not even the registry, which holds a, can: a · H(candidate) is not in the file either; its only way to
        // compare is a · P_j against section D, which answers for the ids of its own file 1 and nothing else.
        let registryKey = try BlindingKey(secret: registry.run.state.secret)
        let byRegistry = try await registryKey.blind(hashed)
        #expect(byRegistry.filter(sectionP.contains).isEmpty && byRegistry.filter(sectionD.contains).isEmpty)
        let matches = try await registry.run.finish(partnerFile: answer.file)
        let registryIDs = Set((0..<1_000).map(Synthetic.nationalID))
        #expect(matches.count == Self.partnerIDs.filter(registryIDs.contains).count)  // 11: ids 0, 97, … 970
        #expect(matches.count == 11)
    }
}
