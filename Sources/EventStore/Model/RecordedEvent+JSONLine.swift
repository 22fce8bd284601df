import DaftarJSON
import Postgres

extension RecordedEvent {
    /// The event as one JSON line; payload and metadata are embedded as stored (canonical JSON).
    public var jsonLine: String {
        func q(_ s: String) -> String { JSONValue.string(s).canonicalText }
        return "{\"checkpoint\":\(q(checkpoint.description)),\"data\":\(dataText),\"effectiveAt\":\(q(effectiveAt.description))"
            + ",\"eventId\":\(q(eventID)),\"hash\":\(q(Hex.encode(hash))),\"idempotencyKey\":\(q(idempotencyKey))"
            + ",\"metadata\":\(metadataText),\"position\":\(position),\"recordedAt\":\(q(recordedAtText))"
            + ",\"schemaVersion\":\(schemaVersion),\"stream\":\(q(stream)),\"streamVersion\":\(streamVersion),\"type\":\(q(type))}"
    }
}
