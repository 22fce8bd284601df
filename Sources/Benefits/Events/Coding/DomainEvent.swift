import DaftarJSON
import EventStore

/// An event of the benefits domain: a Swift type for one event type and schema version of the
/// catalogue in `EventSchemas/`.
///
/// Each conforming type has a property for every property of its schema (optional where the schema
/// does not require it), reads a payload with ``JSONConvertible/init(json:at:)`` and writes it with
/// ``JSONConvertible/json``. Decoding a schema-valid payload and encoding it again gives the same
/// canonical JSON; encoding a decoded event gives a schema-valid payload.
///
/// The types check what a type system can: required properties, JSON kinds, enum codes, dates.
/// Patterns, bounds and the rules that tie properties together (`if`/`then`, `dependentRequired`,
/// `anyOf`) stay in the schemas, their one home, and are checked on every append by
/// ``BenefitsCatalogue``.
public protocol DomainEvent: JSONConvertible, Hashable {
    /// The event type, as in the schema's `x-event-type`, for example `HouseholdRegistered`.
    static var eventType: String { get }
    /// The schema version, as in the schema's `x-schema-version`.
    static var schemaVersion: Int { get }

    /// The stream the event is appended to, from the schema's `x-stream` template filled in from the
    /// payload (`household-HH-BG00012345`, `payment-iq-spn-2025-01-HH-BG00012345`).
    var streamID: String { get }
}

extension DomainEvent {
    /// Reads a payload.
    /// - Parameter json: the payload object.
    /// - Throws: ``EventDecodingError`` naming the JSON Pointer and the rule.
    public init(json: JSONValue) throws(EventDecodingError) {
        try self.init(json: json, at: "")
    }

    /// The event type of this value.
    public var eventType: String { Self.eventType }

    /// The schema version of this value.
    public var schemaVersion: Int { Self.schemaVersion }

    /// The event as the store appends it.
    /// - Parameters:
    ///   - metadata: who, why, in which chain.
    ///   - effectiveAt: the business date it takes effect.
    /// - Returns: the event to append.
    public func newEvent(metadata: EventMetadata, effectiveAt: BusinessDate) -> NewEvent {
        NewEvent(type: eventType, schemaVersion: schemaVersion, data: json, metadata: metadata, effectiveAt: effectiveAt)
    }
}
