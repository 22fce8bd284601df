import Benefits

/// A published cost projection as the `projection` view shows it: the event, and who published it
/// and why, from its envelope.
struct PublishedProjection: Sendable {
    /// The event.
    var event: CostProjectionPublished
    /// The envelope's actor (`user:…`).
    var actor: String?
    /// The envelope's reason code.
    var reason: String?
    /// When it was recorded, microseconds since the Unix epoch.
    var recordedAtMicros: Int64?
}
