/// What an append wrote, or (for a retry) what the original append wrote.
public struct AppendResult: Sendable, Hashable {
    /// One entry per event, in log order.
    public let events: [AppendedEvent]
    /// `true` when this was a retry of an earlier append with the same key and content: nothing
    /// new was appended and `events` are the original ones.
    public let isDuplicate: Bool

    /// The checkpoint after the last event of the append.
    public var checkpoint: Checkpoint? { events.last?.checkpoint }
}

/// Where one appended event landed.
public struct AppendedEvent: Sendable, Hashable {
    /// Its position.
    public let position: Int64
    /// Its stream.
    public let stream: String
    /// Its version in the stream.
    public let streamVersion: Int64
    /// Its id.
    public let eventID: String
    /// The checkpoint a reader holds after reading it.
    public let checkpoint: Checkpoint
    /// When it was recorded, microseconds since the Unix epoch.
    public let recordedAtMicros: Int64
    /// Its hash.
    public let hash: [UInt8]
}
