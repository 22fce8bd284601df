import Benefits
import EventStore
import ProjectionRunner

/// `reporting.projection`: the cost projections published for each programme, one row each, with who
/// published them (`Projections/projection.sql` documents every column).
public struct PublishedProjectionProjection: Projection {
    public let definition: ProjectionDefinition

    /// The projection, over its SQL file's text.
    /// - Parameter sql: the text of `Projections/projection.sql`.
    /// - Throws: ``ProjectionError`` when the file does not fit the code.
    public init(sql: String) throws {
        definition = try ProjectionDefinition(
            name: "projection", sql: sql, codeVersion: 1,
            tables: [
                .keyed(
                    "projection", partitionColumn: "partition_key",
                    columns: [
                        "partition_key", "projection_id", "programme_id", "scenario_name", "scenario_digest", "pinned_ledger_seq", "from_month",
                        "months", "fiscal_year_start_month", "method_version", "result_digest", "currency", "total_cost_minor", "published_on",
                        "actor", "reason", "recorded_at",
                    ])
            ])
    }

    /// Writes one row per publication of a programme partition; a household partition writes nothing.
    public func project(key: String, state: PartitionState, into output: inout ProjectionOutput) {
        guard let programme = state.programme else { return }
        for p in programme.publications {
            let e = p.event
            output.insert(
                "projection",
                [
                    key, e.projectionId.rawValue, e.programmeId.rawValue, e.scenarioLabel.rawValue, e.scenarioDigest.rawValue,
                    String(e.pinnedLedgerSeq), e.fromMonth.firstDay.description, String(e.months), String(e.fiscalYearStartMonth),
                    String(e.methodVersion), e.resultDigest.rawValue, e.currency.code, String(e.totalAmountMinor), e.publishedOn.description,
                    p.actor, p.reason, p.recordedAtMicros.map { EventTime.rfc3339(micros: $0) },
                ])
        }
    }
}
