import EventStore

/// A person as read from the vault: their details, decrypted, and when they were added.
public struct PersonRecord: Sendable, Hashable {
    /// The details.
    public let details: PersonDetails
    /// When the person was added, in microseconds since the Unix epoch.
    public let createdAtMicros: Int64
    /// The id of the master key their data key is wrapped with.
    public let keyId: String

    /// The pseudonymous person id.
    public var personId: String { details.personId }
    /// When the person was added, RFC 3339 in UTC.
    public var createdAtText: String { EventTime.rfc3339(micros: createdAtMicros) }
}
