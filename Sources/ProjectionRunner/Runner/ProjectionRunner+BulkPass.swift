import EventStore
import Postgres

/// How far a bulk pass has come.
public struct RebuildProgress: Sendable {
    /// The projections being built.
    public let projections: [String]
    /// Events read so far (including those read before a resume).
    public let eventsDone: Int64
    /// Events to read in all.
    public let eventsTotal: Int64
}

extension ProjectionRunner {
    /// Fills builds in phase `rebuilding` from the log, then moves them to `catching_up`.
    ///
    /// Builds with the same target and resume point share one pass: the log is read once, each
    /// partition folded once, and each projection writes its own rows. The pass reads with
    /// `COPY (SELECT … ORDER BY partition key, xid, position) TO STDOUT`, folds partition by partition
    /// (memory holds one partition and a flush's rows), and writes with COPY, committing every
    /// ``flushEvents`` events with the last partition key done.
    /// - Parameters:
    ///   - builds: builds in phase `rebuilding`, locked by this process.
    ///   - progress: called after each flush.
    /// - Returns: the builds, now catching up.
    /// - Throws: ``ProjectionError``, ``PostgresError``.
    public func bulkPass(_ builds: [ProjectionBuild], progress: @Sendable (RebuildProgress) -> Void = { _ in }) async throws
        -> [ProjectionBuild]
    {
        var done: [ProjectionBuild] = []
        var pending = builds.filter { $0.phase == .rebuilding }
        while let first = pending.first {
            let group = pending.filter { $0.target == first.target && $0.rebuiltThrough == first.rebuiltThrough }
            pending.removeAll { b in group.contains { $0.id == b.id } }
            done += try await bulkPassGroup(group, progress: progress)
        }
        return done
    }

    private func bulkPassGroup(_ group: [ProjectionBuild], progress: @Sendable (RebuildProgress) -> Void) async throws -> [ProjectionBuild] {
        let projections = try group.map { b throws(ProjectionError) in try projection(named: b.projection) }
        let target = group[0].target
        let key = folder.partitionKeySQL
        var filter = "(\(key)) IS NOT NULL AND (e.xid, e.position) <= ('\(target.xid)'::xid8, \(target.position))"
        if let after = group[0].rebuiltThrough { filter += " AND (\(key)) COLLATE \"C\" > \(Self.literal(after))" }
        let copy = """
            COPY (SELECT \(ProjectionEvent.selectList(key: key)) FROM event_store.events e
                  WHERE \(filter) ORDER BY (\(key)) COLLATE "C", e.xid, e.position) TO STDOUT
            """
        let reader = try await PostgresConnection.connect(conninfo)
        let writer = try await PostgresConnection.connect(conninfo)
        return try await reader.closing { reader in
            try await writer.closing { writer in
                try await reader.execute("SET work_mem = '256MB'")
                var pass = BulkPass(builds: group, projections: projections, eventsDone: group[0].rebuildEvents)
                try await reader.copyOut(copy) { chunk in
                    try CopyTextFields.forEachLine(in: chunk) { line in
                        let event = try ProjectionEvent(copyFields: CopyTextFields.split(line))
                        if event.partitionKey != pass.currentKey { pass.foldCurrent(folder) }
                        pass.currentKey = event.partitionKey
                        pass.buffer.append(event)
                    }
                    if pass.unflushedEvents >= flushEvents {
                        try await flush(&pass, on: writer)
                        progress(RebuildProgress(projections: group.map(\.projection), eventsDone: pass.eventsDone, eventsTotal: group[0].rebuildTotal))
                    }
                }
                pass.foldCurrent(folder)
                try await flush(&pass, on: writer)
                try await writer.transaction { tx in
                    for (build, projection) in zip(group, projections) {
                        try await tx.execute(projection.definition.sql(.indexes, schema: build.schema))
                        for table in projection.definition.tables { try await tx.execute("ANALYZE \(build.schema).\(table.name)") }
                    }
                    _ = try await tx.query(
                        """
                        UPDATE projection.builds SET phase = 'catching_up', checkpoint_xid = target_xid, checkpoint_position = target_position,
                          updated_at = now() WHERE build_id = ANY($1::bigint[]) AND phase = 'rebuilding'
                        """, [PostgresArray(group.map(\.id))])
                }
                progress(RebuildProgress(projections: group.map(\.projection), eventsDone: pass.eventsDone, eventsTotal: group[0].rebuildTotal))
                return group.map { b in
                    var b = b
                    b.phase = .catchingUp
                    b.checkpoint = b.target
                    return b
                }
            }
        }
    }

    /// Writes the partitions folded since the last flush, with the last key done, in one transaction.
    private func flush(_ pass: inout BulkPass<Folder.State>, on conn: PostgresConnection) async throws {
        guard pass.unflushedEvents > 0 || pass.lastFoldedKey != pass.flushedKey else { return }
        let snapshot = pass
        try await conn.transaction { tx in
            let rows = try await tx.query(
                "SELECT rebuilt_through, phase FROM projection.builds WHERE build_id = ANY($1::bigint[]) FOR UPDATE",
                [PostgresArray(snapshot.builds.map(\.id))]
            ).rows
            guard rows.count == snapshot.builds.count,
                rows.allSatisfy({ $0[0] == snapshot.flushedKey && $0[1] == ProjectionBuild.Phase.rebuilding.rawValue })
            else {
                throw ProjectionError(.checkpointMoved, "another process advanced this rebuild; stopping this pass")
            }
            for (i, build) in snapshot.builds.enumerated() {
                try await ProjectionWriter(conn: tx, schema: build.schema).write(snapshot.outputs[i], replacing: [])
                try await ProjectionWriter.quarantine(snapshot.quarantined, build: build.id, on: tx)
            }
            _ = try await tx.query(
                """
                UPDATE projection.builds SET rebuilt_through = $2, rebuild_events = rebuild_events + $3, updated_at = now()
                WHERE build_id = ANY($1::bigint[])
                """, [PostgresArray(snapshot.builds.map(\.id)), snapshot.lastFoldedKey, snapshot.unflushedEvents])
        }
        for q in pass.quarantined {
            logger.error(
                "projection stream quarantined",
                metadata: ["stream": "\(q.stream)", "version": "\(q.streamVersion)", "event": "\(q.eventID)", "code": "\(q.code)"])
        }
        pass.eventsDone += Int64(pass.unflushedEvents)
        pass.unflushedEvents = 0
        pass.flushedKey = pass.lastFoldedKey
        pass.quarantined = []
        pass.outputs = pass.projections.map { ProjectionOutput(definition: $0.definition) }
    }

    /// An SQL string literal (standard-conforming strings).
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}

/// The state of one bulk pass: the partition being read and what waits for the next flush.
struct BulkPass<State: Sendable> {
    let builds: [ProjectionBuild]
    let projections: [any Projection<State>]
    var outputs: [ProjectionOutput]
    var quarantined: [QuarantinedStream] = []
    var currentKey: String?
    var buffer: [ProjectionEvent] = []
    var lastFoldedKey: String?
    var flushedKey: String?
    var unflushedEvents = 0
    var eventsDone: Int64

    init(builds: [ProjectionBuild], projections: [any Projection<State>], eventsDone: Int64) {
        self.builds = builds
        self.projections = projections
        self.outputs = projections.map { ProjectionOutput(definition: $0.definition) }
        self.lastFoldedKey = builds.first?.rebuiltThrough
        self.flushedKey = builds.first?.rebuiltThrough
        self.eventsDone = eventsDone
    }

    /// Folds the buffered partition and adds its rows to every output.
    mutating func foldCurrent<F: PartitionFolder>(_ folder: F) where F.State == State {
        guard let key = currentKey, !buffer.isEmpty else { return }
        let fold = folder.fold(key: key, events: buffer[...])
        for i in projections.indices {
            projections[i].project(key: key, state: fold.state, into: &outputs[i])
        }
        quarantined += fold.quarantined
        unflushedEvents += buffer.count
        lastFoldedKey = key
        buffer.removeAll(keepingCapacity: true)
        currentKey = nil
    }
}
