import Foundation
import PrivateSetIntersection

/// Synthetic national ids and helpers shared by the matching tests.
enum Synthetic {
    /// The `n`-th synthetic 12-digit id: `n` scrambled by a bijection of 0 … 10^12 − 1 (multiplication by a
    /// prime coprime to 10, plus a constant), so distinct `n` give distinct ids that do not look sequential.
    static func nationalID(_ n: Int) -> String {
        let v = (UInt64(n) &* 982_451_653 &+ 123_456_789_012) % 1_000_000_000_000
        return String(v).leftPadded(12)
    }

    /// The same digits in Arabic-Indic numerals (٠–٩).
    static func arabicIndic(_ ascii: String) -> String {
        String(String.UnicodeScalarView(ascii.unicodeScalars.map { s in (0x30...0x39).contains(s.value) ? Unicode.Scalar(s.value - 0x30 + 0x0660)! : s }))
    }

    /// The same digits in Eastern Arabic-Indic numerals (۰–۹).
    static func easternArabicIndic(_ ascii: String) -> String {
        String(String.UnicodeScalarView(ascii.unicodeScalars.map { s in (0x30...0x39).contains(s.value) ? Unicode.Scalar(s.value - 0x30 + 0x06F0)! : s }))
    }

    /// The id written as `1234-5678-9012`.
    static func dashed(_ ascii: String) -> String {
        let c = Array(ascii)
        return String(c[0..<4]) + "-" + String(c[4..<8]) + "-" + String(c[8...])
    }

    /// An indicator for partner row `j`: a loan band, some in Arabic.
    static func indicator(_ j: Int) -> String {
        ["loan-band-A", "loan-band-B", "loan-band-C", "قرض كبير", "محطة وقود, \"مولدة\""][j % 5]
    }

    /// The lines of a file, without their `\n`.
    static func lines(_ data: Data) -> [String] {
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// A file from lines, each ended by `\n`.
    static func file(_ lines: [String]) -> Data { Data(lines.map { $0 + "\n" }.joined().utf8) }

    /// The lines with the trailer recomputed over the others: what a forger who knows the format writes.
    static func retrailed(_ lines: [String]) -> Data {
        let body = Array(lines.dropLast())
        let bytes = Data(body.map { $0 + "\n" }.joined().utf8)
        let sha = SHA256Hex.of(bytes)
        return file(body + [#"{"trailer":true,"count":\#(body.count - 1),"sha256":"\#(sha)"}"#])
    }
}

import Crypto

enum SHA256Hex {
    static func of(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
