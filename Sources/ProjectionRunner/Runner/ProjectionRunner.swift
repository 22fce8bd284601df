import EventStore
import Logging
import Postgres

/// Keeps read models equal to the event log: bulk-builds new versions beside the live ones, follows
/// the log behind the transaction horizon, and swaps caught-up builds into the reporting views.
///
/// Generic over the partition folder: the runner knows checkpoints, partitions, tables and schemas,
/// never what a household is.
///
/// **Exactly once.** A batch's rows and the build's new checkpoint are written in one transaction,
/// which first locks the build's row and checks that the checkpoint is still where the batch started:
/// a crash before the commit leaves neither, a crash after leaves both, and two runners cannot both
/// apply a batch. A bulk pass commits every few tens of thousands of events together with the last
/// partition key it finished, and a resumed pass starts after that key.
///
/// **Incremental equals rebuild.** A batch reads the events it brings (behind the horizon), then reads
/// every partition it touched again, whole, up to the batch's end, and folds it twice: up to the old
/// checkpoint and up to the new one. Keyed rows are replaced by the new fold's; additive tables get the
/// difference of the two folds' sums. The rows after any sequence of batches are therefore the rows a
/// bulk pass gives at the same checkpoint, whatever the batch sizes (a property test checks this).
public struct ProjectionRunner<Folder: PartitionFolder>: Sendable {
    /// The database.
    public let conninfo: String
    /// Folds partitions into state.
    public let folder: Folder
    /// The read models, each with its SQL file and version.
    public let projections: [any Projection<Folder.State>]
    /// The most events a catch-up batch reads.
    public var batchSize = 2_000
    /// About how many events a bulk pass writes per transaction.
    public var flushEvents = 50_000
    /// How long a follower waits for a notification before polling.
    public var pollInterval: Duration = .seconds(1)
    /// Where quarantines and swaps are reported.
    public var logger = Logger(label: "daftar.projections")

    /// A runner.
    /// - Parameters:
    ///   - conninfo: the database's libpq URI.
    ///   - folder: the partition folder.
    ///   - projections: the read models (names unique).
    public init(conninfo: String, folder: Folder, projections: [any Projection<Folder.State>]) {
        self.conninfo = conninfo
        self.folder = folder
        self.projections = projections
    }

    /// The projection named `name`.
    /// - Throws: ``ProjectionError`` `unknown_projection`, listing the names there are.
    public func projection(named name: String) throws(ProjectionError) -> any Projection<Folder.State> {
        guard let p = projections.first(where: { $0.definition.name == name }) else {
            throw ProjectionError(
                .unknownProjection, "no projection is named '\(name)'; there are: \(projections.map(\.definition.name).joined(separator: ", "))")
        }
        return p
    }

    /// Finds or creates the builds that bring `names` (all when `nil`) to their current version.
    ///
    /// An unfinished build of the current version is resumed. Otherwise a new build is created when
    /// the live build has another version, when there is none, or when `fresh` asks for one anyway.
    /// - Parameters:
    ///   - names: projection names, or `nil` for all.
    ///   - fresh: build again even when the current version is live.
    /// - Returns: the builds still to finish, oldest first.
    /// - Throws: ``ProjectionError`` `unknown_projection`; ``PostgresError``.
    public func prepare(_ names: [String]? = nil, fresh: Bool = false) async throws -> [ProjectionBuild] {
        let selected = try (names ?? projections.map(\.definition.name)).map { name throws(ProjectionError) in try projection(named: name) }
        return try await PostgresConnection.connect(conninfo).closing { conn in
            let existing = try await ProjectionCatalog.builds(conn)
            // One target for every build created here, so that they share one bulk pass.
            let target = try await ProjectionCatalog.horizon(conn)
            var result: [ProjectionBuild] = []
            for projection in selected {
                let d = projection.definition
                let mine = existing.filter { $0.projection == d.name && $0.version == d.version }
                if let unfinished = mine.first(where: { $0.phase == .rebuilding || $0.phase == .catchingUp }) {
                    result.append(unfinished)
                } else if fresh || !mine.contains(where: { $0.phase == .live }) {
                    result.append(try await ProjectionCatalog.createBuild(conn, d, partitionKeySQL: folder.partitionKeySQL, target: target))
                }
            }
            return result
        }
    }

    /// The builds not retired.
    public func builds() async throws -> [ProjectionBuild] {
        try await PostgresConnection.connect(conninfo).closing { conn in
            try await ProjectionCatalog.builds(conn).filter { $0.phase != .retired }
        }
    }
}
