import DaftarJSON

/// An event to append: its type, schema version, payload, metadata and business date.
public struct NewEvent: Sendable, Hashable {
    /// The event type, a past-tense name such as `HouseholdRegistered`.
    public var type: String
    /// The version of the type's schema the payload follows.
    public var schemaVersion: Int
    /// The payload.
    public var data: JSONValue
    /// Who, why, in which chain.
    public var metadata: EventMetadata
    /// The business date it takes effect.
    public var effectiveAt: BusinessDate

    /// Creates an event.
    public init(type: String, schemaVersion: Int = 1, data: JSONValue, metadata: EventMetadata, effectiveAt: BusinessDate) {
        self.type = type
        self.schemaVersion = schemaVersion
        self.data = data
        self.metadata = metadata
        self.effectiveAt = effectiveAt
    }
}

/// The events one command appends to one stream, with what it expects of that stream.
public struct StreamAppend: Sendable, Hashable {
    /// The stream.
    public var stream: String
    /// Its expected version before this append.
    public var expected: ExpectedVersion
    /// The events, in order.
    public var events: [NewEvent]

    /// Creates a stream append.
    public init(stream: String, expected: ExpectedVersion, events: [NewEvent]) {
        self.stream = stream
        self.expected = expected
        self.events = events
    }
}

/// One command's append: one or more streams, written all or nothing, under one idempotency key.
public struct AppendRequest: Sendable, Hashable {
    /// The command's idempotency key.
    public var idempotencyKey: String
    /// The streams and their events.
    public var streams: [StreamAppend]

    /// Creates a request.
    public init(idempotencyKey: String, streams: [StreamAppend]) {
        self.idempotencyKey = idempotencyKey
        self.streams = streams
    }

    /// A request for a single stream.
    public init(idempotencyKey: String, stream: String, expected: ExpectedVersion, events: [NewEvent]) {
        self.init(idempotencyKey: idempotencyKey, streams: [StreamAppend(stream: stream, expected: expected, events: events)])
    }

    /// The streams sorted by id: the order in which heads are locked and events are written.
    var sortedStreams: [StreamAppend] {
        streams.sorted { $0.stream.utf8.lexicographicallyPrecedes($1.stream.utf8) }
    }

    /// The canonical request: what the request hash covers and what the database function takes.
    var canonicalJSON: JSONValue {
        let sorted = sortedStreams
        var events: [JSONValue] = []
        for (i, s) in sorted.enumerated() {
            for e in s.events {
                events.append([
                    "stream": .number(JSONNumber(Int64(i))),
                    "type": .string(e.type),
                    "schemaVersion": .number(JSONNumber(Int64(e.schemaVersion))),
                    "effectiveAt": .string(e.effectiveAt.description),
                    "data": e.data,
                    "metadata": e.metadata.json,
                ])
            }
        }
        let streams: [JSONValue] = sorted.map {
            ["id": .string($0.stream), "expected": $0.expected.wireValue.map { .number(JSONNumber($0)) } ?? .null]
        }
        return ["streams": .array(streams), "events": .array(events)]
    }
}
