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
            let builds = try await tx.query(
                "SELECT schema_name, version, checkpoint_position FROM projection.builds WHERE projection = $1 AND phase = 'live'",
                [projection.definition.name])
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
            let columns = PlanningCohortProjection.cohortColumns.map {
                $0 == "temporary_ends_on" ? "to_char(temporary_ends_on, 'YYYY-MM-DD')" : $0
            }
            var households: [CohortHousehold] = []
            var parsing: Task<[CohortHousehold], any Error>?
            do {
                try await tx.copyOut(
                    """
                    COPY (SELECT \(columns.joined(separator: ", ")) FROM \(schema).cohort
                          WHERE programme_id = \(p)\(includeCandidates ? "" : " AND standing <> 'candidate'")) TO STDOUT
                    """
                ) { chunk in
                    // Parse this chunk while the next one is read.
                    if let previous = parsing {
                        households += try await previous.value
                        progress(households.count)
                    }
                    parsing = Task { try parser.households(in: chunk).households }
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

    /// Stamps the ledger up to the transaction horizon on `connection`, if it can lead the sequencer.
    /// - Returns: whether it led (and stamped what it could).
    static func sequence(on connection: PostgresConnection) async throws -> Bool {
        guard try await LedgerSequencer.tryLead(on: connection) else { return false }
        do {
            // `stampBatch` works on the connection it is given; the sequencer's own connection string is not used.
            let sequencer = LedgerSequencer(conninfo: "")
            while try await sequencer.stampBatch(on: connection) > 0 {}
        } catch {
            _ = try? await connection.query("SELECT pg_advisory_unlock($1)", [LedgerSequencer.leaderLockKey])
            throw error
        }
        _ = try await connection.query("SELECT pg_advisory_unlock($1)", [LedgerSequencer.leaderLockKey])
        return true
    }
}
