import Foundation

/// The two files a match exchanges, written and read with every check (see `Ops/matching/PROTOCOL.md`).
///
/// Both are NDJSON (one JSON value per line, `\n` line ends, UTF-8, no whitespace between tokens):
/// a header object, the body lines, and a trailer object.
///
/// **File 1, registry → partner** (``RegistryHeader``):
/// ```
/// {"protocol":"daftar-psi/1","run":"<uuid>","partner":"<code>","side":"registry","fingerprint":"<64 hex>","count":N}
/// "<A, 44 base64 characters>"          × N, in a fresh random order
/// {"trailer":true,"count":N,"sha256":"<64 hex>"}
/// ```
///
/// **File 2, partner → registry** (``PartnerHeader``):
/// ```
/// {"protocol":"daftar-psi/1","run":"<uuid>","partner":"<code>","side":"partner","fingerprint":"<64 hex>",
///  "registry_fingerprint":"<64 hex>","registry_sha256":"<64 hex>","registry_count":N,"partner_count":M}   (one line)
/// "<D_i = X25519(b, A_i), base64>"      × N, section D, in file 1's order
/// ["<P_j = X25519(b, H(id_j)), base64>","<indicator_j>"]   × M, section P, in a fresh random order
/// {"trailer":true,"count":N+M,"sha256":"<64 hex>"}
/// ```
///
/// The trailer's `count` is the number of body lines, its `sha256` the SHA-256 of every byte before
/// the trailer line (the header and body lines with their `\n`): `head -n -1 FILE | sha256sum`.
/// A file cut anywhere lacks its trailer (`truncated_file`); a line changed, added or removed
/// without recomputing the trailer breaks the digest or the count (`tampered_file`). The trailer is
/// an integrity check against accidents and careless edits, not a signature: whoever can rewrite
/// the file can rewrite the trailer, so the files travel over an authenticated channel.
///
/// Points are X25519 u-coordinates in canonical standard base64 (RFC 4648 §4: 43 characters and one
/// `=`). Headers are read strictly: every field is required, unknown fields are refused, the
/// protocol version is checked first.
public enum ExchangeFile {
    /// The protocol version written in, and required of, every header.
    public static let protocolVersion = "daftar-psi/1"
    /// The longest indicator, in UTF-8 bytes.
    public static let maximumIndicatorBytes = 256
    /// The most body lines a file may announce (a guard against absurd headers, far above any registry).
    public static let maximumCount = 200_000_000

    /// File 1's header.
    public struct RegistryHeader: Sendable, Hashable {
        /// The run, chosen by the registry; the partner's answer must carry it back.
        public var run: UUID
        /// The partner's code (`[A-Za-z0-9_-]{1,64}`, e.g. `mof-loans`).
        public var partner: String
        /// The registry key's ``BlindingKey/fingerprint``.
        public var fingerprint: String
        /// The number of points, N.
        public var count: Int

        /// Creates a header; each parameter sets the property of the same name.
        public init(run: UUID, partner: String, fingerprint: String, count: Int) {
            self.run = run
            self.partner = partner
            self.fingerprint = fingerprint
            self.count = count
        }
    }

    /// File 2's header.
    public struct PartnerHeader: Sendable, Hashable {
        /// The run, copied from file 1.
        public var run: UUID
        /// The partner's code, copied from file 1.
        public var partner: String
        /// The partner key's ``BlindingKey/fingerprint``.
        public var fingerprint: String
        /// File 1's fingerprint, copied: the key the answer was computed for.
        public var registryFingerprint: String
        /// File 1's trailer digest, copied: the exact file answered.
        public var registrySHA256: String
        /// The lines of section D: file 1's count.
        public var registryCount: Int
        /// The lines of section P: the partner's ids.
        public var partnerCount: Int

        /// Creates a header; each parameter sets the property of the same name.
        public init(
            run: UUID, partner: String, fingerprint: String, registryFingerprint: String, registrySHA256: String, registryCount: Int,
            partnerCount: Int
        ) {
            self.run = run
            self.partner = partner
            self.fingerprint = fingerprint
            self.registryFingerprint = registryFingerprint
            self.registrySHA256 = registrySHA256
            self.registryCount = registryCount
            self.partnerCount = partnerCount
        }
    }

    /// File 1, read and checked.
    public struct RegistryFile: Sendable {
        /// The header.
        public var header: RegistryHeader
        /// The registry's blinded points A, in the file's order (line `i + 2` holds `points[i]`).
        public var points: [Point]
        /// The trailer's digest (hex), which the partner copies into its header.
        public var sha256: String
    }

    /// File 2, read and checked.
    public struct PartnerFile: Sendable {
        /// The header.
        public var header: PartnerHeader
        /// Section D, in file 1's order: `doublyBlinded[i] = X25519(b, A_i)`.
        public var doublyBlinded: [Point]
        /// Section P's points `X25519(b, H(id_j))`.
        public var partnerPoints: [Point]
        /// Section P's indicators, `indicators[j]` with `partnerPoints[j]`.
        public var indicators: [String]
        /// The trailer's digest (hex).
        public var sha256: String

        /// The line of the file holding `partnerPoints[j]`.
        ///
        /// - Parameter j: an index into section P.
        /// - Returns: the 1-based line number.
        public func line(ofPartnerPoint j: Int) -> Int { 2 + header.registryCount + j }
    }

    /// A file's bytes and its trailer digest.
    public struct Written: Sendable {
        /// The whole file.
        public var data: Data
        /// The trailer's digest (hex).
        public var sha256: String
    }

    /// Whether `code` is a valid partner code: 1–64 of `A–Z a–z 0–9 _ -`.
    ///
    /// - Parameter code: the code.
    /// - Returns: whether it is valid.
    public static func isValidPartnerCode(_ code: String) -> Bool {
        (1...64).contains(code.utf8.count)
            && code.utf8.allSatisfy { c in
                (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || c == 0x5F || c == 0x2D
            }
    }

    /// Whether `text` is 64 lowercase hex digits (a fingerprint or a digest).
    static func isHex64(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
