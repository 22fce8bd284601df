import Benefits
import EventStore

extension Ledger {
    /// The append request for a decision's events: grouped by stream in order of first appearance,
    /// each stream with the version the decision saw, every event with `metadata` and its business date.
    /// - Throws: ``EventStoreError`` `invalid_input` when an event goes to a stream the decision did
    ///   not read, or has no business date and follows none.
    static func appendRequest(
        _ events: [any DomainEvent], versions: [String: Int64], metadata: EventMetadata, idempotencyKey: String
    ) throws(EventStoreError) -> AppendRequest {
        var order: [String] = []
        var grouped: [String: [NewEvent]] = [:]
        var lastDate: BusinessDate?
        for (i, event) in events.enumerated() {
            // A cross-match hit takes effect with its run, the event before it.
            guard let date = event.effectiveDate ?? lastDate else {
                throw EventStoreError.invalid("events[\(i)].effectiveAt", "required", "\(event.eventType) has no business date")
            }
            lastDate = date
            let stream = event.streamID
            guard versions[stream] != nil else {
                throw EventStoreError.invalid("events[\(i)].stream", "streamRead", "the decision wrote to \(stream), a stream it did not read")
            }
            if grouped[stream] == nil { order.append(stream) }
            grouped[stream, default: []].append(event.newEvent(metadata: metadata, effectiveAt: date))
        }
        return AppendRequest(
            idempotencyKey: idempotencyKey,
            streams: order.map { stream in
                let version = versions[stream]!
                return StreamAppend(stream: stream, expected: version == 0 ? .noStream : .exact(version), events: grouped[stream]!)
            })
    }
}
