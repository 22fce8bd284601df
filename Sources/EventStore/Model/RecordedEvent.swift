import DaftarJSON

/// An event as the log holds it.
public struct RecordedEvent: Sendable, Hashable {
    /// Its position in the log (unique, increasing within a transaction; may have gaps).
    public let position: Int64
    /// The reader's checkpoint after this event.
    public let checkpoint: Checkpoint
    /// Its stream.
    public let stream: String
    /// Its version within the stream (1, 2, 3 … without gaps).
    public let streamVersion: Int64
    /// Its unique id.
    public let eventID: String
    /// Its type.
    public let type: String
    /// The schema version of its payload.
    public let schemaVersion: Int
    /// The payload as stored: canonical JSON text.
    public let dataText: String
    /// The metadata as stored: canonical JSON text.
    public let metadataText: String
    /// The business date it takes effect.
    public let effectiveAt: BusinessDate
    /// When it was recorded (the transaction's time), in microseconds since the Unix epoch, UTC.
    public let recordedAtMicros: Int64
    /// The idempotency key of the command that appended it.
    public let idempotencyKey: String
    /// The hash of the stream's previous event (32 zero bytes for the first).
    public let previousHash: [UInt8]
    /// SHA-256 over `previousHash` and the canonical content (see ``EventHash``).
    public let hash: [UInt8]

    /// The payload, parsed.
    /// - Throws: ``JSONParseError`` if the stored text is not JSON (it always is, unless tampered with).
    public func data() throws -> JSONValue { try JSONParser.parse(dataText) }

    /// The metadata, parsed.
    public func metadata() throws -> JSONValue { try JSONParser.parse(metadataText) }

    /// `recordedAt` as RFC 3339 UTC with microseconds, e.g. `2026-11-26T10:18:57.123456Z`.
    public var recordedAtText: String { EventTime.rfc3339(micros: recordedAtMicros) }

    /// Recomputes the hash from the content and `previousHash`.
    public var recomputedHash: [UInt8] {
        EventHash.compute(
            previous: previousHash, eventID: eventID, stream: stream, streamVersion: streamVersion, type: type,
            schemaVersion: schemaVersion, effectiveAt: effectiveAt, recordedAtMicros: recordedAtMicros,
            idempotencyKey: idempotencyKey, dataText: dataText, metadataText: metadataText)
    }
}

/// Formatting and parsing of recorded times.
public enum EventTime {
    /// Parses `YYYY-MM-DD` (midnight UTC) or RFC 3339 in UTC (`YYYY-MM-DDTHH:MM:SS[.ffffff]Z`)
    /// to microseconds since the Unix epoch.
    /// - Throws: ``EventStoreError`` naming `field` with rule `date-time`.
    public static func parseMicros(_ text: String, field: String) throws(EventStoreError) -> Int64 {
        let invalid = EventStoreError.invalid(field, "date-time", "must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[.ffffff]Z (UTC)")
        let u = Array(text.utf8)
        guard u.count >= 10, let date = try? BusinessDate(parsing: String(decoding: u[0..<10], as: UTF8.self)) else { throw invalid }
        var micros = Int64(date.daysSinceEpoch) * 86_400_000_000
        if u.count == 10 { return micros }
        func digits(_ r: Range<Int>) -> Int64? {
            guard r.upperBound <= u.count else { return nil }
            var v: Int64 = 0
            for i in r {
                guard u[i] >= 48 && u[i] <= 57 else { return nil }
                v = v * 10 + Int64(u[i] - 48)
            }
            return v
        }
        guard u.count >= 20, u[10] == UInt8(ascii: "T"), u[13] == 58, u[16] == 58, u.last == UInt8(ascii: "Z"),
            let h = digits(11..<13), let m = digits(14..<16), let s = digits(17..<19), h < 24, m < 60, s < 60
        else { throw invalid }
        micros += ((h * 60 + m) * 60 + s) * 1_000_000
        if u.count > 20 {
            guard u[19] == 46, u.count - 21 <= 6, u.count - 21 >= 1, let f = digits(20..<(u.count - 1)) else { throw invalid }
            var fraction = f
            for _ in 0..<(6 - (u.count - 21)) { fraction *= 10 }
            micros += fraction
        }
        return micros
    }

    /// RFC 3339 in UTC with six fractional digits.
    public static func rfc3339(micros: Int64) -> String {
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        let fraction = micros - seconds * 1_000_000
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secOfDay = Int(seconds - Int64(days) * 86_400)
        let date = BusinessDate(daysSinceEpoch: days)
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(date)T\(pad(secOfDay / 3600, 2)):\(pad(secOfDay / 60 % 60, 2)):\(pad(secOfDay % 60, 2)).\(pad(Int(fraction), 6))Z"
    }
}
