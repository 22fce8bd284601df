import Crypto
import Foundation
import PrivateSetIntersection
import Testing

@Suite struct NationalIDTests {
    @Test func everySpellingOfAnIdNormalisesToTheSameDigits() throws {
        let ascii = "198712345678"
        let spellings = [
            ascii, "1987 1234 5678", "1987-1234-5678", "1987.1234.5678", " 1987\u{00A0}1234\u{2013}5678 ",
            Synthetic.arabicIndic(ascii), Synthetic.easternArabicIndic(ascii), "\u{200F}١٩٨٧-١٢٣٤-٥٦٧٨\u{200E}", "۱۹۸۷ ۱۲۳۴ ۵۶۷۸", "١٩٨٧1234٥٦٧٨",
        ]
        for s in spellings {
            #expect(try NationalID.normalize(s) == ascii, "\(s)")
            #expect(try NationalID.point(s) == NationalID.point(normalized: ascii))
        }
    }

    @Test func leadingZerosAreKept() throws {
        #expect(try NationalID.normalize("000000000042") == "000000000042")
        #expect(NationalID.point(normalized: "000000000042") != NationalID.point(normalized: "42"))
    }

    @Test func aWrongLengthNamesTheRule() {
        let e = #expect(throws: MatchError.self) { try NationalID.normalize("1987 1234 567") }
        #expect(e?.code == .invalidNationalID)
        #expect(e?.field == "national_id")
        #expect(e?.message == "has 11 digits; rule iraq-unified-card (12 digits)")
        let long = #expect(throws: MatchError.self) { try NationalID.normalize("1234567890123") }
        #expect(long?.message.contains("13 digits") == true)
        let empty = #expect(throws: MatchError.self) { try NationalID.normalize("") }
        #expect(empty?.message == "has 0 digits; rule iraq-unified-card (12 digits)")
    }

    @Test func aForeignCharacterIsNamedWithItsPositionButTheIdIsNot() {
        let e = #expect(throws: MatchError.self) { try NationalID.normalize("1987A2345678") }
        #expect(e?.code == .invalidNationalID)
        #expect(e?.message == "character 'A' (U+0041) at position 5 is not a digit, space, dash or dot; rule iraq-unified-card (12 digits)")
        #expect(e?.message.contains("1987") == false)
        // Other digit systems are not silently read as digits.
        let fullwidth = #expect(throws: MatchError.self) { try NationalID.normalize("１９８７12345678") }
        #expect(fullwidth?.message.contains("U+FF11") == true)
        let control = #expect(throws: MatchError.self) { try NationalID.normalize("198712345678\u{0}") }
        #expect(control?.message.hasPrefix("character (U+0000) at position 13") == true)
    }

    @Test func otherLengthRules() throws {
        let ten = NationalID.Rule(name: "ten", digits: 10)
        #expect(try NationalID.normalize("٠١٢٣٤٥٦٧٨٩", rule: ten) == "0123456789")
        let e = #expect(throws: MatchError.self) { try NationalID.normalize("198712345678", rule: ten) }
        #expect(e?.message == "has 12 digits; rule ten (10 digits)")
        let legacy = NationalID.Rule(name: "legacy", digits: 8...12)
        #expect(try NationalID.normalize("12345678", rule: legacy) == "12345678")
        let short = #expect(throws: MatchError.self) { try NationalID.normalize("1234567", rule: legacy) }
        #expect(short?.message == "has 7 digits; rule legacy (8–12 digits)")
    }

    @Test func hIsTheDomainSeparatedSHA256WithTheTopBitCleared() {
        for id in (0..<200).map(Synthetic.nationalID) {
            var expected = Array(SHA256.hash(data: Data(("daftar-psi-v1|" + id).utf8)))
            #expect(NationalID.point(normalized: id).bytes[0..<31] == expected[0..<31])
            expected[31] &= 0x7F
            #expect(NationalID.point(normalized: id).bytes == expected)
        }
        // Some of those 200 hashes had the top bit set: clearing it is exercised, not assumed.
        #expect((0..<200).contains { Array(SHA256.hash(data: Data(("daftar-psi-v1|" + Synthetic.nationalID($0)).utf8)))[31] & 0x80 != 0 })
    }
}

@Suite struct PointTests {
    @Test func base64RoundTripsAndIsCanonical() throws {
        for id in (0..<100).map(Synthetic.nationalID) {
            let p = NationalID.point(normalized: id)
            #expect(p.base64 == Data(p.bytes).base64EncodedString())
            #expect(Point(base64: p.base64) == p)
        }
        let p = NationalID.point(normalized: "198712345678")
        var s = Array(p.base64)
        #expect(Point(base64: String(s.dropLast())) == nil)  // no padding
        #expect(Point(base64: String(s) + "=") == nil)
        s[5] = "*"
        #expect(Point(base64: String(s)) == nil)
        // The last data character carries two unused bits: a non-canonical spelling is refused.
        var t = Array(p.base64)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        t[42] = alphabet[alphabet.firstIndex(of: t[42])! | 1]
        #expect(Point(base64: String(t)) == nil)
    }

    @Test func blindingCommutesAndMatchesSwiftCryptoDirectly() async throws {
        let a = BlindingKey(), b = BlindingKey()
        let points = (0..<2_000).map { NationalID.point(normalized: Synthetic.nationalID($0)) }
        let ab = try await b.blind(try await a.blind(points))
        let ba = try await a.blind(try await b.blind(points))
        #expect(ab == ba)
        #expect(Set(ab).count == points.count)
        // The batch keeps order and equals one-by-one blinding; and that equals swift-crypto's key agreement.
        let one = try points.map { try a.blind($0) }
        #expect(try await a.blind(points) == one)
        let raw = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: a.secret)
        let direct = try raw.sharedSecretFromKeyAgreement(with: .init(rawRepresentation: points[7].bytes)).withUnsafeBytes { Array($0) }
        #expect(one[7].bytes == direct)
        // Restoring a key from its secret gives the same key.
        let restored = try BlindingKey(secret: a.secret)
        #expect(restored.fingerprint == a.fingerprint)
        #expect(try restored.blind(points[3]) == one[3])
        #expect(a.fingerprint != b.fingerprint)
        #expect(a.fingerprint == SHA256Hex.of(Data(a.publicPoint.bytes)))
        #expect(try a.blind(.basepoint) == a.publicPoint)
    }

    @Test func lowOrderPointsAreAnErrorNotACrashNorAZeroToCompare() async throws {
        let key = BlindingKey()
        // u = 0, u = 1 (order 4), an order-8 point, p − 1 (order 2), p and p + 1 (0 and 1 written unreduced).
        let lowOrder = [
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0100000000000000000000000000000000000000000000000000000000000000",
            "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        ]
        for hex in lowOrder {
            let bytes = stride(from: 0, to: 64, by: 2).map { UInt8(hex.dropFirst($0).prefix(2), radix: 16)! }
            let p = try #require(Point(bytes: bytes))
            let e = #expect(throws: MatchError.self) { try key.blind(p) }
            #expect(e?.code == .lowOrderPoint, "\(hex)")
        }
        var batch = (0..<3_000).map { NationalID.point(normalized: Synthetic.nationalID($0)) }
        batch[2_345] = Point(bytes: [UInt8](repeating: 0, count: 32))!
        let e = await #expect(throws: MatchError.self) { try await key.blind(batch) }
        #expect(e?.code == .lowOrderPoint)
        #expect(e?.field == "points[2345]")
    }
}
