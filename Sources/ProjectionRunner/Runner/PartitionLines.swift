import Postgres

/// The lines of an event COPY (``ProjectionEvent/selectList(key:envelopeTypes:)``, ordered by partition
/// key), grouped into whole partitions: a partition is complete when a line of another key arrives,
/// or when the COPY ends and ``closeCurrent()`` is called.
///
/// Lines are slices of the COPY's chunks: a partition holds its chunks' memory until it is taken.
/// The bulk pass and readers of the log at a ledger position (the planning cohort's exact path) read
/// partitions this way, so that memory holds one partition and what waits to be folded.
public struct PartitionLines: Sendable {
    /// A complete partition: its key and its lines, in the COPY's order.
    public struct Partition: Sendable {
        /// The partition key.
        public let key: String
        /// The partition's lines (without their newlines).
        public let lines: [ArraySlice<UInt8>]

        /// The partition's events, read from its lines.
        /// - Returns: the events, in the lines' order.
        /// - Throws: ``ProjectionError`` `unreadable_event` when a line is malformed.
        public func events() throws(ProjectionError) -> [ProjectionEvent] {
            var events: [ProjectionEvent] = []
            events.reserveCapacity(lines.count)
            for line in lines { events.append(try ProjectionEvent(copyFields: CopyTextFields.split(line))) }
            return events
        }
    }

    /// The key of the partition being read, and its lines so far.
    private var currentKey: ArraySlice<UInt8>?
    private var buffer: [ArraySlice<UInt8>] = []
    /// Complete partitions not yet taken, in key order.
    private var closed: [Partition] = []

    /// No lines yet.
    public init() {}

    /// Adds a COPY line (partition key first), closing the partition before it when the key changes.
    /// - Parameter line: one line, without its newline.
    public mutating func add(_ line: ArraySlice<UInt8>) {
        let key = line[line.startIndex..<(line.firstIndex(of: 0x09) ?? line.endIndex)]
        if let current = currentKey, !current.elementsEqual(key) { closeCurrent() }
        if currentKey == nil { currentKey = key }
        buffer.append(line)
    }

    /// Closes the partition being read: it is complete (the COPY ended).
    public mutating func closeCurrent() {
        guard let key = currentKey, !buffer.isEmpty else { return }
        closed.append(Partition(key: String(decoding: key, as: UTF8.self), lines: buffer))
        buffer.removeAll(keepingCapacity: true)
        currentKey = nil
    }

    /// The complete partitions, in key order; they are no longer held.
    /// - Returns: the partitions closed since the last call.
    public mutating func takeClosed() -> [Partition] {
        let taken = closed
        closed.removeAll(keepingCapacity: true)
        return taken
    }
}
