import Crypto
import Postgres

/// The event hash: SHA-256 over the stream's previous hash followed by the event's canonical content.
///
/// The content is UTF-8 text, fields joined by newlines, in this order:
/// `daftar.event.v1`, event id (lowercase UUID), stream id, stream version, event type, schema
/// version, effective date (`YYYY-MM-DD`), recorded time (microseconds since the Unix epoch),
/// idempotency key, payload (canonical JSON), metadata (canonical JSON). No field can contain a
/// newline (ids and keys are checked; canonical JSON escapes them), so the joining is unambiguous.
///
/// The database computes the same bytes (`event_store.event_hash`) for single appends; the bulk
/// append and `daftar verify` compute them here.
public enum EventHash {
    /// The previous hash of a stream's first event: 32 zero bytes.
    public static let zero = [UInt8](repeating: 0, count: 32)

    /// Computes an event hash.
    public static func compute(
        previous: [UInt8], eventID: String, stream: String, streamVersion: Int64, type: String, schemaVersion: Int,
        effectiveAt: BusinessDate, recordedAtMicros: Int64, idempotencyKey: String, dataText: String, metadataText: String
    ) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: previous)
        var text = "daftar.event.v1\n"
        text.reserveCapacity(dataText.utf8.count + metadataText.utf8.count + 256)
        text += eventID.lowercased()
        text += "\n"
        text += stream
        text += "\n"
        text += String(streamVersion)
        text += "\n"
        text += type
        text += "\n"
        text += String(schemaVersion)
        text += "\n"
        text += effectiveAt.description
        text += "\n"
        text += String(recordedAtMicros)
        text += "\n"
        text += idempotencyKey
        text += "\n"
        text += dataText
        text += "\n"
        text += metadataText
        hasher.update(data: Array(text.utf8))
        return Array(hasher.finalize())
    }

    /// SHA-256 of a text's UTF-8 bytes, in lower-case hex: the digest a published document carries.
    /// - Parameter text: the text.
    /// - Returns: 64 hex digits.
    public static func sha256Hex(of text: String) -> String {
        Hex.encode(SHA256.hash(data: Array(text.utf8)))
    }

    /// SHA-256 of the canonical request text: what idempotency compares.
    static func request(_ canonicalText: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(canonicalText.utf8)))
    }
}
