import Crypto
import Foundation

extension ExchangeFile {
    /// Writes file 1: the header, one line per point in the order given, the trailer.
    ///
    /// The caller shuffles (``RegistryRun`` does); the writer keeps the order it is given.
    ///
    /// - Parameters:
    ///   - header: the header; `count` must equal `points.count`.
    ///   - points: the registry's blinded points.
    /// - Returns: the file and its trailer digest.
    public static func write(_ header: RegistryHeader, points: [Point]) -> Written {
        precondition(header.count == points.count, "the header's count must be the number of points")
        var out = [UInt8]()
        out.reserveCapacity(256 + points.count * 47)
        appendObject(
            &out,
            [
                ("protocol", .string(protocolVersion)), ("run", .string(header.run.uuidString.lowercased())),
                ("partner", .string(header.partner)), ("side", .string("registry")), ("fingerprint", .string(header.fingerprint)),
                ("count", .int(header.count)),
            ])
        for p in points { appendPointLine(&out, p) }
        return finish(out, bodyLines: points.count)
    }

    /// Writes file 2: the header, section D in the order given (file 1's), section P in the order
    /// given (shuffled by the caller), the trailer.
    ///
    /// - Parameters:
    ///   - header: the header; `registryCount` must equal `doublyBlinded.count`, `partnerCount` the
    ///     number of partner points.
    ///   - doublyBlinded: section D.
    ///   - partnerPoints: section P's points.
    ///   - indicators: section P's indicators, one per point, each at most ``maximumIndicatorBytes``.
    /// - Returns: the file and its trailer digest.
    public static func write(_ header: PartnerHeader, doublyBlinded: [Point], partnerPoints: [Point], indicators: [String]) -> Written {
        precondition(header.registryCount == doublyBlinded.count && header.partnerCount == partnerPoints.count)
        precondition(partnerPoints.count == indicators.count)
        var out = [UInt8]()
        out.reserveCapacity(512 + doublyBlinded.count * 47 + partnerPoints.count * 64)
        appendObject(
            &out,
            [
                ("protocol", .string(protocolVersion)), ("run", .string(header.run.uuidString.lowercased())),
                ("partner", .string(header.partner)), ("side", .string("partner")), ("fingerprint", .string(header.fingerprint)),
                ("registry_fingerprint", .string(header.registryFingerprint)), ("registry_sha256", .string(header.registrySHA256)),
                ("registry_count", .int(header.registryCount)), ("partner_count", .int(header.partnerCount)),
            ])
        for p in doublyBlinded { appendPointLine(&out, p) }
        for (p, indicator) in zip(partnerPoints, indicators) {
            out.append(contentsOf: [UInt8(ascii: "["), UInt8(ascii: "\"")])
            p.appendBase64(to: &out)
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ",")])
            appendJSONString(&out, indicator)
            out.append(contentsOf: [UInt8(ascii: "]"), UInt8(ascii: "\n")])
        }
        return finish(out, bodyLines: doublyBlinded.count + partnerPoints.count)
    }

    enum HeaderValue: Hashable {
        case string(String)
        case int(Int)
        case bool(Bool)
    }

    static func appendPointLine(_ out: inout [UInt8], _ p: Point) {
        out.append(UInt8(ascii: "\""))
        p.appendBase64(to: &out)
        out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "\n")])
    }

    /// Appends a JSON object on one line, keys in the order given, and a `\n`.
    static func appendObject(_ out: inout [UInt8], _ fields: [(String, HeaderValue)]) {
        out.append(UInt8(ascii: "{"))
        for (i, (key, value)) in fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendJSONString(&out, key)
            out.append(UInt8(ascii: ":"))
            switch value {
            case .string(let s): appendJSONString(&out, s)
            case .int(let n): out.append(contentsOf: Array(String(n).utf8))
            case .bool(let b): out.append(contentsOf: Array((b ? "true" : "false").utf8))
            }
        }
        out.append(contentsOf: [UInt8(ascii: "}"), UInt8(ascii: "\n")])
    }

    /// Appends `s` as a JSON string: `"` and `\` escaped, control characters as `\u00XX`, the rest as UTF-8.
    static func appendJSONString(_ out: inout [UInt8], _ s: String) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends the trailer over everything written so far.
    static func finish(_ body: [UInt8], bodyLines: Int) -> Written {
        var out = body
        let digest = hex(SHA256.hash(data: out))
        appendObject(&out, [("trailer", .bool(true)), ("count", .int(bodyLines)), ("sha256", .string(digest))])
        return Written(data: Data(out), sha256: digest)
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for b in digest {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
