/// A reader's place in the log: the transaction id and position of the last event it has read.
///
/// Readers take events in `(xid, position)` order and only behind the transaction horizon, so a
/// checkpoint never skips an event that commits later (DESIGN.md §3.4). Written as `xid:position`.
public struct Checkpoint: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// The writing transaction's 64-bit id (`xid8`).
    public let xid: UInt64
    /// The event's position within the log.
    public let position: Int64

    /// Before the first event.
    public static let start = Checkpoint(xid: 0, position: 0)

    /// Creates a checkpoint.
    public init(xid: UInt64, position: Int64) {
        self.xid = xid
        self.position = position
    }

    /// Parses `xid:position`.
    /// - Throws: ``EventStoreError`` with code `invalid_input` naming `field`.
    public init(parsing text: String, field: String = "checkpoint") throws(EventStoreError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let x = UInt64(parts[0]), let p = Int64(parts[1]), p >= 0 else {
            throw EventStoreError.invalid(field, "format", "must be xid:position, two non-negative integers such as 1234:5678")
        }
        self.init(xid: x, position: p)
    }

    public var description: String { "\(xid):\(position)" }

    public static func < (a: Checkpoint, b: Checkpoint) -> Bool {
        (a.xid, a.position) < (b.xid, b.position)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try Checkpoint(parsing: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
