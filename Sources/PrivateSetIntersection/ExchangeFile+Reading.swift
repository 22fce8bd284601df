import Crypto
import Foundation

extension ExchangeFile {
    /// Reads and checks file 1.
    ///
    /// Checks, in order: the header (protocol version first, then that it is a registry's file, then every
    /// field), each body line (a canonical base64 point, line by line), that the file goes on to its
    /// trailer, the trailer's count, its digest, and that nothing follows it.
    ///
    /// - Parameter data: the whole file.
    /// - Returns: the header, the points in file order and the digest.
    /// - Throws: ``MatchError`` with the 1-based line: `protocol_version`, `malformed_header`,
    ///   `malformed_line` (field `point`), `truncated_file`, `tampered_file` (field `count` or `sha256`).
    public static func readRegistry(_ data: Data) throws(MatchError) -> RegistryFile {
        let result: Result<RegistryFile, MatchError> = data.withUnsafeBytes { raw in
            do throws(MatchError) {
                var reader = FileReader(raw)
                let fields = try reader.header(side: "registry")
                let header = RegistryHeader(
                    run: try fields.uuid("run"), partner: try fields.partner(), fingerprint: try fields.hex64("fingerprint"),
                    count: try fields.count("count"))
                try fields.noOthers(["protocol", "side", "run", "partner", "fingerprint", "count"])
                var points = [Point]()
                points.reserveCapacity(header.count)
                for _ in 0..<header.count { points.append(try reader.pointLine()) }
                let sha = try reader.trailer(bodyLines: header.count)
                return .success(RegistryFile(header: header, points: points, sha256: sha))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Reads and checks file 2.
    ///
    /// The same checks as ``readRegistry(_:)``, for a partner's header, section D (points) and section P
    /// (`["<point>","<indicator>"]`, the indicator at most ``maximumIndicatorBytes`` with no control characters).
    ///
    /// - Parameter data: the whole file.
    /// - Returns: the header, the sections and the digest.
    /// - Throws: ``MatchError`` with the 1-based line, as ``readRegistry(_:)``; a bad section P line is
    ///   `malformed_line` with field `point` or `indicator`.
    public static func readPartner(_ data: Data) throws(MatchError) -> PartnerFile {
        let result: Result<PartnerFile, MatchError> = data.withUnsafeBytes { raw in
            do throws(MatchError) {
                var reader = FileReader(raw)
                let fields = try reader.header(side: "partner")
                let header = PartnerHeader(
                    run: try fields.uuid("run"), partner: try fields.partner(), fingerprint: try fields.hex64("fingerprint"),
                    registryFingerprint: try fields.hex64("registry_fingerprint"), registrySHA256: try fields.hex64("registry_sha256"),
                    registryCount: try fields.count("registry_count"), partnerCount: try fields.count("partner_count"))
                try fields.noOthers([
                    "protocol", "side", "run", "partner", "fingerprint", "registry_fingerprint", "registry_sha256", "registry_count",
                    "partner_count",
                ])
                guard header.registryCount + header.partnerCount <= maximumCount else {
                    throw MatchError(.malformedHeader, line: 1, field: "partner_count", "more than \(maximumCount) lines announced")
                }
                var d = [Point]()
                d.reserveCapacity(header.registryCount)
                for _ in 0..<header.registryCount { d.append(try reader.pointLine()) }
                var p = [Point]()
                var indicators = [String]()
                p.reserveCapacity(header.partnerCount)
                indicators.reserveCapacity(header.partnerCount)
                for _ in 0..<header.partnerCount {
                    let (point, indicator) = try reader.pairLine()
                    p.append(point)
                    indicators.append(indicator)
                }
                let sha = try reader.trailer(bodyLines: header.registryCount + header.partnerCount)
                return .success(PartnerFile(header: header, doublyBlinded: d, partnerPoints: p, indicators: indicators, sha256: sha))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Whether an indicator may be written: at most ``maximumIndicatorBytes`` of UTF-8, no control characters.
    ///
    /// - Parameter indicator: the text.
    /// - Returns: `nil` when it is fine, or what is wrong.
    public static func indicatorProblem(_ indicator: String) -> String? {
        if indicator.utf8.count > maximumIndicatorBytes { return "longer than \(maximumIndicatorBytes) bytes of UTF-8" }
        if indicator.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return "contains a control character" }
        return nil
    }

    /// The header's fields, with typed, named access.
    struct HeaderFields {
        let fields: [String: HeaderValue]

        func string(_ key: String) throws(MatchError) -> String {
            guard let v = fields[key] else { throw MatchError(.malformedHeader, line: 1, field: key, "the header has no \(key)") }
            guard case .string(let s) = v else { throw MatchError(.malformedHeader, line: 1, field: key, "\(key) must be a string") }
            return s
        }

        func uuid(_ key: String) throws(MatchError) -> UUID {
            let s = try string(key)
            guard let u = UUID(uuidString: s), u.uuidString.lowercased() == s else {
                throw MatchError(.malformedHeader, line: 1, field: key, "\(key) must be a UUID in lowercase")
            }
            return u
        }

        func partner() throws(MatchError) -> String {
            let s = try string("partner")
            guard ExchangeFile.isValidPartnerCode(s) else {
                throw MatchError(.malformedHeader, line: 1, field: "partner", "partner must be 1–64 of A–Z a–z 0–9 _ -")
            }
            return s
        }

        func hex64(_ key: String) throws(MatchError) -> String {
            let s = try string(key)
            guard ExchangeFile.isHex64(s) else { throw MatchError(.malformedHeader, line: 1, field: key, "\(key) must be 64 lowercase hex digits") }
            return s
        }

        func count(_ key: String) throws(MatchError) -> Int {
            guard let v = fields[key] else { throw MatchError(.malformedHeader, line: 1, field: key, "the header has no \(key)") }
            guard case .int(let n) = v, n <= ExchangeFile.maximumCount else {
                throw MatchError(.malformedHeader, line: 1, field: key, "\(key) must be an integer 0 … \(ExchangeFile.maximumCount)")
            }
            return n
        }

        func noOthers(_ known: Set<String>) throws(MatchError) {
            if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
                throw MatchError(.malformedHeader, line: 1, field: unknown, "unknown header field \(unknown)")
            }
        }
    }

    /// Walks a file line by line, numbering lines from 1.
    struct FileReader {
        let raw: UnsafeRawBufferPointer
        /// The start of the next line.
        var position = 0
        /// The number of the next line.
        var lineNumber = 1

        init(_ raw: UnsafeRawBufferPointer) { self.raw = raw }

        /// The next line (without its `\n`), and whether it ended with one.
        mutating func nextLine() -> (range: Range<Int>, terminated: Bool)? {
            guard position < raw.count else { return nil }
            let start = position
            var i = start
            if let base = raw.baseAddress, let hit = memchr(base + start, 0x0A, raw.count - start) {
                i = base.distance(to: UnsafeRawPointer(hit))
                position = i + 1
                lineNumber += 1
                return (start..<i, true)
            }
            i = raw.count
            position = i
            lineNumber += 1
            return (start..<i, false)
        }

        /// Reads line 1: the protocol version, then the side, then the fields.
        mutating func header(side: String) throws(MatchError) -> HeaderFields {
            guard let (range, terminated) = nextLine() else { throw MatchError(.truncatedFile, line: 1, "the file is empty") }
            if terminated, range.count > 0, raw[range.upperBound - 1] == 0x0D {
                throw MatchError(.malformedHeader, line: 1, "the line ends in a carriage return: was the file converted to CRLF line ends?")
            }
            var scanner = LineScanner(raw, from: range.lowerBound, to: range.upperBound)
            guard let fields = scanner.flatObject() else {
                if !terminated { throw MatchError(.truncatedFile, line: 1, "the file ends within its header line") }
                throw MatchError(.malformedHeader, line: 1, "line 1 is not a header: a JSON object of strings and integers")
            }
            let h = HeaderFields(fields: fields)
            let version = try h.string("protocol")
            guard version == ExchangeFile.protocolVersion else {
                throw MatchError(
                    .protocolVersion, line: 1, field: "protocol", "the file is protocol \(version); this daftar speaks \(ExchangeFile.protocolVersion)")
            }
            let actual = try h.string("side")
            guard actual == side else {
                throw MatchError(.malformedHeader, line: 1, field: "side", "this is a \(actual) file; a \(side) file is expected here")
            }
            guard terminated else { throw MatchError(.truncatedFile, line: 2, "the file ends after its header") }
            return h
        }

        /// The next body line's range, or why there is none.
        mutating func bodyLine() throws(MatchError) -> Range<Int> {
            let number = lineNumber
            guard let (range, terminated) = nextLine() else {
                throw MatchError(.truncatedFile, line: number, "the file ends after line \(number - 1), before the lines its header announces and the trailer")
            }
            guard terminated else { throw MatchError(.truncatedFile, line: number, "the file ends within line \(number)") }
            if range.count > 10, raw[range.lowerBound] == UInt8(ascii: "{") {
                var s = LineScanner(raw, from: range.lowerBound, to: range.upperBound)
                if let f = s.flatObject(), f["trailer"] != nil {
                    throw MatchError(.tamperedFile, line: number, field: "count", "a trailer at line \(number): the file has fewer lines than its header announces")
                }
            }
            if range.count > 0, raw[range.upperBound - 1] == 0x0D {
                throw MatchError(.malformedLine, line: number, "the line ends in a carriage return: was the file converted to CRLF line ends?")
            }
            return range
        }

        /// A section D (or file 1) line: `"<base64>"`.
        mutating func pointLine() throws(MatchError) -> Point {
            let range = try bodyLine()
            let number = lineNumber - 1
            guard range.count == Point.base64Length + 2, raw[range.lowerBound] == UInt8(ascii: "\""), raw[range.upperBound - 1] == UInt8(ascii: "\""),
                let p = Point(base64Bytes: UnsafeRawBufferPointer(rebasing: raw[(range.lowerBound + 1)..<(range.upperBound - 1)]))
            else {
                throw MatchError(.malformedLine, line: number, field: "point", "expected a JSON string of 44 base64 characters (a 32-byte point)")
            }
            return p
        }

        /// A section P line: `["<base64>","<indicator>"]`.
        mutating func pairLine() throws(MatchError) -> (Point, String) {
            let range = try bodyLine()
            let number = lineNumber - 1
            let l = range.lowerBound
            let pointEnd = l + 2 + Point.base64Length
            guard range.count >= Point.base64Length + 7, raw[l] == UInt8(ascii: "["), raw[l + 1] == UInt8(ascii: "\""),
                raw[pointEnd] == UInt8(ascii: "\""), raw[pointEnd + 1] == UInt8(ascii: ","),
                let p = Point(base64Bytes: UnsafeRawBufferPointer(rebasing: raw[(l + 2)..<pointEnd]))
            else {
                throw MatchError(.malformedLine, line: number, field: "point", #"expected ["<44 base64 characters>","<indicator>"]"#)
            }
            var scanner = LineScanner(raw, from: pointEnd + 2, to: range.upperBound)
            guard let indicator = scanner.string(), scanner.take(UInt8(ascii: "]")), scanner.atEnd else {
                throw MatchError(.malformedLine, line: number, field: "indicator", "the indicator is not a JSON string of UTF-8 followed by ]")
            }
            if let problem = ExchangeFile.indicatorProblem(indicator) {
                throw MatchError(.malformedLine, line: number, field: "indicator", "the indicator is \(problem)")
            }
            return (p, indicator)
        }

        /// Reads the trailer after `bodyLines` body lines; checks its count, its digest, and that nothing follows.
        mutating func trailer(bodyLines: Int) throws(MatchError) -> String {
            let number = lineNumber
            let bodyEnd = position
            guard let (range, terminated) = nextLine() else {
                throw MatchError(.truncatedFile, line: number, "the file ends after line \(number - 1), without its trailer")
            }
            var scanner = LineScanner(raw, from: range.lowerBound, to: range.upperBound)
            guard let fields = scanner.flatObject(), fields["trailer"] == .bool(true) else {
                if !terminated { throw MatchError(.truncatedFile, line: number, "the file ends within line \(number), without its trailer") }
                if range.count > 0, raw[range.lowerBound] == UInt8(ascii: "\"") || raw[range.lowerBound] == UInt8(ascii: "[") {
                    throw MatchError(.tamperedFile, line: number, field: "count", "line \(number) should be the trailer: the file has more lines than its header announces")
                }
                throw MatchError(.malformedLine, line: number, field: "trailer", #"expected the trailer {"trailer":true,"count":N,"sha256":"…"}"#)
            }
            let h = HeaderFields(fields: fields)
            let count: Int
            let sha: String
            do throws(MatchError) {
                count = try h.count("count")
                sha = try h.hex64("sha256")
                try h.noOthers(["trailer", "count", "sha256"])
            } catch {
                throw MatchError(.malformedLine, line: number, field: error.field, "trailer: \(error.message)")
            }
            guard count == bodyLines else {
                throw MatchError(.tamperedFile, line: number, field: "count", "the trailer counts \(count) lines; the file has \(bodyLines)")
            }
            let actual = ExchangeFile.hex(SHA256.hash(data: UnsafeRawBufferPointer(rebasing: raw[0..<bodyEnd])))
            guard actual == sha else {
                throw MatchError(.tamperedFile, line: number, field: "sha256", "the lines do not match the trailer's SHA-256: the file was changed after it was written")
            }
            if position < raw.count {
                throw MatchError(.malformedLine, line: lineNumber, "content after the trailer")
            }
            return sha
        }
    }
}
