import Benefits
import EventSchemaResources
import EventStore
import Planning
import Postgres
import ProjectionRunner
import ReadModels

extension CohortLoader {
    /// Loads the cohort from the events known at `pin`: every household partition of the programme
    /// (the households with an event naming it), events with `ledger_seq ≤ pin` only, read with COPY in
    /// the runner's order (partition key, then `(xid, position)`), folded with ``ReadModels/BenefitsFolder``
    /// and projected with ``ReadModels/PlanningCohortProjection``; the rows are read by the read model's
    /// parser. Memory holds a chunk's partitions at a time.
    /// - Parameters:
    ///   - programme: the programme.
    ///   - pin: the ledger position.
    ///   - includeCandidates: whether to load candidates.
    ///   - connection: a connection that can read `event_store`.
    ///   - progress: called with the number of households loaded so far.
    /// - Returns: the cohort at `pin`.
    /// - Throws: `PlanningError` `invalid_option` (field `asOf` beyond the head or below 1, field `programme`
    ///   not defined at the pin); ``CohortLoadError``; `ProjectionError` for an unreadable event row; `PostgresError`.
    public static func loadExact(
        programme: ProgrammeID, asOf pin: Int64, includeCandidates: Bool, on connection: PostgresConnection,
        progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> Cohort {
        try check(pin, head: try await ledgerHead(on: connection))
        let fold = try await self.programme(programme, asOf: pin, on: connection)
        let folder = BenefitsFolder()
        let projection = try planningCohortProjection()
        let parser = CohortRowParser(programme: programme, includeCandidates: includeCandidates)
        let key = folder.partitionKeySQL
        let copy = """
            COPY (SELECT \(ProjectionEvent.selectList(key: key, envelopeTypes: folder.envelopeEventTypes))
                  FROM event_store.events e JOIN event_store.ledger l ON l.position = e.position
                  WHERE l.ledger_seq <= \(pin) AND (\(key)) IN (
                    SELECT h.data->>'householdId' FROM event_store.events h
                    WHERE h.data->>'programmeId' = \(literal(programme.rawValue)) AND h.data->>'householdId' IS NOT NULL)
                  ORDER BY (\(key)) COLLATE "C", e.xid, e.position) TO STDOUT
            """
        var lines = PartitionLines()
        var result = ChunkRows()
        // Each chunk's complete partitions fold while the next chunk is read.
        var folding: Task<ChunkRows, any Error>?
        do {
            try await connection.copyOut(copy) { chunk in
                CopyTextFields.forEachLine(in: chunk) { lines.add($0) }
                let partitions = lines.takeClosed()
                if let previous = folding {
                    result.merge(try await previous.value)
                    progress(result.households.count)
                }
                folding = partitions.isEmpty ? nil : Task { try rows(of: partitions, folder: folder, projection: projection, parser: parser) }
            }
        } catch {
            _ = try? await folding?.value
            throw error
        }
        if let previous = folding { result.merge(try await previous.value) }
        lines.closeCurrent()
        result.merge(try rows(of: lines.takeClosed(), folder: folder, projection: projection, parser: parser))
        progress(result.households.count)
        return Cohort(programme: fold, pin: pin, households: result.households, flows: result.flows)
    }

    /// The planning cohort projection over its bundled SQL file.
    static func planningCohortProjection() throws -> PlanningCohortProjection {
        try PlanningCohortProjection(sql: ProjectionFiles.sql(named: "planning_cohort"))
    }

    /// Folds and projects partitions, and reads their rows with the read model's parser.
    static func rows(
        of partitions: [PartitionLines.Partition], folder: BenefitsFolder, projection: PlanningCohortProjection, parser: CohortRowParser
    ) throws -> ChunkRows {
        var output = ProjectionOutput(definition: projection.definition)
        for partition in partitions {
            let events = try partition.events()
            projection.project(key: partition.key, state: folder.fold(key: partition.key, events: events[...]).state, into: &output)
        }
        var chunk = ChunkRows()
        chunk.households = try parser.households(in: output.rows(of: "cohort"))
        // The sums as the flows table's lines (keys whose sums are all zero are not rows, as in the table).
        var lines: [UInt8] = []
        for (key, amounts) in output.sums(of: "flows") where amounts.contains(where: { $0 != 0 }) {
            var row = CopyTextRow()
            for k in key { row.append(k) }
            for a in amounts { row.append(String(a)) }
            lines += row.bytes
            lines.append(0x0A)
        }
        try parser.addFlows(in: lines, to: &chunk.flows)
        return chunk
    }
}

/// Households and flows read from some of the rows.
struct ChunkRows: Sendable {
    var households: [CohortHousehold] = []
    var flows: [PaymentCycle: [GovernorateCode: ObservedFlows]] = [:]

    /// Adds another chunk's households and flows.
    mutating func merge(_ other: ChunkRows) {
        households += other.households
        for (cycle, byGovernorate) in other.flows {
            for (governorate, flows) in byGovernorate {
                self.flows[cycle, default: [:]][governorate] = (self.flows[cycle]?[governorate] ?? ObservedFlows()) + flows
            }
        }
    }
}
