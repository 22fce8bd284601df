import Audit
import DaftarJSON
import DaftarTesting
import EventStore
import Postgres
import Testing

@testable import Benefits
@testable import BenefitsLedger

extension LedgerEndToEndTests {
    /// An exclusion recorded after three paid cycles, effective two cycles back: as known before it
    /// was recorded the household was enrolled for March; as known after, excluded, with the
    /// February and March payments listed as overpayments.
    @Test func historyIsBitemporalAsEffectiveOnAndAsKnownAt() async throws {
        let (db, ledger) = try await Self.ledger()
        let session = Session(ledger)
        try await session.runAll(Demo.programmeCommands, prefix: "programme")
        try await session.runAll(Demo.registryCommands, prefix: "registry")
        try await session.runAll(Demo.assessments, prefix: "assess")
        try await session.run(
            DetermineEligibility(programmeId: Demo.programme, householdId: Demo.family, effectiveOn: Demo.date("2024-11-20")), key: "determine")
        try await session.run(
            Enrol(programmeId: Demo.programme, householdId: Demo.family, effectiveOn: Demo.date("2024-12-01"), payeePersonId: Demo.head(of: Demo.family)),
            key: "enrol")
        for month in ["2025-01", "2025-02", "2025-03"] {
            try await session.open(month)
            _ = try await session.schedule(month, households: [Demo.family], key: "run-\(month)")
            try await session.pay(Demo.family, month, amount: 275_000)
        }
        let conn = try await PostgresConnection.connect(db.uri)
        // The audit layer's index for household lookups (history must agree with or without it).
        #expect(try await AuditSchema.migrate(conn).count == 4)
        // One expression index serves history: the lookup through the auditor's view can use it.
        let indexes = try await conn.query(
            "SELECT indexname FROM pg_indexes WHERE schemaname = 'event_store' AND tablename = 'events' AND indexdef LIKE '%householdId%'")
        #expect(indexes.rows.map { $0[0] } == ["events_benefits_partition_idx"])
        try await conn.execute("SET enable_seqscan = off")
        let plan = try await conn.query(
            "EXPLAIN SELECT * FROM audit.events e WHERE \(HouseholdHistory.householdKey) = $1", [Demo.family.rawValue])
        // Each partition's copy of the index is named after the partition and the expression.
        let lines = plan.rows.compactMap { $0[0] }
        #expect(lines.contains { $0.contains("Index Scan using events_") && $0.contains("_coalesce_idx") })
        #expect(!lines.contains { $0.contains("Seq Scan on events_") })
        let viewPlan = try await conn.query(
            "EXPLAIN SELECT * FROM audit.entitlement_history WHERE household_id = $1", [Demo.family.rawValue]).rows.compactMap { $0[0] }
        #expect(viewPlan.contains { $0.contains("Index Scan using events_") && $0.contains("_coalesce_idx") })
        #expect(!viewPlan.contains { $0.contains("Seq Scan on events_") })
        try await conn.execute("RESET enable_seqscan")
        let beforeExclusion = try await conn.query("SELECT event_store.micros(clock_timestamp())").first!.decode(Int64.self, 0)
        try await session.run(
            Exclude(
                programmeId: Demo.programme, householdId: Demo.family, reason: .crossMatchBankLoan,
                evidenceRef: EvidenceReference("cbi-loans:2025-02/000456"), decidedBy: Demo.manager, decidedOn: Demo.date("2025-03-20"),
                effectiveOn: Demo.date("2025-02-01"), personId: PersonID("P-BA0000000201"), legalBasis: Demo.law),
            key: "exclude")
        let afterExclusion = try await conn.query("SELECT event_store.micros(clock_timestamp())").first!.decode(Int64.self, 0)

        let march = Demo.date("2025-03-15")
        let then = try await HouseholdHistory.load(
            on: conn, householdId: Demo.family.rawValue, effectiveOn: march, knownAtMicros: beforeExclusion)
        let now = try await HouseholdHistory.load(on: conn, householdId: Demo.family.rawValue, effectiveOn: march, knownAtMicros: afterExclusion)
        let latest = try await HouseholdHistory.load(on: conn, householdId: Demo.family.rawValue, effectiveOn: march)
        // The auditor's SQL view tells the same story, in ledger order.
        let view = try await conn.query(
            """
            SELECT event_type, status_after, monthly_entitlement_minor, amount_minor, cycle, reason, evidence
            FROM audit.entitlement_history WHERE household_id = $1 ORDER BY ledger_seq NULLS LAST, recorded_at, position
            """, [Demo.family.rawValue])
        await conn.close()
        #expect(view.rows.map { $0[0] } == ["EligibilityDetermined", "BeneficiaryEnrolled", "BeneficiaryExcluded", "OverpaymentIdentified", "OverpaymentIdentified"])
        #expect(view.rows.map { $0[1] } == ["eligible", "enrolled", "excluded", nil, nil])
        #expect(view.rows[1][2] == "275000")
        #expect(view.rows[2][5] == "crossMatchBankLoan" && view.rows[2][6] == "cbi-loans:2025-02/000456")
        #expect(view.rows.suffix(2).map { $0[4] } == ["2025-02", "2025-03"])
        #expect(view.rows.suffix(2).compactMap { $0[3].flatMap { Int64($0) } }.reduce(0, +) == 550_000)

        #expect(then.standings.map(\.status) == [.enrolled])
        #expect(then.standings.first?.entitlement?.monthlyAmountMinor == 275_000)
        #expect(then.standings.first?.overpayments.isEmpty == true)
        #expect(!then.entries.contains { $0.event.type == "BeneficiaryExcluded" })

        #expect(now.standings.map(\.status) == [.excluded])
        let overpaid = now.standings.first?.overpayments ?? []
        #expect(overpaid.map(\.cycle) == ["2025-02", "2025-03"])
        #expect(overpaid.map(\.balance.identifiedMinor).reduce(0, +) == 550_000)
        // As effective in January, even as known now, the household was enrolled and rightly paid.
        let january = try await HouseholdHistory.load(
            on: try await PostgresConnection.connect(db.uri), householdId: Demo.family.rawValue, effectiveOn: Demo.date("2025-01-15"))
        #expect(january.standings.map(\.status) == [.enrolled])

        // The history lists every event in effective-date order with who decided, why, on what evidence.
        #expect(latest.entries.map(\.event.effectiveAt) == latest.entries.map(\.event.effectiveAt).sorted())
        let exclusion = try #require(latest.entries.first { $0.event.type == "BeneficiaryExcluded" })
        #expect(exclusion.actor == "user:manager.bg.07")
        #expect(exclusion.event.effectiveAt == Demo.date("2025-02-01"))
        #expect(latest.entries.contains { $0.event.type == "HouseholdRegistered" })
        #expect(latest.entries.contains { $0.event.type == "PaymentConfirmed" })
        #expect(latest.json["standings"]?.arrayValue?.first?["status"] == "excluded")

        // Explaining the February payment names its own events and what it rested on, nothing of March.
        let explainer = try await PostgresConnection.connect(db.uri)
        let february = try await Explanation.load(
            on: explainer, programmeId: Demo.programme.rawValue, householdId: Demo.family.rawValue, cycle: "2025-02")
        await explainer.close()
        let types = february.events.map(\.event.type)
        for expected in ["BenefitSchedulePublished", "EligibilityRulePublished", "HouseholdRegistered", "BeneficiaryEnrolled", "PaymentScheduled", "PaymentIssued", "PaymentConfirmed"] {
            #expect(types.contains(expected), "explains with \(expected)")
        }
        let paymentStreams = Set(february.events.map(\.event.stream).filter { $0.hasPrefix("payment-") })
        #expect(paymentStreams == ["payment-iq-spn-2025-02-\(Demo.family.rawValue)"])
        #expect(!types.contains("PaymentCycleOpened"))
    }
}

extension LedgerEndToEndTests {
    /// A member whose personal data was erased shows as erased in the household's history, from the
    /// time the erasure was recorded; other households and members are untouched.
    @Test func historyShowsMembersWhosePersonalDataWasErased() async throws {
        let (db, ledger) = try await Self.ledger()
        let session = Session(ledger)
        try await session.runAll(Demo.registryCommands, prefix: "registry")
        let conn = try await PostgresConnection.connect(db.uri)
        #expect(try await AuditSchema.migrate(conn).count == 4)
        let beforeErasure = try await conn.query("SELECT event_store.micros(clock_timestamp())").first!.decode(Int64.self, 0)
        let erased = PersonalDataErased(
            personId: PersonID("P-BA0000000202"), erasedOn: Demo.date("2026-03-02"), reason: .dataSubjectRequest, decidedBy: ActorID("user:dpo.iq"))
        let store = EventStore(pool: db.pool(), catalogue: try BenefitsCatalogue())
        _ = try await store.append(
            AppendRequest(
                idempotencyKey: "erase-P-BA0000000202", stream: erased.streamID, expected: .noStream,
                events: [NewEvent(type: PersonalDataErased.eventType, data: erased.json, metadata: EventMetadata(actor: "user:dpo.iq"), effectiveAt: erased.erasedOn)]))

        let history = try await HouseholdHistory.load(on: conn, householdId: Demo.family.rawValue, effectiveOn: Demo.date("2026-03-15"))
        #expect(history.erasedMembers.map(\.personId) == ["P-BA0000000202"])
        #expect(history.erasedMembers.first?.reason == "dataSubjectRequest" && history.erasedMembers.first?.decidedBy == "user:dpo.iq")
        #expect(history.erasedMembers.first?.erasedOn == Demo.date("2026-03-02"))
        #expect(history.json["erasedMembers"]?.arrayValue?.first?["personId"] == "P-BA0000000202")
        let before = try await HouseholdHistory.load(
            on: conn, householdId: Demo.family.rawValue, effectiveOn: Demo.date("2026-03-15"), knownAtMicros: beforeErasure)
        #expect(before.erasedMembers.isEmpty)
        let other = try await HouseholdHistory.load(on: conn, householdId: Demo.widow.rawValue, effectiveOn: Demo.date("2026-03-15"))
        #expect(other.erasedMembers.isEmpty)
        await conn.close()
        await store.pool.close()
    }
}
