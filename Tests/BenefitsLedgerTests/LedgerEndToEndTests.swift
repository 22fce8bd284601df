import DaftarJSON
import DaftarTesting
import EventStore
import Testing

@testable import Benefits
@testable import BenefitsLedger

/// The Ledger over a real PostgreSQL: commands loaded, decided and appended with expected versions,
/// idempotency keys and schema checks; the log read back is what the decisions produced.
@Suite struct LedgerEndToEndTests {
    /// Runs commands and keeps, per stream and in order, every event the decisions produced and appended.
    final class Session {
        let ledger: Ledger
        private(set) var produced: [LoggedEvent] = []

        init(_ ledger: Ledger) { self.ledger = ledger }

        @discardableResult
        func run(_ command: some Command, key: String) async throws -> LedgerOutcome {
            let outcome = try await ledger.handle(command, metadata: Demo.metadata, idempotencyKey: key)
            if !outcome.isDuplicate { produced += outcome.events.map(LoggedEvent.init) }
            return outcome
        }

        func runAll(_ commands: [any Command], prefix: String) async throws {
            for (i, command) in commands.enumerated() { try await run(command, key: "\(prefix)-\(i)") }
        }

        func schedule(
            _ cycle: String, households: [HouseholdID] = [Demo.widow, Demo.family, Demo.wellOff], key: String
        ) async throws -> CaseloadOutcome<PaymentScheduled> {
            let outcome = try await ledger.schedulePayments(
                SchedulePayments(programmeId: Demo.programme, cycle: Demo.cycle(cycle), households: households), metadata: Demo.metadata,
                idempotencyKey: key)
            if outcome.appendedRequests > 0 { record(outcome.decision.decided) }
            return outcome
        }

        func record(_ events: [any DomainEvent]) { produced += events.map(LoggedEvent.init) }

        func pay(_ household: HouseholdID, _ month: String, amount: Int64) async throws {
            let cycle = Demo.cycle(month)
            let ref = ProviderReference("QI-\(month)-\(household.rawValue.suffix(4))")
            try await run(
                RecordPaymentIssued(
                    programmeId: Demo.programme, cycle: cycle, householdId: household, channel: .prepaidCard, providerId: ProviderID("qi-card"),
                    providerRef: ref, currency: .iqd, amountMinor: amount, issuedOn: Demo.date("\(month)-12")),
                key: "issue-\(month)-\(household)")
            try await run(
                RecordPaymentConfirmed(
                    programmeId: Demo.programme, cycle: cycle, householdId: household, providerRef: ref, currency: .iqd, amountMinor: amount,
                    confirmedAt: UTCTimestamp(text: "\(month)-14T09:30:00Z")!),
                key: "confirm-\(month)-\(household)")
        }

        func open(_ month: String) async throws {
            let cycle = Demo.cycle(month)
            try await run(
                OpenPaymentCycle(
                    programmeId: Demo.programme, cycle: cycle, enrolmentDate: cycle.firstDay, windowOpensOn: Demo.date("\(month)-10"),
                    windowClosesOn: Demo.date("\(month)-25")),
                key: "open-\(month)")
        }
    }

    static func ledger() async throws -> (TestDatabase, Ledger) {
        let db = try await TestCluster.newDatabase()
        let ledger = try Ledger(store: EventStore(pool: db.pool(), catalogue: try BenefitsCatalogue()))
        return (db, ledger)
    }

    @Test func aSmallProgrammeThroughThreeCyclesARetroactiveCrossMatchExclusionAnAppealAndReinstatement() async throws {
        let (_, ledger) = try await Self.ledger()
        let session = Session(ledger)
        try await session.runAll(Demo.programmeCommands, prefix: "programme")
        try await session.runAll(Demo.registryCommands, prefix: "registry")
        try await session.runAll(Demo.assessments, prefix: "assess")
        var outcomes: [HouseholdID: EligibilityDetermined] = [:]
        for id in [Demo.widow, Demo.family, Demo.wellOff] {
            let o = try await session.run(
                DetermineEligibility(programmeId: Demo.programme, householdId: id, effectiveOn: Demo.date("2024-11-20")), key: "determine-\(id)")
            outcomes[id] = o.events.first as? EligibilityDetermined
        }
        #expect(outcomes[Demo.widow]?.outcome == .eligible)
        #expect(outcomes[Demo.widow]?.categoriesMet == [.widow, .orphan])
        #expect(outcomes[Demo.family]?.outcome == .eligible)
        #expect(outcomes[Demo.family]?.score == Demo.number("11.426697"))
        #expect(outcomes[Demo.wellOff]?.outcome == .ineligible)
        #expect(outcomes[Demo.wellOff]?.ineligibilityReasons == [.scoreAboveThreshold])

        for id in [Demo.widow, Demo.family] {
            let o = try await session.run(
                Enrol(programmeId: Demo.programme, householdId: id, effectiveOn: Demo.date("2024-12-01"), payeePersonId: Demo.head(of: id)),
                key: "enrol-\(id)")
            #expect((o.events.first as? BeneficiaryEnrolled)?.monthlyAmountMinor == 275_000)
        }
        // The ineligible household is refused, naming the rule, and nothing is appended.
        let wellOffStream = BeneficiaryKey(Demo.programme, Demo.wellOff).stream
        let before = try await ledger.store.streamVersion(wellOffStream)
        let refusal = await #expect(throws: DomainRejection.self) {
            try await session.run(
                Enrol(
                    programmeId: Demo.programme, householdId: Demo.wellOff, effectiveOn: Demo.date("2024-12-01"),
                    payeePersonId: Demo.head(of: Demo.wellOff)),
                key: "enrol-\(Demo.wellOff)")
        }
        #expect(refusal?.code == .notEligible)
        #expect(refusal?.field == "householdId")
        #expect(refusal?.rule.hasPrefix("eligibility rule v1 (pmtAndCategory): score < 11.827736") == true)
        #expect(try await ledger.store.streamVersion(wellOffStream) == before)

        // Three monthly cycles, scheduled in bulk, issued and confirmed.
        for month in ["2025-01", "2025-02", "2025-03"] {
            try await session.open(month)
            let run = try await session.schedule(month, key: "run-\(month)")
            #expect(run.decision.decided.map(\.householdId) == [Demo.widow, Demo.family], "\(month)")
            #expect(run.decision.skipped.map(\.householdId) == [Demo.wellOff])
            #expect(run.decision.skipped.first?.rejection.code == .notEnrolled)
            #expect(run.appendedRequests == 2)
            for id in [Demo.widow, Demo.family] { try await session.pay(id, month, amount: 275_000) }
        }
        // Rerunning a month, with its key or a new one, schedules nothing twice.
        let rerun = try await session.schedule("2025-02", key: "run-2025-02")
        #expect(rerun.appendedRequests == 0)
        #expect(rerun.duplicateRequests == 2)
        let another = try await session.schedule("2025-02", key: "run-2025-02-again")
        #expect(another.decision.decided.isEmpty)
        #expect(another.decision.skipped.map(\.rejection.code) == [.duplicatePayment, .duplicatePayment, .notEnrolled])

        // A bank-loan cross-match finds the family on 18 March; the exclusion takes effect two cycles back.
        let runId = CrossMatchRunID("3f2b8c1e-7d4a-4e9b-a6c2-5b1d0e8f9a73")
        let hit = CrossMatchHitID("HIT-2025CBI0000456")
        try await session.run(
            RecordCrossMatchRun(
                crossMatchRunId: runId, programmeId: Demo.programme, sourceRegistry: .centralBankLoans, sourceSnapshotOn: Demo.date("2025-02-28"),
                matchMethod: .hmacNationalId, keyVersion: 3,
                counts: .init(recordsSubmitted: 10, recordsInSource: 120_000, hits: 1, personsWithHits: 1, householdsWithHits: 1),
                startedAt: UTCTimestamp(text: "2025-03-18T01:00:00Z")!, completedAt: UTCTimestamp(text: "2025-03-18T01:20:00Z")!,
                startedBy: ActorID("system:cross-match"),
                hits: [
                    .init(
                        hitId: hit, householdId: Demo.family, personId: PersonID("P-BA0000000201"), indicator: .loanAboveThreshold,
                        evidenceRef: EvidenceReference("cbi-loans:2025-02/000456"), measuredAmountMinor: 90_000_000, thresholdAmountMinor: 50_000_000,
                        currency: .iqd)
                ]),
            key: "cross-match-\(runId)")
        try await session.run(
            ProposeExclusion(
                proposalId: ProposalID("XP-2025BA000001"), programmeId: Demo.programme, householdId: Demo.family, reason: .crossMatchBankLoan,
                proposedBy: ActorID("system:cross-match"), proposedOn: Demo.date("2025-03-18"), effectiveOn: Demo.date("2025-02-01"),
                evidenceRef: EvidenceReference("cbi-loans:2025-02/000456"), crossMatchRunId: runId, hitIds: [hit],
                personId: PersonID("P-BA0000000201")),
            key: "propose-family")
        let exclude = Exclude(
            programmeId: Demo.programme, householdId: Demo.family, reason: .crossMatchBankLoan,
            evidenceRef: EvidenceReference("cbi-loans:2025-02/000456"),
            decidedBy: Demo.manager, decidedOn: Demo.date("2025-03-20"), effectiveOn: Demo.date("2025-02-01"),
            proposalId: ProposalID("XP-2025BA000001"),
            crossMatchRunId: runId, personId: PersonID("P-BA0000000201"), legalBasis: Demo.law)
        let excluded = try await session.run(exclude, key: "exclude-family")
        #expect(excluded.events.map(\.eventType) == ["BeneficiaryExcluded", "OverpaymentIdentified", "OverpaymentIdentified"])
        #expect(excluded.events.compactMap { ($0 as? OverpaymentIdentified)?.cycle } == [Demo.cycle("2025-02"), Demo.cycle("2025-03")])
        #expect(excluded.events.compactMap { ($0 as? OverpaymentIdentified)?.amountMinor }.reduce(0, +) == 550_000)
        #expect(excluded.append?.events.map(\.stream) == Array(repeating: BeneficiaryKey(Demo.programme, Demo.family).stream, count: 3))

        // A retry with the same key returns the original result and appends nothing.
        let retry = try await session.run(exclude, key: "exclude-family")
        #expect(retry.isDuplicate)
        #expect(retry.append?.events.map(\.eventID) == excluded.append?.events.map(\.eventID))
        #expect(retry.events.map { AnyHashable($0) } == excluded.events.map { AnyHashable($0) })
        // The same key for another command is refused by the store.
        let reuse = await #expect(throws: EventStoreError.self) {
            try await session.run(
                Suspend(
                    programmeId: Demo.programme, householdId: Demo.widow, reason: .administrativeHold, effectiveOn: Demo.date("2025-03-21"),
                    decidedBy: Demo.manager),
                key: "exclude-family")
        }
        #expect(reuse?.code == .idempotencyKeyReused)

        // April opens while the family is excluded: only the widow is paid.
        try await session.open("2025-04")
        let april = try await session.schedule("2025-04", key: "run-2025-04")
        #expect(april.decision.decided.map(\.householdId) == [Demo.widow])
        #expect(april.decision.skipped.first { $0.householdId == Demo.family }?.rejection.code == .householdExcluded)

        // The family appeals within the month; the appeal is upheld and the exclusion reversed from its date.
        try await session.run(
            AppealExclusion(
                programmeId: Demo.programme, householdId: Demo.family, appealId: AppealID("APL-2025BA000317"), grounds: .crossMatchMismatch,
                channel: .welfareOffice, filedOn: Demo.date("2025-04-05"), evidenceRef: EvidenceReference("loan-settlement:2025/BA/17")),
            key: "appeal-family")
        let reversed = try await session.run(
            ReverseExclusion(
                programmeId: Demo.programme, householdId: Demo.family, reason: .appealUpheld, appealId: AppealID("APL-2025BA000317"),
                effectiveOn: Demo.date("2025-02-01"), decidedBy: ActorID("committee:ba-02"), decidedOn: Demo.date("2025-04-08"), arrearsDue: false),
            key: "reverse-family")
        #expect(reversed.events.map(\.eventType) == ["ExclusionReversed", "OverpaymentRecovered", "OverpaymentRecovered"])
        #expect(reversed.events.compactMap { ($0 as? OverpaymentRecovered)?.method } == [.waived, .waived])

        // Reinstated from February, the family is paid in April by a second run.
        let aprilAgain = try await session.schedule("2025-04", key: "run-2025-04-after-appeal")
        #expect(aprilAgain.decision.decided.map(\.householdId) == [Demo.family])
        #expect(aprilAgain.decision.skipped.map(\.rejection.code) == [.duplicatePayment, .notEnrolled])

        // The log read back is exactly what the decisions produced: per stream, in order, and as a whole.
        let log = try await readEverything(ledger.store)
        #expect(log.map(LoggedEvent.init) == session.produced)
        for stream in Set(session.produced.map(\.stream)) {
            let read = try await ledger.store.readStream(stream)
            #expect(read.map(LoggedEvent.init) == session.produced.filter { $0.stream == stream }, "\(stream)")
            #expect(read.map(\.streamVersion) == Array(1...Int64(read.count)), "\(stream)")
        }
        // Each event carries the command's metadata and its own business date.
        for recorded in log {
            let event = try DomainEventDecoder.decode(recorded)
            #expect(try recorded.metadata() == Demo.metadata.json)
            if let date = event.effectiveDate { #expect(recorded.effectiveAt == date, "\(recorded.type)") }
        }
        #expect(log.first { $0.type == "CrossMatchHitRecorded" }?.effectiveAt == Demo.date("2025-03-18"))
        #expect(log.filter { $0.type == "PaymentScheduled" }.count == 8)
        // Folding the streams back gives the states the decisions saw.
        let family = Beneficiary(
            events: try await ledger.store.readStream(BeneficiaryKey(Demo.programme, Demo.family).stream).map(DomainEventDecoder.decode))
        #expect(family.status == .enrolled)
        #expect(family.status(on: Demo.date("2025-03-01")) == .enrolled)
        #expect(family.overpayments.values.allSatisfy { $0.outstandingMinor == 0 })
    }

    @Test func anEmergencyTopUpGoesToEnrolledHouseholdsInItsAreasAndATemporaryEnrolmentEndsOnItsDate() async throws {
        let (_, ledger) = try await Self.ledger()
        let session = Session(ledger)
        let nearEligible = HouseholdID("HH-BG00000004")
        try await session.runAll(Demo.programmeCommands, prefix: "programme")
        try await session.runAll(
            Demo.registryCommands + [
                Demo.register(nearEligible, "IQ-BG", "IQ-BG-07"),
                Demo.member(nearEligible, "P-BG0000000401", .female, "1983-02-02", .head, .divorced, .unemployed),
                Demo.member(nearEligible, "P-BG0000000402", .male, "2016-05-05", .son, .neverMarried, .child),
            ], prefix: "registry")
        try await session.runAll(Demo.assessments, prefix: "assess")
        // 12.2 − 0.35 × 0.693147 − 0.30 × 0.5 + 0.12 + 0.08 (owns the dwelling) = 12.007399: above 11.827736, below 12.1.
        var near = Demo.assess(nearEligible, log: "0.693147", dependency: "0.5", salary: false, car: false, crowded: false)
        near.indicators.ownsDwelling = true
        let assessed = try await session.run(near, key: "assess-near")
        #expect((assessed.events.first as? HouseholdAssessed)?.score == Demo.number("12.007399"))
        for id in [Demo.widow, Demo.family] {
            try await session.run(
                DetermineEligibility(programmeId: Demo.programme, householdId: id, effectiveOn: Demo.date("2024-11-20")), key: "determine-\(id)")
            try await session.run(
                Enrol(programmeId: Demo.programme, householdId: id, effectiveOn: Demo.date("2024-12-01"), payeePersonId: Demo.head(of: id)),
                key: "enrol-\(id)")
        }
        // Floods in Baghdad: 30,000 IQD per member for February and March, and temporary enrolment below 12.1 until 31 March.
        let topUp = TopUpID("TU-2025FLOOD1")
        try await session.run(
            DeclareEmergencyTopUp(
                programmeId: Demo.programme, topUpId: topUp, shock: .flood, basis: .perMember, currency: .iqd, amountMinor: 30_000,
                cycles: [Demo.cycle("2025-02"), Demo.cycle("2025-03")], areas: [AreaCode("IQ-BG")], beneficiaries: .enrolledAndTemporary,
                temporaryEnrolment: .init(
                    relaxedThreshold: Demo.number("12.1"), scoreScale: .lnMonthlyPerCapitaConsumption, endsOn: Demo.date("2025-03-31")),
                declaredOn: Demo.date("2025-01-20"), legalBasis: Demo.law),
            key: "declare-flood")
        let all = [Demo.widow, Demo.family, Demo.wellOff, nearEligible]
        let grants = try await ledger.grantTopUps(
            GrantTopUps(programmeId: Demo.programme, topUpId: topUp, grantedOn: Demo.date("2025-01-22"), households: all),
            metadata: Demo.metadata, idempotencyKey: "grant-flood")
        #expect(grants.appendedRequests == 1)
        #expect(grants.decision.decided.map(\.householdId) == [Demo.widow])
        #expect(grants.decision.decided.first?.amountPerCycleMinor == 90_000)
        #expect(grants.decision.skipped.map(\.rejection.code) == [.outsideDeclaredAreas, .notEnrolled, .notEnrolled])
        let regrant = try await ledger.grantTopUps(
            GrantTopUps(programmeId: Demo.programme, topUpId: topUp, grantedOn: Demo.date("2025-01-22"), households: all),
            metadata: Demo.metadata, idempotencyKey: "grant-flood")
        #expect(regrant.appendedRequests == 0)
        #expect(regrant.duplicateRequests == 1)
        // The rerun decides what the run decided; record it once.
        session.record(grants.decision.decided)

        let temporary = try await session.run(
            GrantTemporaryEnrolment(
                programmeId: Demo.programme, topUpId: topUp, householdId: nearEligible, effectiveOn: Demo.date("2025-01-25"),
                payeePersonId: PersonID("P-BG0000000401")),
            key: "temporary-near")
        #expect(temporary.events.map(\.eventType) == ["TemporaryEnrolmentGranted", "TopUpGranted"])
        #expect((temporary.events.first as? TemporaryEnrolmentGranted)?.monthlyAmountMinor == 200_000)

        var paid: [String: [HouseholdID: Int64]] = [:]
        for month in ["2025-02", "2025-03", "2025-04"] {
            try await session.open(month)
            let run = try await session.schedule(month, households: all, key: "run-\(month)")
            paid[month] = Dictionary(uniqueKeysWithValues: run.decision.decided.map { ($0.householdId, $0.amountMinor) })
        }
        #expect(paid["2025-02"] == [Demo.widow: 365_000, Demo.family: 275_000, nearEligible: 260_000])
        #expect(paid["2025-03"] == [Demo.widow: 365_000, Demo.family: 275_000, nearEligible: 260_000])
        #expect(paid["2025-04"] == [Demo.widow: 275_000, Demo.family: 275_000])

        let end = EndTemporaryEnrolment(
            programmeId: Demo.programme, householdId: nearEligible, decidedBy: ActorID("system:scheduler"), decidedOn: Demo.date("2025-03-31"))
        await #expect(throws: DomainRejection.self) { try await session.run(end, key: "end-early") }
        var onTime = end
        onTime.decidedOn = Demo.date("2025-04-01")
        let exited = try await session.run(onTime, key: "end-near")
        #expect((exited.events.first as? BeneficiaryExited)?.effectiveOn == Demo.date("2025-04-01"))

        // February reconciled: the widow's payment confirmed, the family's failed, the near-eligible one in flight.
        try await session.pay(Demo.widow, "2025-02", amount: 365_000)
        try await session.run(
            RecordPaymentIssued(
                programmeId: Demo.programme, cycle: Demo.cycle("2025-02"), householdId: Demo.family, channel: .bankTransfer,
                providerId: ProviderID("rafidain"),
                providerRef: ProviderReference("RB-2025-02-77"), currency: .iqd, amountMinor: 275_000, issuedOn: Demo.date("2025-02-11")),
            key: "issue-family-feb")
        try await session.run(
            RecordPaymentFailed(
                programmeId: Demo.programme, cycle: Demo.cycle("2025-02"), householdId: Demo.family, reason: .accountClosed, retryable: false,
                failedOn: Demo.date("2025-02-13")),
            key: "fail-family-feb")
        try await session.run(
            RecordPaymentIssued(
                programmeId: Demo.programme, cycle: Demo.cycle("2025-02"), householdId: nearEligible, channel: .mobileWallet,
                providerId: ProviderID("zain-cash"),
                providerRef: ProviderReference("ZC-2025-02-9"), currency: .iqd, amountMinor: 260_000, issuedOn: Demo.date("2025-02-15")),
            key: "issue-near-feb")
        let closed = try await session.run(
            ClosePaymentCycle(programmeId: Demo.programme, cycle: Demo.cycle("2025-02"), closedOn: Demo.date("2025-02-28"), households: all),
            key: "close-2025-02")
        let reconciliation = closed.events.first as? PaymentCycleClosed
        #expect(reconciliation?.counts == .init(scheduled: 3, issued: 3, confirmed: 1, failed: 1, reversed: 0, inFlight: 1))
        #expect(reconciliation?.totals.scheduledAmountMinor == 900_000)
        #expect(reconciliation?.totals.inFlightAmountMinor == 260_000)

        let log = try await readEverything(ledger.store)
        #expect(log.map(LoggedEvent.init) == session.produced)
    }

    @Test func theLedgerRefusesAStoreThatDoesNotCheckSchemas() async throws {
        let db = try await TestCluster.newDatabase()
        let error = #expect(throws: EventStoreError.self) { try Ledger(store: EventStore(pool: db.pool())) }
        #expect(error?.field == "catalogue")
        // And the store it accepts refuses an event that breaks its schema, before the database.
        let (_, ledger) = try await Self.ledger()
        let bad = AppendRequest(
            idempotencyKey: "bad", stream: "household-HH-BG00000001", expected: .noStream,
            events: [
                NewEvent(
                    type: "HouseholdRegistered", data: ["householdId": "HH-BG00000001"], metadata: Demo.metadata, effectiveAt: Demo.date("2024-06-01")
                )
            ])
        let violation = await #expect(throws: EventStoreError.self) { try await ledger.store.append(bad) }
        #expect(violation?.code == .schemaViolation)
    }

    @Test func concurrentPaymentsForOneHouseholdAndCycleScheduleExactlyOne() async throws {
        let (_, ledger) = try await Self.ledger()
        let session = Session(ledger)
        try await session.runAll(Demo.programmeCommands, prefix: "programme")
        try await session.runAll(Array(Demo.registryCommands.prefix(4)), prefix: "registry")
        try await session.run(Demo.assessments[0], key: "assess")
        try await session.run(
            DetermineEligibility(programmeId: Demo.programme, householdId: Demo.widow, effectiveOn: Demo.date("2024-11-20")), key: "determine")
        try await session.run(
            Enrol(
                programmeId: Demo.programme, householdId: Demo.widow, effectiveOn: Demo.date("2024-12-01"), payeePersonId: Demo.head(of: Demo.widow)),
            key: "enrol")
        try await session.open("2025-01")
        let command = SchedulePayment(programmeId: Demo.programme, cycle: Demo.cycle("2025-01"), householdId: Demo.widow)
        let results = await withTaskGroup(of: Result<LedgerOutcome, any Error>.self) { group in
            for i in 0..<6 {
                group.addTask {
                    do { return .success(try await ledger.handle(command, metadata: Demo.metadata, idempotencyKey: "schedule-\(i)")) } catch {
                        return .failure(error)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let scheduled = results.filter { if case .success = $0 { return true } else { return false } }
        let refused = results.compactMap { result -> DomainRejection? in
            if case .failure(let error) = result { return error as? DomainRejection }
            return nil
        }
        #expect(scheduled.count == 1)
        #expect(refused.count == 5)
        #expect(refused.allSatisfy { $0.code == .duplicatePayment })
        #expect(try await ledger.store.readStream(PaymentKey(Demo.programme, Demo.cycle("2025-01"), Demo.widow).stream).count == 1)
    }

    @Test func aWriterThatWinsTheRaceMakesTheLedgerDecideAgainOnTheNewState() async throws {
        let (_, ledger) = try await Self.ledger()
        let session = Session(ledger)
        try await session.runAll(Demo.programmeCommands, prefix: "programme")
        try await session.runAll(Array(Demo.registryCommands.prefix(4)), prefix: "registry")
        try await session.run(Demo.assessments[0], key: "assess")
        try await session.run(
            DetermineEligibility(programmeId: Demo.programme, householdId: Demo.widow, effectiveOn: Demo.date("2024-11-20")), key: "determine")
        try await session.run(
            Enrol(
                programmeId: Demo.programme, householdId: Demo.widow, effectiveOn: Demo.date("2024-12-01"), payeePersonId: Demo.head(of: Demo.widow)),
            key: "enrol")
        try await session.open("2025-01")
        let command = SchedulePayment(programmeId: Demo.programme, cycle: Demo.cycle("2025-01"), householdId: Demo.widow)
        var attempts: [Int] = []
        // After the first decision and before its append, another writer schedules the same payment.
        let error = await #expect(throws: DomainRejection.self) {
            try await ledger.handle(command, metadata: Demo.metadata, idempotencyKey: "slow") { attempt in
                attempts.append(attempt)
                if attempt == 1 { _ = try await ledger.handle(command, metadata: Demo.metadata, idempotencyKey: "fast") }
            }
        }
        #expect(attempts == [1])
        #expect(error?.code == .duplicatePayment)
        let stream = try await ledger.store.readStream(PaymentKey(Demo.programme, Demo.cycle("2025-01"), Demo.widow).stream)
        #expect(stream.map(\.idempotencyKey) == ["fast"])

        // A race on a stream whose decision still holds is decided again and appended after the winner.
        let suspend = Suspend(
            programmeId: Demo.programme, householdId: Demo.widow, reason: .pendingDocumentVerification, effectiveOn: Demo.date("2025-01-20"),
            decidedBy: Demo.manager)
        attempts = []
        let outcome = try await ledger.handle(suspend, metadata: Demo.metadata, idempotencyKey: "suspend") { attempt in
            attempts.append(attempt)
            if attempt == 1 {
                _ = try await ledger.handle(
                    DetermineEligibility(programmeId: Demo.programme, householdId: Demo.widow, effectiveOn: Demo.date("2025-01-15")),
                    metadata: Demo.metadata, idempotencyKey: "redetermine")
            }
        }
        #expect(attempts == [1, 2])
        let beneficiary = try await ledger.store.readStream(BeneficiaryKey(Demo.programme, Demo.widow).stream)
        #expect(beneficiary.map(\.type).suffix(2) == ["EligibilityDetermined", "BeneficiarySuspended"])
        #expect(outcome.append?.events.first?.streamVersion == Int64(beneficiary.count))
    }

    @Test func aVersion1AssessmentInTheStoreIsUpcastAndDecidedOn() async throws {
        let (_, ledger) = try await Self.ledger()
        let session = Session(ledger)
        try await session.runAll(Demo.programmeCommands, prefix: "programme")
        try await session.runAll(Array(Demo.registryCommands.prefix(4)), prefix: "registry")
        // Written by an older release under schema version 1.
        let v1: JSONValue = [
            "householdId": "HH-BG00000001", "programmeId": "iq-spn", "formulaVersion": 1, "assessedOn": "2024-11-05",
            "indicators": [
                "logHouseholdSize": .number(JSONNumber(literal: "1.098612")!), "dependencyRatio": .number(JSONNumber(literal: "0.666667")!),
                "headEducationLevel": 1, "memberEarnsSalaryOrPension": 0, "crowdingOver3PerRoom": 1, "ownsCar": 0, "ownsDwelling": 0,
                "ruralResidence": 0,
            ],
            "score": .number(JSONNumber(literal: "11.585486")!),
        ]
        let household = BenefitsStream.household(Demo.widow)
        let version = try await ledger.store.streamVersion(household)
        _ = try await ledger.store.append(
            AppendRequest(
                idempotencyKey: "legacy-assessment", stream: household, expected: .exact(version),
                events: [
                    NewEvent(type: "HouseholdAssessed", schemaVersion: 1, data: v1, metadata: Demo.metadata, effectiveAt: Demo.date("2024-11-05"))
                ]))
        let outcome = try await session.run(
            DetermineEligibility(programmeId: Demo.programme, householdId: Demo.widow, effectiveOn: Demo.date("2024-11-20")), key: "determine")
        let determined = outcome.events.first as? EligibilityDetermined
        #expect(determined?.outcome == .eligible)
        #expect(determined?.score == Demo.number("11.585486"))
    }
}
