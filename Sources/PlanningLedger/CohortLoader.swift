import Benefits
import EventStore
import Planning
import Postgres

/// Loads a programme's ``Cohort`` as known at a pinned ledger position: every event with
/// `ledger_seq ≤ pin`, and no other.
///
/// Two paths give the same cohort:
/// - **From the read model** (``loadFromReadModel(programme:asOf:includeCandidates:on:progress:)``):
///   the live `planning_cohort` build's `cohort` and `flows` tables, read with COPY in one snapshot.
///   Its pin is the ledger position of the last event the build applied: the build's checkpoint,
///   which must be sequenced (the loader stamps the ledger up to it when it can lead the sequencer).
///   Fast: about a million households in a few seconds.
/// - **From the events** (``loadExact(programme:asOf:includeCandidates:on:progress:)``): the
///   programme's household partitions read with COPY, events with `ledger_seq ≤ pin` only, in the
///   order the projection runner folds them, folded with ``ReadModels/BenefitsFolder`` and projected
///   with ``ReadModels/PlanningCohortProjection``. Any pin; memory holds a chunk of partitions.
///
/// Both parse the same rows with one parser, so they agree by construction. The programme itself is
/// the fold of its stream `programme-{id}` up to the pin (``programme(_:asOf:on:)``), in both.
///
/// Households come in no particular order; a planner that needs one sorts them.
public enum CohortLoader {
    /// Loads the cohort, from the read model when it is at the pin (or no pin is asked for and the read
    /// model can be used), from the events otherwise.
    /// - Parameters:
    ///   - programme: the programme.
    ///   - pin: the ledger position (`ledger_seq`); `nil` for the latest the read model or the ledger knows.
    ///   - includeCandidates: whether to load candidates (assessed or exited households, not paid).
    ///   - connection: a connection that can read `event_store` and `projection`, outside any transaction
    ///     (the loader opens its own, and may stamp the ledger on it).
    ///   - progress: called with the number of cohort rows read so far, after each chunk.
    /// - Returns: the cohort; its ``Cohort/pin`` is the position it was read at.
    /// - Throws: `PlanningError` `invalid_option` (field `asOf` for a position beyond the ledger's head or
    ///   below 1, field `programme` for a programme not defined at the pin); ``CohortLoadError``;
    ///   `PostgresError`.
    public static func load(
        programme: ProgrammeID, asOf pin: Int64?, includeCandidates: Bool, on connection: PostgresConnection,
        progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> Cohort {
        let head = try await ledgerHead(on: connection)
        if let pin { try check(pin, head: head) }
        if let cohort = try await loadFromReadModel(
            programme: programme, asOf: pin, includeCandidates: includeCandidates, on: connection, progress: progress)
        {
            return cohort
        }
        return try await loadExact(programme: programme, asOf: pin ?? head, includeCandidates: includeCandidates, on: connection, progress: progress)
    }

    /// The ledger's head: the highest `ledger_seq` (0 for an empty ledger).
    /// - Parameter connection: a connection.
    /// - Returns: the head.
    /// - Throws: `PostgresError`.
    public static func ledgerHead(on connection: PostgresConnection) async throws -> Int64 {
        try await connection.query("SELECT coalesce(max(ledger_seq), 0) FROM event_store.ledger").rows[0].decode(Int64.self, 0)
    }

    /// Refuses a position the ledger has not reached, or below its first.
    static func check(_ pin: Int64, head: Int64) throws(PlanningError) {
        guard pin >= 1 else {
            throw PlanningError(code: "invalid_option", field: "asOf", rule: "range", message: "the ledger position must be at least 1, got \(pin)")
        }
        guard pin <= head else {
            throw PlanningError(
                code: "invalid_option", field: "asOf", rule: "range",
                message: "the ledger ends at position \(head) (its head); \(pin) is beyond it. Run `daftar seal` to sequence newer events")
        }
    }

    /// An SQL string literal (standard-conforming strings).
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
