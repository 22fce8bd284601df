import EventStore
import Postgres

/// Where one build of a projection stands: what `daftar projections status` prints.
public struct ProjectionStatus: Sendable {
    /// The build.
    public let build: ProjectionBuild
    /// The version the running code would build: when it differs from the live build's, a rebuild is due.
    public let currentVersion: String
    /// Events behind the horizon not yet applied (counted up to a million).
    public let lagEvents: Int64
    /// Seconds since the oldest event not yet applied was recorded (0 when caught up).
    public let lagSeconds: Double
    /// Streams the build stopped applying.
    public let quarantined: [QuarantinedStream]

    /// Whether the build is live but its version is not the code's.
    public var isOutdated: Bool { build.phase == .live && build.version != currentVersion }
}

extension ProjectionRunner {
    /// Every projection's builds not retired, with their lag and quarantines.
    /// - Returns: one status per build, by projection then build.
    /// - Throws: ``PostgresError``.
    public func status() async throws -> [ProjectionStatus] {
        try await PostgresConnection.connect(conninfo).closing { conn in
            var result: [ProjectionStatus] = []
            for build in try await ProjectionCatalog.builds(conn) where build.phase != .retired {
                let from = build.phase == .rebuilding ? build.target : build.checkpoint
                let lag = try await conn.query(
                    """
                    SELECT count(*), coalesce(extract(epoch FROM now() - min(recorded_at)), 0)::float8::text FROM (
                      SELECT e.recorded_at FROM event_store.events e
                      WHERE (e.xid, e.position) > ($1::xid8, $2::bigint) AND e.xid < pg_snapshot_xmin(pg_current_snapshot())
                      LIMIT 1000000) x
                    """, [String(from.xid), from.position]
                ).rows[0]
                let quarantined = try await conn.query(
                    """
                    SELECT stream_id, stream_version, event_id::text, position, code, message FROM projection.quarantine
                    WHERE build_id = $1 ORDER BY position
                    """, [build.id]
                ).rows.map {
                    QuarantinedStream(
                        stream: try $0.decode(String.self, 0), streamVersion: try $0.decode(Int64.self, 1), eventID: try $0.decode(String.self, 2),
                        position: try $0.decode(Int64.self, 3), code: try $0.decode(String.self, 4), message: try $0.decode(String.self, 5))
                }
                let current = projections.first { $0.definition.name == build.projection }?.definition.version ?? "-"
                let pending = build.phase == .rebuilding ? max(0, build.rebuildTotal - build.rebuildEvents) : 0
                result.append(
                    ProjectionStatus(
                        build: build, currentVersion: current, lagEvents: try lag.decode(Int64.self, 0) + pending,
                        lagSeconds: Double(lag[1] ?? "0") ?? 0, quarantined: quarantined))
            }
            return result.sorted { ($0.build.projection, $0.build.id) < ($1.build.projection, $1.build.id) }
        }
    }
}
