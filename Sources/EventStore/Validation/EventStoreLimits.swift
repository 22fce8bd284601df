/// The bounds every append is checked against, before anything reaches the database.
public struct EventStoreLimits: Sendable {
    /// Largest payload, in bytes of canonical JSON: 64 KiB. Events are facts, not documents;
    /// evidence goes in by reference.
    public var maximumDataBytes = 64 * 1024
    /// Largest metadata, in bytes of canonical JSON.
    public var maximumMetadataBytes = 4 * 1024
    /// Most events in one append.
    public var maximumEventsPerAppend = 1000
    /// Most streams in one append.
    public var maximumStreamsPerAppend = 100
    /// Longest stream id and idempotency key.
    public var maximumIdentifierLength = 200

    /// The defaults above.
    public init() {}
}

/// Accepts or rejects event types and payloads: the store asks it on every append.
public protocol EventCatalogue: Sendable {
    /// Checks an event's type, schema version and payload.
    /// - Parameters:
    ///   - type: the event type.
    ///   - schemaVersion: the payload's schema version.
    ///   - data: the payload.
    ///   - field: the path of the event in the request, for error messages (`events[2]`).
    /// - Throws: ``EventStoreError`` with code `unknown_event_type` or `schema_violation`.
    func validate(type: String, schemaVersion: Int, data: DaftarJSON.JSONValue, field: String) throws(EventStoreError)
}

/// The catalogue used before any schemas are registered: any well-formed type name, any object payload.
public struct OpenEventCatalogue: EventCatalogue {
    /// Creates the open catalogue.
    public init() {}

    public func validate(type: String, schemaVersion: Int, data: DaftarJSON.JSONValue, field: String) throws(EventStoreError) {
        guard case .object = data else {
            throw EventStoreError(code: .schemaViolation, message: "\(field).data: must be a JSON object", field: "\(field).data", rule: "type")
        }
    }
}

import DaftarJSON
