/// An event type and schema version: the key of the catalogue.
struct EventTypeKey: Hashable, Sendable {
    let type: String
    let schemaVersion: Int
}
