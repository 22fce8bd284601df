import EventStore

/// What the vault keeps of an erased person: who erased them, when and why, and nothing readable.
public struct ErasureRecord: Sendable, Hashable {
    /// The pseudonymous person id.
    public let personId: String
    /// When the data key was deleted, in microseconds since the Unix epoch.
    public let erasedAtMicros: Int64
    /// Who erased the person (`kind:id`).
    public let erasedBy: String
    /// Why.
    public let reason: ErasureReason
    /// Whether the person had been erased before this call (the call then changed nothing).
    public let wasAlreadyErased: Bool

    /// The UTC date of the erasure: the `erasedOn` of its `PersonalDataErased` event.
    public var erasedOn: BusinessDate { BusinessDate(daysSinceEpoch: Int(erasedAtMicros / 86_400_000_000)) }

    /// The erasure time, RFC 3339 in UTC.
    public var erasedAtText: String { EventTime.rfc3339(micros: erasedAtMicros) }
}
