/// Reads a partition's events into the state its projections need.
///
/// A partition is the set of events sharing a key (the events of one household, say): its state
/// depends on its own events only, so the runner can fold partitions independently, in the same way
/// during a rebuild (every partition, in key order) and during catch-up (the partitions a batch
/// touched, their events read again up to the batch's end). The fold must be deterministic: the same
/// events in the same order give the same state.
public protocol PartitionFolder: Sendable {
    /// What a partition folds into.
    associatedtype State: Sendable

    /// The partition key: an SQL expression over `event_store.events e`, NULL for events none of the
    /// projections read. An index on the expression makes catch-up fast.
    var partitionKeySQL: String { get }

    /// Folds a partition's events, in `(xid, position)` order.
    /// - Parameters:
    ///   - key: the partition key.
    ///   - events: the partition's events.
    /// - Returns: the state and the streams that had to be quarantined (the events of a quarantined
    ///   stream from the failing one on are left out of the state).
    func fold(key: String, events: ArraySlice<ProjectionEvent>) -> PartitionFold<State>

    /// The event types whose envelope (``ProjectionEvent/metadataText``, ``ProjectionEvent/recordedAtMicros``)
    /// the fold reads; the runner reads it for these types only. None by default.
    var envelopeEventTypes: [String] { get }
}

extension PartitionFolder {
    public var envelopeEventTypes: [String] { [] }
}

/// A partition's state and its quarantined streams.
public struct PartitionFold<State: Sendable>: Sendable {
    /// The state.
    public var state: State
    /// The streams quarantined while folding.
    public var quarantined: [QuarantinedStream]

    /// Creates a fold result.
    public init(state: State, quarantined: [QuarantinedStream]) {
        self.state = state
        self.quarantined = quarantined
    }
}

/// A read model: rows computed from partitions' states, in tables its SQL file defines.
public protocol Projection<State>: Sendable {
    /// The state a partition folds into (the folder's).
    associatedtype State: Sendable

    /// The SQL file, the tables and the version.
    var definition: ProjectionDefinition { get }

    /// Writes a partition's rows and contributions.
    /// - Parameters:
    ///   - key: the partition key.
    ///   - state: the partition's state.
    ///   - output: where rows go.
    func project(key: String, state: State, into output: inout ProjectionOutput)
}
