import EventStore
import Postgres

/// One projection at one version, in a schema of its own: a row of `projection.builds`.
public struct ProjectionBuild: Sendable, Hashable {
    /// Where a build is in its life.
    public enum Phase: String, Sendable, Hashable {
        /// The bulk pass over the log up to ``ProjectionBuild/target``.
        case rebuilding
        /// Following the log from the target until caught up.
        case catchingUp = "catching_up"
        /// Read by the reporting views, and kept current.
        case live
        /// Replaced by a newer build.
        case retired
    }

    /// The build's id.
    public let id: Int64
    /// The projection's name.
    public let projection: String
    /// The projection's version.
    public let version: String
    /// The schema holding the build's tables.
    public let schema: String
    /// The phase.
    public var phase: Phase
    /// Where the bulk pass ends.
    public let target: Checkpoint
    /// The last partition key the bulk pass finished, if any.
    public var rebuiltThrough: String?
    /// Events the bulk pass has read.
    public var rebuildEvents: Int64
    /// Events the bulk pass reads in all (the planner's estimate on an analysed log: for progress only).
    public var rebuildTotal: Int64
    /// The last event applied, once the bulk pass is done.
    public var checkpoint: Checkpoint
    /// Events applied after the bulk pass.
    public var eventsApplied: Int64

    static let columns = """
        build_id, projection, version, schema_name, phase, target_xid::text, target_position, rebuilt_through,
        rebuild_events, rebuild_total, checkpoint_xid::text, checkpoint_position, events_applied
        """

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, 0)
        projection = try row.decode(String.self, 1)
        version = try row.decode(String.self, 2)
        schema = try row.decode(String.self, 3)
        phase = Phase(rawValue: try row.decode(String.self, 4)) ?? .retired
        target = Checkpoint(xid: UInt64(try row.decode(String.self, 5)) ?? 0, position: try row.decode(Int64.self, 6))
        rebuiltThrough = try row.decodeIfPresent(String.self, 7)
        rebuildEvents = try row.decode(Int64.self, 8)
        rebuildTotal = try row.decode(Int64.self, 9)
        checkpoint = Checkpoint(xid: UInt64(try row.decode(String.self, 10)) ?? 0, position: try row.decode(Int64.self, 11))
        eventsApplied = try row.decode(Int64.self, 12)
    }
}
