import EventStore

/// A stream a projection stopped applying: the first event it could not apply, and why.
///
/// The stream's later events are not applied either (their meaning may depend on the one that
/// failed); every other stream goes on. The runner records the quarantine, lists it in the status and
/// logs it at error level: an event is never skipped silently.
public struct QuarantinedStream: Sendable, Hashable {
    /// The stream.
    public let stream: String
    /// The version of the first event not applied.
    public let streamVersion: Int64
    /// That event's id.
    public let eventID: String
    /// That event's position in the log.
    public let position: Int64
    /// A stable code for what was wrong (`undecodable`, `orphan_payment_event`, …).
    public let code: String
    /// What was wrong, in words (no personal data: events hold none).
    public let message: String

    /// Quarantines `event`'s stream from `event` on.
    /// - Parameters:
    ///   - event: the first event that cannot be applied.
    ///   - code: a stable code.
    ///   - message: what was wrong.
    public init(_ event: ProjectionEvent, code: String, message: String) {
        stream = event.stream
        streamVersion = event.streamVersion
        eventID = event.eventID
        position = event.checkpoint.position
        self.code = code
        self.message = message
    }

    /// Creates a record read back from the catalogue; each parameter sets the property of the same name.
    public init(stream: String, streamVersion: Int64, eventID: String, position: Int64, code: String, message: String) {
        self.stream = stream
        self.streamVersion = streamVersion
        self.eventID = eventID
        self.position = position
        self.code = code
        self.message = message
    }
}
