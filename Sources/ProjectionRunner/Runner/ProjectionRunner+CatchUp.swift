import EventStore
import Postgres

extension ProjectionRunner {
    /// Applies the next batch of events to builds that share a checkpoint.
    ///
    /// Reads up to ``batchSize`` events after the checkpoint, behind the transaction horizon; reads the
    /// partitions they touch again up to the batch's last event; folds each partition up to the old and
    /// the new checkpoint; and writes the rows, the sums' differences, the quarantines and the new
    /// checkpoint in one transaction that first checks the checkpoint has not moved.
    /// - Parameters:
    ///   - group: builds in phase `catching_up` or `live` at the same checkpoint.
    ///   - conn: a connection to use.
    /// - Returns: the builds after the batch and how many events it held (0 when there were none).
    /// - Throws: ``ProjectionError`` `checkpoint_moved` when another runner applied the batch first
    ///   (nothing was written); ``PostgresError``.
    public func applyBatch(_ group: [ProjectionBuild], on conn: PostgresConnection) async throws -> (builds: [ProjectionBuild], events: Int) {
        guard let first = group.first else { return (group, 0) }
        let start = first.checkpoint
        let key = folder.partitionKeySQL
        let batch = try await conn.query(
            """
            SELECT \(ProjectionEvent.selectList(key: key, envelopeTypes: folder.envelopeEventTypes)) FROM event_store.events e
            WHERE (e.xid, e.position) > ($1::xid8, $2::bigint) AND e.xid < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY e.xid, e.position LIMIT $3
            """, [String(start.xid), start.position, batchSize])
        guard batch.count > 0 else { return (group, 0) }
        let lastRow = batch.rows[batch.count - 1]
        let end = Checkpoint(xid: UInt64(try lastRow.decode(String.self, 1)) ?? 0, position: try lastRow.decode(Int64.self, 2))
        var keys: [String] = []
        var seen = Set<String>()
        for row in batch.rows {
            if let k = row[0], seen.insert(k).inserted { keys.append(k) }
        }
        let projections = try group.map { b throws(ProjectionError) in try projection(named: b.projection) }
        var outputs = projections.map { ProjectionOutput(definition: $0.definition) }
        var quarantined: [QuarantinedStream] = []
        if !keys.isEmpty {
            let history = try await conn.query(
                """
                SELECT \(ProjectionEvent.selectList(key: key, envelopeTypes: folder.envelopeEventTypes)) FROM event_store.events e
                WHERE (\(key)) = ANY($1::text[]) AND (e.xid, e.position) <= ($2::xid8, $3::bigint)
                ORDER BY (\(key)) COLLATE "C", e.xid, e.position
                """, [PostgresArray(keys), String(end.xid), end.position]
            ).rows.compactMap { try ProjectionEvent(row: $0) }
            var lower = history.startIndex
            while lower < history.endIndex {
                let partition = history[lower].partitionKey
                var upper = lower
                while upper < history.endIndex && history[upper].partitionKey == partition { upper += 1 }
                let events = history[lower..<upper]
                let new = folder.fold(key: partition, events: events)
                let known = events.prefix { $0.checkpoint <= start }
                let old = known.isEmpty ? nil : folder.fold(key: partition, events: known)
                for i in projections.indices {
                    projections[i].project(key: partition, state: new.state, into: &outputs[i])
                    if let old {
                        var before = ProjectionOutput(definition: projections[i].definition)
                        projections[i].project(key: partition, state: old.state, into: &before)
                        outputs[i].merge(sumsOf: before, sign: -1)
                    }
                }
                let alreadyKnown = Set((old?.quarantined ?? []).map(\.stream))
                quarantined += new.quarantined.filter { !alreadyKnown.contains($0.stream) }
                lower = upper
            }
        }
        let ids = PostgresArray(group.map(\.id))
        let written = outputs
        let newQuarantines = quarantined
        try await conn.transaction { tx in
            let rows = try await tx.query(
                "SELECT checkpoint_xid::text, checkpoint_position, phase FROM projection.builds WHERE build_id = ANY($1::bigint[]) FOR UPDATE", [ids]
            ).rows
            let phases = [ProjectionBuild.Phase.catchingUp.rawValue, ProjectionBuild.Phase.live.rawValue]
            let found = rows.map { "\($0[0] ?? "-"):\($0[1] ?? "-") \($0[2] ?? "-")" }
            guard rows.count == group.count,
                try rows.allSatisfy({
                    try UInt64($0.decode(String.self, 0)) == start.xid && $0.decode(Int64.self, 1) == start.position && phases.contains($0[2] ?? "")
                })
            else {
                throw ProjectionError(
                    .checkpointMoved,
                    "builds \(group.map(\.id)) were expected at \(start), found \(found.joined(separator: ", ")); the batch was not applied")
            }
            for (i, build) in group.enumerated() {
                try await ProjectionWriter(conn: tx, schema: build.schema).write(written[i], replacing: keys)
                try await ProjectionWriter.quarantine(newQuarantines, build: build.id, on: tx)
            }
            _ = try await tx.query(
                """
                UPDATE projection.builds SET checkpoint_xid = $2::xid8, checkpoint_position = $3, events_applied = events_applied + $4,
                  updated_at = now() WHERE build_id = ANY($1::bigint[])
                """, [ids, String(end.xid), end.position, batch.count])
        }
        for q in quarantined {
            logger.error(
                "projection stream quarantined",
                metadata: ["stream": "\(q.stream)", "version": "\(q.streamVersion)", "event": "\(q.eventID)", "code": "\(q.code)"])
        }
        return (group.map { b in
            var b = b
            b.checkpoint = end
            b.eventsApplied += Int64(batch.count)
            return b
        }, batch.count)
    }
}
