import Benefits
import DaftarJSON
import EventStore
import Postgres

/// The events behind one household's standing in a programme, or behind one of its payments.
///
/// For a standing: the household's registry events, the programme's rules (cross-match exclusion rules too), formulas and
/// schedules, and the household's events in the programme. For a cycle: the same as effective on
/// the cycle's first day, plus the payment's own events.
public struct Explanation: Sendable {
    /// The events, in effective-date order (ledger order within a date).
    public let events: [HouseholdHistory.Entry]
    /// The standing they produce, as effective on the date asked about.
    public let standing: HouseholdHistory.Standing?

    static let programmeTypes = [
        "ProgrammeDefined", "TargetingFormulaPublished", "EligibilityRulePublished", "BenefitSchedulePublished", "EmergencyTopUpDeclared",
        "CrossMatchExclusionRulePublished",
    ]

    /// Loads the explanation.
    /// - Parameters:
    ///   - connection: any role that can read the `audit` views.
    ///   - programmeId: the programme.
    ///   - householdId: the household.
    ///   - cycle: a payment cycle `YYYY-MM`, or `nil` for the standing today.
    public static func load(
        on connection: PostgresConnection, programmeId: String, householdId: String, cycle: String?
    ) async throws -> Explanation {
        let on: BusinessDate
        if let cycle {
            on = try BusinessDate(parsing: cycle + "-01", field: "cycle")
        } else {
            on = BusinessDate.today()
        }
        let history = try await HouseholdHistory.load(on: connection, householdId: householdId, programmeId: programmeId, effectiveOn: on)
        let rows = try await connection.query(
            """
            SELECT \(EventStore.selectColumns), e.ledger_seq, e.actor, e.reason, e.rule_version, e.evidence
            FROM audit.events e
            WHERE e.stream_id = 'programme-' || $1 AND e.event_type = ANY($2::text[]) AND e.effective_at <= $3::date
            ORDER BY e.effective_at, e.xid, e.position
            """, [programmeId, PostgresArray(programmeTypes), on.description])
        let programme = try rows.rows.map { row in
            HouseholdHistory.Entry(
                event: try RecordedEvent(row: row), ledgerSeq: try row.decodeIfPresent(Int64.self, 14), actor: row[15], reason: row[16],
                ruleVersion: row[17], evidence: row[18])
        }
        let paymentStream = cycle.map { "payment-\(programmeId)-\($0)-\(householdId)" }
        let household = history.entries.filter { entry in
            let s = entry.event.stream
            if s.hasPrefix("payment-") { return s == paymentStream }
            return entry.event.effectiveAt <= on || s == paymentStream
        }
        let events = (programme + household).sorted {
            ($0.event.effectiveAt, $0.event.checkpoint) < ($1.event.effectiveAt, $1.event.checkpoint)
        }
        return Explanation(events: events, standing: history.standings.first { $0.programmeId == programmeId })
    }
}
