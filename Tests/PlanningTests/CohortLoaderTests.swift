import Benefits
import EventStore
import Planning
import PlanningLedger
import Postgres
import Testing

/// The cohort loader on a demo country: the read model and the events agree, a pin keeps out what
/// came after it, and a position beyond the ledger is refused.
@Suite struct CohortLoaderTests {
    static let programme = DemoLedger.programme

    /// Households sorted by id, for comparisons.
    static func sorted(_ cohort: Cohort) -> [CohortHousehold] {
        cohort.households.sorted { $0.householdId < $1.householdId }
    }

    @Test(arguments: [false, true])
    func theReadModelAndTheEventsGiveTheSameCohortAtTheHead(includeCandidates: Bool) async throws {
        let demo = try await DemoLedger.shared()
        let fast = try await demo.withConnection {
            try await CohortLoader.loadFromReadModel(programme: Self.programme, asOf: nil, includeCandidates: includeCandidates, on: $0)
        }
        let fromModel = try #require(fast, "the live build is sequenced and current: the read model serves the head")
        #expect(fromModel.pin == demo.head)
        let exact = try await demo.withConnection {
            try await CohortLoader.loadExact(programme: Self.programme, asOf: demo.head, includeCandidates: includeCandidates, on: $0)
        }
        #expect(exact.pin == fromModel.pin)
        #expect(exact.programme == fromModel.programme)
        #expect(Self.sorted(exact) == Self.sorted(fromModel))
        #expect(exact.flows == fromModel.flows)

        // Not vacuous: every standing the demo has, members with birth dates, scores, flows of every month.
        let households = fromModel.households
        #expect(households.count > 50)
        #expect(households.contains { $0.standing == .enrolled })
        #expect(households.contains { if case .excluded = $0.standing { true } else { false } })
        #expect(households.contains { $0.standing == .candidate } == includeCandidates)
        #expect(households.allSatisfy { !$0.members.isEmpty && $0.score != nil })
        #expect(households.allSatisfy { h in h.headPersonId.map { head in h.members.contains { $0.personId == head } } ?? true })
        let paid = Set(fromModel.flows.filter { $0.value.values.contains { $0.payableHouseholds > 0 } }.keys)
        #expect(paid == Set((1...8).map { PaymentCycle(year: 2025, month: $0)! }), "every month of payments, and entries before them")
        let total = fromModel.flows.values.flatMap(\.values).reduce(ObservedFlows(), +)
        let scheduled = try await demo.scalar(
            "SELECT count(*), sum((data->>'amountMinor')::bigint) FROM event_store.events WHERE event_type = 'PaymentScheduled'")
        #expect(String(total.payableHouseholds) == scheduled)
        #expect(total.exits > 0 && total.entries > 0 && total.scheduledMinor > 0)

        // Members as the registry recorded them.
        let recorded = try await demo.withConnection { conn in
            try await conn.query(
                "SELECT data->>'personId', data->>'birthDate', data->>'sex' FROM event_store.events WHERE event_type = 'MemberAdded'"
            ).rows.map { (try $0.decode(String.self, 0), try $0.decode(String.self, 1) + " " + $0.decode(String.self, 2)) }
        }
        let registry = Dictionary(recorded, uniquingKeysWith: { first, _ in first })
        let members = households.flatMap(\.members)
        #expect(members.count > households.count)
        #expect(members.allSatisfy { registry[$0.personId.rawValue] == "\($0.birthDate) \($0.sex.rawValue)" })

        // The automatic path takes the read model, and the programme is the stream's fold.
        let auto = try await demo.withConnection {
            try await CohortLoader.load(programme: Self.programme, asOf: nil, includeCandidates: includeCandidates, on: $0)
        }
        #expect(auto.pin == demo.head && Self.sorted(auto) == Self.sorted(fromModel))
        #expect(fromModel.programme.isDefined && fromModel.programme.currency == .iqd && !fromModel.programme.schedules.isEmpty)
    }

    @Test func aPinKeepsOutEveryEventAfterIt() async throws {
        let demo = try await DemoLedger.shared()
        // The close of April's cycle: payments of May and later come after it.
        let pin = try #require(
            Int64(
                try await demo.scalar(
                    """
                    SELECT l.ledger_seq FROM event_store.events e JOIN event_store.ledger l ON l.position = e.position
                    WHERE e.event_type = 'PaymentCycleClosed' AND e.data->>'cycle' = '2025-04'
                    """) ?? ""))
        #expect(pin < demo.head)
        let (atPin, atHead, fromModel) = try await demo.withConnection { conn in
            (
                try await CohortLoader.loadExact(programme: Self.programme, asOf: pin, includeCandidates: true, on: conn),
                try await CohortLoader.loadExact(programme: Self.programme, asOf: demo.head, includeCandidates: true, on: conn),
                try await CohortLoader.loadFromReadModel(programme: Self.programme, asOf: pin, includeCandidates: true, on: conn)
            )
        }
        #expect(atPin.pin == pin)
        #expect(fromModel == nil, "the read model is at the head, not at the pin")
        let april = PaymentCycle(year: 2025, month: 4)!
        #expect(atPin.flows.keys.max() == april, "no flow of May or later is known at the close of April")
        #expect(atHead.flows.keys.max()! > april)

        // Households: a row differs from the head's only if the household has events after the pin.
        let later = Set(
            try await demo.withConnection { conn in
                try await conn.query(
                    """
                    SELECT DISTINCT e.data->>'householdId' FROM event_store.events e JOIN event_store.ledger l ON l.position = e.position
                    WHERE l.ledger_seq > $1 AND e.data->>'householdId' IS NOT NULL
                    """, [pin]
                ).rows.map { try $0.decode(String.self, 0) }
            })
        let head = Dictionary(uniqueKeysWithValues: atHead.households.map { ($0.householdId, $0) })
        var unchanged = 0
        for household in atPin.households where !later.contains(household.householdId.rawValue) {
            #expect(head[household.householdId] == household, "\(household.householdId) has no later event but changed")
            unchanged += 1
        }
        #expect(unchanged > 0 && later.count > 0)
        #expect(atHead.households.count >= atPin.households.count)

        // Flows: each month's totals at the pin are the events' up to the pin, counted straight from them.
        let counted = try await demo.withConnection { conn in
            try await conn.query(
                """
                WITH known AS (
                  SELECT e.* FROM event_store.events e JOIN event_store.ledger l ON l.position = e.position WHERE l.ledger_seq <= $1)
                SELECT m, sum(payable), sum(scheduled), sum(exits), sum(appeals) FROM (
                  SELECT (data->>'cycle') || '-01' AS m, 1 AS payable, (data->>'amountMinor')::bigint AS scheduled, 0 AS exits, 0 AS appeals
                    FROM known WHERE event_type = 'PaymentScheduled'
                  UNION ALL SELECT to_char((data->>'effectiveOn')::date, 'YYYY-MM-01'), 0, 0, 1, 0 FROM known WHERE event_type = 'BeneficiaryExited'
                  UNION ALL SELECT to_char((data->>'decidedOn')::date, 'YYYY-MM-01'), 0, 0, 0, 1 FROM known
                    WHERE event_type = 'ExclusionAppealRejected' OR (event_type = 'ExclusionReversed' AND data->>'appealId' IS NOT NULL)
                ) x GROUP BY m ORDER BY m
                """, [pin]
            ).rows.map { row in
                (try row.decode(String.self, 0), [try row.decode(Int64.self, 1), try row.decode(Int64.self, 2), try row.decode(Int64.self, 3),
                 try row.decode(Int64.self, 4)])
            }
        }
        var loaded: [(String, [Int64])] = []
        for (cycle, byGovernorate) in atPin.flows.sorted(by: { $0.key < $1.key }) {
            let t = byGovernorate.values.reduce(ObservedFlows(), +)
            let sums = [Int64(t.payableHouseholds), t.scheduledMinor, Int64(t.exits), Int64(t.appealsDecided)]
            if sums != [0, 0, 0, 0] { loaded.append(("\(cycle)-01", sums)) }
        }
        #expect(loaded.map(\.0) == counted.map(\.0))
        #expect(loaded.map(\.1) == counted.map(\.1))

        // The programme at the pin: what its stream held by then.
        let programmeEvents = try await demo.scalar(
            """
            SELECT count(*) FROM event_store.events e JOIN event_store.ledger l ON l.position = e.position
            WHERE e.stream_id = 'programme-iq-spn' AND l.ledger_seq <= \(pin)
            """)
        #expect(programmeEvents.flatMap(Int.init) ?? 0 >= 4)
        #expect(atPin.programme.isDefined)
    }

    @Test func aPositionBeyondTheLedgersHeadIsRefusedNamingTheField() async throws {
        let demo = try await DemoLedger.shared()
        for pin in [demo.head + 1, 0] {
            let error = await #expect(throws: PlanningError.self) {
                try await demo.withConnection {
                    try await CohortLoader.load(programme: Self.programme, asOf: pin, includeCandidates: false, on: $0)
                }
            }
            #expect(error?.code == "invalid_option")
            #expect(error?.field == "asOf")
            #expect(error?.message.contains(String(demo.head)) == (pin > 0))
        }
        let exact = await #expect(throws: PlanningError.self) {
            try await demo.withConnection {
                try await CohortLoader.loadExact(programme: Self.programme, asOf: demo.head + 10, includeCandidates: false, on: $0)
            }
        }
        #expect(exact?.field == "asOf")
        let unknown = await #expect(throws: PlanningError.self) {
            try await demo.withConnection {
                try await CohortLoader.loadExact(programme: ProgrammeID("xx-none"), asOf: demo.head, includeCandidates: false, on: $0)
            }
        }
        #expect(unknown?.field == "programme")
    }
}
