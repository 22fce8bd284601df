import Benefits
import EventStore
import Planning
import Postgres
import ProjectionRunner
import ReadModels

extension CohortLoader {
    /// Loads the cohort from the live `planning_cohort` build, when it can: the build is of the running
    /// code's version, and its checkpoint is sequenced (stamped here when this connection can lead the
    /// sequencer) and, when `pin` is given, at `pin`. The build's tables are read with COPY in one
    /// repeatable-read snapshot, with the build's checkpoint, so rows and pin agree.
    /// - Parameters:
    ///   - programme: the programme.
    ///   - pin: the ledger position wanted; `nil` for the read model's.
    ///   - includeCandidates: whether to load candidates.
    ///   - connection: a connection that can read `projection`, the build's schema and `event_store`,
    ///     outside any transaction.
    ///   - progress: called with the number of households loaded so far, after each chunk (about 1 MiB).
    /// - Returns: the cohort at the read model's position, or `nil` when the read model cannot give it
    ///   (no live build of this version, another position, or a checkpoint not sequenced).
    /// - Throws: `PlanningError` `invalid_option` (field `programme`) when the programme is not defined
    ///   there; ``CohortLoadError``; `PostgresError`.
    public static func loadFromReadModel(
        programme: ProgrammeID, asOf pin: Int64?, includeCandidates: Bool, on connection: PostgresConnection,
        progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> Cohort? {
        let projection = try planningCohortProjection()
        for attempt in 0..<3 {
            let read: BuildRead
            do {
                read = try await readBuild(projection, programme, pin, includeCandidates, connection, progress)
            } catch let error as PostgresError where attempt < 2 && ["42P01", "3F000"].contains(error.sqlState ?? "") {
                // A swap retired the build and dropped its schema between the catalogue's row and the COPY: read again.
                continue
            }
            switch read {
            case .loaded(let cohort): return cohort
            case .unavailable: return nil
            case .unsequenced:
                // The build has read events the sequencer has not stamped yet: stamp them, then read again
                // (the build may have moved on meanwhile).
                guard attempt < 2, try await sequence(on: connection) else { return nil }
            }
        }
        return nil
    }

    enum BuildRead {
        case loaded(Cohort)
        case unavailable
        case unsequenced
    }

    static func readBuild(
        _ projection: PlanningCohortProjection, _ programme: ProgrammeID, _ pin: Int64?, _ includeCandidates: Bool,
        _ connection: PostgresConnection, _ progress: @escaping @Sendable (Int) -> Void
    ) async throws -> BuildRead {
        try await connection.transaction(isolation: .repeatableRead) { tx in
            let builds = try await tx.query(liveBuildQuery, [projection.definition.name])
            guard let build = builds.first, try build.decode(String.self, 1) == projection.definition.version else { return .unavailable }
            let schema = try build.decode(String.self, 0)
            let position = try build.decode(Int64.self, 2)
            guard position > 0 else { return .unavailable }
            guard let seq = try await tx.query("SELECT ledger_seq FROM event_store.ledger WHERE position = $1", [position]).first?
                .decode(Int64.self, 0)
            else { return .unsequenced }
            if let pin, pin != seq { return .unavailable }
            let fold = try await self.programme(programme, asOf: seq, on: tx)
            let parser = CohortRowParser(programme: programme, includeCandidates: includeCandidates)
            let p = literal(programme.rawValue)
            var households: [CohortHousehold] = []
            var parsing: Task<[CohortHousehold], any Error>?
            do {
                try await tx.copyOut(cohortCopy(schema: schema, programme: programme, includeCandidates: includeCandidates)) { chunk in
                    // Parse this chunk while the next one is read.
                    if let previous = parsing {
                        households += try await previous.value
                        progress(households.count)
                    }
                    parsing = Task { try parser.households(in: chunk) }
                }
            } catch {
                _ = try? await parsing?.value
                throw error
            }
            if let last = parsing { households += try await last.value }
            progress(households.count)
            var flows: [PaymentCycle: [GovernorateCode: ObservedFlows]] = [:]
            let keys = ["programme_id", "governorate", "to_char(month, 'YYYY-MM-DD')"]
            try await tx.copyOut(
                """
                COPY (SELECT \((keys + PlanningCohortProjection.flowSums).joined(separator: ", ")) FROM \(schema).flows
                      WHERE programme_id = \(p)) TO STDOUT
                """
            ) { chunk in try parser.addFlows(in: chunk, to: &flows) }
            return .loaded(Cohort(programme: fold, pin: seq, households: households, flows: flows))
        }
    }

    /// The live builds of a projection: schema, version and checkpoint position (`$1`: the projection's name).
    static let liveBuildQuery =
        "SELECT schema_name, version, checkpoint_position FROM projection.builds WHERE projection = $1 AND phase = 'live'"

    /// The schema of the live `planning_cohort` build, whatever its version.
    /// - Parameter connection: a connection that can read `projection`.
    /// - Returns: the schema, or `nil` when there is no live build.
    /// - Throws: an error reading the projection's bundled definition; `PostgresError`.
    public static func liveBuildSchema(on connection: PostgresConnection) async throws -> String? {
        let projection = try planningCohortProjection()
        return try await connection.query(liveBuildQuery, [projection.definition.name]).rows.first?.decode(String.self, 0)
    }

    /// The COPY statement that reads a programme's households from a `planning_cohort` build's `cohort`
    /// table: ``PlanningCohortProjection/cohortColumns`` in order, dates as `YYYY-MM-DD`, in COPY text
    /// format, as ``loadFromReadModel(programme:asOf:includeCandidates:on:progress:)`` reads them.
    /// - Parameters:
    ///   - schema: the build's schema (see ``liveBuildSchema(on:)``).
    ///   - programme: the programme.
    ///   - includeCandidates: whether candidates are read too.
    /// - Returns: `COPY (SELECT …) TO STDOUT`.
    public static func cohortCopy(schema: String, programme: ProgrammeID, includeCandidates: Bool) -> String {
        let columns = PlanningCohortProjection.cohortColumns.map {
            $0 == "temporary_ends_on" ? "to_char(temporary_ends_on, 'YYYY-MM-DD')" : $0
        }
        return """
            COPY (SELECT \(columns.joined(separator: ", ")) FROM \(schema).cohort
                  WHERE programme_id = \(literal(programme.rawValue))\(includeCandidates ? "" : " AND standing <> 'candidate'")) TO STDOUT
            """
    }

    /// Stamps the ledger up to the transaction horizon on `connection`, if it can lead the sequencer.
    /// - Returns: whether it led (and stamped what it could).
    static func sequence(on connection: PostgresConnection) async throws -> Bool {
        try await LedgerSequencer.catchUp(on: connection) != nil
    }
}
