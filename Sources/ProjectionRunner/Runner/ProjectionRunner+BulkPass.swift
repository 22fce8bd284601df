import EventStore
import Foundation
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
            COPY (SELECT \(ProjectionEvent.selectList(key: key, envelopeTypes: folder.envelopeEventTypes)) FROM event_store.events e
                  WHERE \(filter) ORDER BY (\(key)) COLLATE "C", e.xid, e.position) TO STDOUT
            """
        let reader = try await PostgresConnection.connect(conninfo)
        let writer = try await PostgresConnection.connect(conninfo)
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        return try await reader.closing { reader in
            try await writer.closing { writer in
                try await reader.execute("SET work_mem = '256MB'")
                var pass = BulkPass(builds: group, projections: projections, eventsDone: group[0].rebuildEvents)
                let names = group.map(\.projection)
                let total = group[0].rebuildTotal
                // One flush writes on the writer's connection while the pass reads and folds on: the
                // database writes on one core while Swift folds on the other. Flushes stay in order.
                var inFlight: Task<Void, any Error>?
                var folding: Task<FoldedChunk, any Error>?
                var written = pass.eventsDone
                do {
                    try await reader.copyOut(copy) { chunk in
                        // Only lines and their partition keys here; the workers parse the rest.
                        CopyTextFields.forEachLine(in: chunk) { line in pass.add(line) }
                        // Fold this chunk's partitions while the next chunk is read and parsed.
                        if let previous = folding { pass.merge(try await previous.value) }
                        folding = pass.startFold(folder, workers: workers)
                        if pass.unflushedEvents >= flushEvents, let batch = pass.takeBatch() {
                            if let previous = inFlight {
                                try await previous.value
                                progress(RebuildProgress(projections: names, eventsDone: written, eventsTotal: total))
                            }
                            written = batch.eventsDone
                            inFlight = Task { try await write(batch, on: writer) }
                        }
                    }
                    pass.closeCurrent()
                    if let previous = folding { pass.merge(try await previous.value) }
                    if let last = pass.startFold(folder, workers: workers) { pass.merge(try await last.value) }
                    folding = nil
                    try await inFlight?.value
                    inFlight = nil
                    if let batch = pass.takeBatch() { try await write(batch, on: writer) }
                } catch {
                    _ = try? await folding?.value
                    _ = try? await inFlight?.value
                    throw error
                }
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
                progress(RebuildProgress(projections: names, eventsDone: pass.eventsDone, eventsTotal: total))
                return group.map { b in
                    var b = b
                    b.phase = .catchingUp
                    b.checkpoint = b.target
                    return b
                }
            }
        }
    }

    /// Writes a batch of folded partitions, with the last key done, in one transaction that first checks
    /// the build is where the previous batch left it.
    private func write(_ batch: FlushBatch, on conn: PostgresConnection) async throws {
        try await conn.transaction { tx in
            let rows = try await tx.query(
                "SELECT rebuilt_through, phase FROM projection.builds WHERE build_id = ANY($1::bigint[]) FOR UPDATE",
                [PostgresArray(batch.builds.map(\.id))]
            ).rows
            guard rows.count == batch.builds.count,
                rows.allSatisfy({ $0[0] == batch.previousKey && $0[1] == ProjectionBuild.Phase.rebuilding.rawValue })
            else {
                throw ProjectionError(.checkpointMoved, "another process advanced this rebuild; stopping this pass")
            }
            for (i, build) in batch.builds.enumerated() {
                try await ProjectionWriter(conn: tx, schema: build.schema).write(batch.outputs[i], replacing: [])
                try await ProjectionWriter.quarantine(batch.quarantined, build: build.id, on: tx)
            }
            _ = try await tx.query(
                """
                UPDATE projection.builds SET rebuilt_through = $2, rebuild_events = rebuild_events + $3, updated_at = now()
                WHERE build_id = ANY($1::bigint[])
                """, [PostgresArray(batch.builds.map(\.id)), batch.lastKey, batch.events])
        }
        for q in batch.quarantined {
            logger.error(
                "projection stream quarantined",
                metadata: ["stream": "\(q.stream)", "version": "\(q.streamVersion)", "event": "\(q.eventID)", "code": "\(q.code)"])
        }
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
    /// The partitions being read, complete ones waiting to be folded.
    var lines = PartitionLines()
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

    /// What was folded since the last batch, as a batch to write; the pass starts a new one.
    mutating func takeBatch() -> FlushBatch? {
        guard unflushedEvents > 0 || lastFoldedKey != flushedKey else { return nil }
        eventsDone += Int64(unflushedEvents)
        let batch = FlushBatch(
            builds: builds, outputs: outputs, quarantined: quarantined, previousKey: flushedKey, lastKey: lastFoldedKey, events: unflushedEvents,
            eventsDone: eventsDone)
        unflushedEvents = 0
        flushedKey = lastFoldedKey
        quarantined = []
        outputs = projections.map { ProjectionOutput(definition: $0.definition) }
        return batch
    }

    /// Adds a COPY line (partition key first), closing the partition before it when the key changes.
    mutating func add(_ line: ArraySlice<UInt8>) { lines.add(line) }

    /// Closes the partition being read: it is complete and can be folded.
    mutating func closeCurrent() { lines.closeCurrent() }

    /// Starts folding the closed partitions, spread over `workers` tasks (partitions are independent,
    /// and rows and sums do not depend on the order they are added in).
    /// - Returns: the folding, to ``merge(_:)`` in order; `nil` when nothing was closed.
    mutating func startFold<F: PartitionFolder>(_ folder: F, workers: Int) -> Task<FoldedChunk, any Error>? where F.State == State {
        let partitions = lines.takeClosed()
        guard let last = partitions.last else { return nil }
        let projections = self.projections
        return Task {
            let slices = min(workers, partitions.count)
            let size = (partitions.count + slices - 1) / slices
            let results = try await withThrowingTaskGroup(of: FoldedSlice.self) { group in
                for slice in 0..<slices {
                    let range = (slice * size)..<min(partitions.count, (slice + 1) * size)
                    group.addTask {
                        var result = FoldedSlice(outputs: projections.map { ProjectionOutput(definition: $0.definition) })
                        for partition in partitions[range] {
                            let events = try partition.events()
                            let fold = folder.fold(key: partition.key, events: events[...])
                            for i in projections.indices {
                                projections[i].project(key: partition.key, state: fold.state, into: &result.outputs[i])
                            }
                            result.quarantined += fold.quarantined
                            result.events += events.count
                        }
                        return result
                    }
                }
                var all: [FoldedSlice] = []
                for try await result in group { all.append(result) }
                return all
            }
            return FoldedChunk(slices: results, lastKey: last.key)
        }
    }

    /// Adds a finished fold's rows to every output.
    mutating func merge(_ chunk: FoldedChunk) {
        for result in chunk.slices {
            for i in outputs.indices { outputs[i].merge(result.outputs[i]) }
            quarantined += result.quarantined
            unflushedEvents += result.events
        }
        lastFoldedKey = chunk.lastKey
    }
}

/// The folded partitions of one chunk, and the last key among them.
struct FoldedChunk: Sendable {
    let slices: [FoldedSlice]
    let lastKey: String
}

/// Rows of folded partitions waiting to be written in one transaction.
struct FlushBatch: Sendable {
    let builds: [ProjectionBuild]
    let outputs: [ProjectionOutput]
    let quarantined: [QuarantinedStream]
    /// The last key of the previous batch (where the build must still be).
    let previousKey: String?
    /// The last key of this batch.
    let lastKey: String?
    let events: Int
    /// Events read once this batch is written.
    let eventsDone: Int64
}

/// What one worker folded: its rows, quarantines and event count.
struct FoldedSlice: Sendable {
    var outputs: [ProjectionOutput]
    var quarantined: [QuarantinedStream] = []
    var events = 0
}
