import DaftarJSON
import EventStore

extension AppendRequest {
    /// The request as lines of `daftar events import` (``ImportLine``): one line per event.
    ///
    /// An import line holds one event of one stream. A request of one event is one line under the
    /// request's key; a request of several events (an exclusion with its overpayments, a cross-match
    /// run with its hits) becomes one line per event, keyed `<key>#1`, `<key>#2` …, each expecting the
    /// version the one before left, so a replay still detects any other writer. What the NDJSON form
    /// loses is the request's atomicity: an import interrupted inside such a request leaves its first
    /// events appended, and running the import again completes it.
    public var importLines: [String] {
        let events = streams.reduce(0) { $0 + $1.events.count }
        var lines: [String] = []
        lines.reserveCapacity(events)
        var n = 0
        for stream in streams {
            var expected = stream.expected
            for event in stream.events {
                n += 1
                let key = events == 1 ? idempotencyKey : "\(idempotencyKey)#\(n)"
                let version: JSONValue
                let next: Int64
                switch expected {
                case .noStream:
                    version = .string("no-stream")
                    next = 1
                case .exact(let v):
                    version = .number(JSONNumber(v))
                    next = v + 1
                case .any:
                    version = .string("any")
                    next = -1
                }
                let line: JSONValue = .object([
                    "stream": .string(stream.stream), "type": .string(event.type), "schemaVersion": .number(JSONNumber(Int64(event.schemaVersion))),
                    "data": event.data, "metadata": event.metadata.json, "expectedVersion": version, "idempotencyKey": .string(key),
                    "effectiveAt": .string(event.effectiveAt.description),
                ])
                lines.append(line.canonicalText)
                if next > 0 { expected = .exact(next) }
            }
        }
        return lines
    }
}
