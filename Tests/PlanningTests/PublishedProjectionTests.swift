import Benefits
import BenefitsLedger
import DaftarJSON
import EventStore
import Planning
import PlanningLedger
import Postgres
import ReadModels
import Testing

/// A published cost projection is a fact of the ledger: it shows in reporting.projection with who
/// published it, and a payload that breaks the schema is refused naming the field.
@Suite struct PublishedProjectionTests {
    static let scenario = JSONText(#"{"currency":"IQD","name":"baseline"}"#)

    static func command(pin: Int64, id: String = "CP-2025TEST0001", months: Int = 24, label: String = "baseline") -> PublishCostProjection {
        PublishCostProjection(
            projectionId: CostProjectionID(id), programmeId: DemoLedger.programme, scenarioLabel: ScenarioLabel(label), scenarioJson: scenario,
            scenarioDigest: HexDigest(EventHash.sha256Hex(of: scenario.text)), pinnedLedgerSeq: pin, fromMonth: PaymentCycle(year: 2025, month: 3)!,
            months: months, fiscalYearStartMonth: 1, methodVersion: 1, resultDigest: HexDigest(String(repeating: "c", count: 64)), currency: .iqd,
            totalAmountMinor: 987_654_321, publishedOn: BusinessDate(year: 2025, month: 2, day: 27)!)
    }

    @Test func aPublishedProjectionShowsWithItsActorAndBadPayloadsAreRefused() async throws {
        let demo = try await DemoLedger.make(households: 40, months: 2)
        let ledger = try Ledger(store: demo.store)
        var metadata = EventMetadata(actor: "user:planner.test")
        metadata.reason = "budget-review"
        let outcome = try await ledger.handle(Self.command(pin: demo.head), metadata: metadata, idempotencyKey: "publish-1")
        #expect(outcome.events.first is CostProjectionPublished)
        #expect(outcome.append?.events.first?.stream == "cost-projection-iq-spn")

        // Payloads the schema refuses, each naming its field; nothing is appended.
        let bad: [(PublishCostProjection, String)] = [
            (Self.command(pin: demo.head, id: "CP-2025TEST0002", months: 0), "months"),
            (Self.command(pin: demo.head, id: "CP-2025TEST0003", months: 121), "months"),
            (Self.command(pin: demo.head, id: "CP-2025TEST0004", label: "bad\tlabel"), "scenarioLabel"),
            (Self.command(pin: demo.head, id: "cp-lower"), "projectionId"),
            (Self.command(pin: 0, id: "CP-2025TEST0005"), "pinnedLedgerSeq"),
        ]
        for (i, (command, field)) in bad.enumerated() {
            let error = await #expect(throws: EventStoreError.self) {
                try await ledger.handle(command, metadata: metadata, idempotencyKey: "publish-bad-\(i)")
            }
            #expect(error?.code == .schemaViolation, "\(field)")
            #expect(error?.field?.hasSuffix(".data/\(field)") == true, "\(error?.field ?? "-")")
        }
        // The decision refuses the same id twice, and a scenario digest that is not the scenario's.
        let again = await #expect(throws: DomainRejection.self) {
            try await ledger.handle(Self.command(pin: demo.head), metadata: metadata, idempotencyKey: "publish-again")
        }
        #expect(again?.code == .duplicateIdentifier && again?.field == "projectionId")
        var forged = Self.command(pin: demo.head, id: "CP-2025TEST0009")
        forged.scenarioDigest = HexDigest(String(repeating: "0", count: 64))
        let mismatch = await #expect(throws: DomainRejection.self) {
            try await ledger.handle(forged, metadata: metadata, idempotencyKey: "publish-forged")
        }
        #expect(mismatch?.code == .digestMismatch && mismatch?.field == "scenarioDigest")

        var runner = try ReadModels.runner(conninfo: demo.db.uri)
        runner.pollInterval = .milliseconds(100)
        try await runner.run(untilCaughtUp: true)
        let expected: [String?] = [
            "CP-2025TEST0001", "iq-spn", "baseline", EventHash.sha256Hex(of: Self.scenario.text), String(demo.head), "2025-03-01", "24", "1", "1",
            String(repeating: "c", count: 64), "IQD", "987654321", "2025-02-27", "user:planner.test", "budget-review", "t",
        ]
        let row = try await demo.withConnection { conn in
            try await conn.query(
                """
                SELECT projection_id, programme_id, scenario_name, scenario_digest, pinned_ledger_seq, to_char(from_month, 'YYYY-MM-DD'), months,
                       fiscal_year_start_month, method_version, result_digest, currency, total_cost_minor, published_on::text, actor, reason,
                       recorded_at IS NOT NULL
                FROM reporting.projection
                """
            ).rows.map { row in (0..<16).map { row[$0] } }
        }
        #expect(row == [expected], "applied while following the log")
        // A rebuild (the bulk pass, which reads the log with COPY) gives the same row, recorded time included.
        let recorded = try await demo.scalar("SELECT recorded_at::text FROM reporting.projection")
        try await runner.run(["projection"], fresh: true, untilCaughtUp: true)
        #expect(try await demo.scalar("SELECT recorded_at::text FROM reporting.projection") == recorded)
        #expect(try await demo.scalar("SELECT actor || ' ' || reason FROM reporting.projection") == "user:planner.test budget-review")
        #expect(
            try await demo.scalar("SELECT recorded_at = (SELECT recorded_at FROM event_store.events WHERE event_type = 'CostProjectionPublished') FROM reporting.projection")
                == "t")
        let readable = try await demo.scalar(
            """
            SELECT has_table_privilege('daftar_reporting', 'reporting.projection', 'SELECT')
               AND has_table_privilege('daftar_auditor', 'reporting.projection', 'SELECT')
            """)
        #expect(readable == "t")

        // The read model has read the publication, which the sequencer has not stamped yet: loading the
        // cohort stamps it, and the cohort is at the new head.
        let unsequenced = try await demo.scalar(
            "SELECT count(*) FROM event_store.events e WHERE NOT EXISTS (SELECT 1 FROM event_store.ledger l WHERE l.position = e.position)")
        #expect(unsequenced == "1")
        let cohort = try await demo.withConnection {
            try await CohortLoader.loadFromReadModel(programme: DemoLedger.programme, asOf: nil, includeCandidates: false, on: $0)
        }
        #expect(cohort?.pin == demo.head + 1)
        #expect(cohort?.households.isEmpty == false)
    }
}
