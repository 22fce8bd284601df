import DaftarJSON
import DaftarTesting
import EventStore
import Testing

@testable import Benefits
@testable import BenefitsLedger

/// From a cross-match run to decisions, over a real store: the programme's exclusion rule proposes only
/// the households it is met for, the run's starter cannot decide them, an approval excludes from the
/// date the evidence applies with the overpayments that follow, and a rejection is recorded.
@Suite struct CrossMatchProposalTests {
    typealias Session = LedgerEndToEndTests.Session

    static let analyst = ActorID("user:analyst.mof.0031")
    static let system = ActorID("system:cross-match")
    static let loansRun = CrossMatchRunID("3f2b8c1e-7d4a-4e9b-a6c2-5b1d0e8f9a73")
    static let fuelRun = CrossMatchRunID("a91c04d2-55e3-4b7f-8f10-2c6e9d3b7a48")

    /// Loans above 50,000,000 IQD from the extract's date; any fuel station from the match date.
    static let rule = PublishCrossMatchExclusionRule(
        programmeId: Demo.programme, ruleVersion: 1, effectiveFrom: Demo.date("2025-01-01"), legalBasis: Demo.law, currency: .iqd,
        criteria: [
            .init(
                sourceRegistry: .centralBankLoans, indicator: .loanAboveThreshold, thresholdAmountMinor: 50_000_000, reason: .crossMatchBankLoan,
                effective: .snapshotDate),
            .init(sourceRegistry: .fuelStationsAndGenerators, indicator: .ownsFuelStation, reason: .crossMatchFuelStationOrGenerator, effective: .matchDate),
        ])

    static func run(
        _ id: CrossMatchRunID, _ registry: SourceRegistry, completed day: String, startedBy: ActorID, hits: [RecordCrossMatchRun.Hit]
    ) -> RecordCrossMatchRun {
        RecordCrossMatchRun(
            crossMatchRunId: id, programmeId: Demo.programme, sourceRegistry: registry, sourceSnapshotOn: Demo.date("2025-01-31"),
            matchMethod: .hmacNationalId, keyVersion: 3,
            counts: .init(
                recordsSubmitted: 10, recordsInSource: 120_000, hits: hits.count, personsWithHits: Set(hits.compactMap(\.personId)).count,
                householdsWithHits: Set(hits.map(\.householdId)).count),
            startedAt: UTCTimestamp(text: "\(day)T01:00:00Z")!, completedAt: UTCTimestamp(text: "\(day)T01:20:00Z")!, startedBy: startedBy, hits: hits)
    }

    static func loan(_ n: Int, _ household: HouseholdID, amount: Int64) -> RecordCrossMatchRun.Hit {
        .init(
            hitId: CrossMatchHitID("HIT-2025CBI000000\(n)"), householdId: household, personId: Demo.head(of: household), indicator: .loanAboveThreshold,
            evidenceRef: EvidenceReference("cbi-loans:2025-01/00045\(n)"), measuredAmountMinor: amount, thresholdAmountMinor: 10_000_000,
            currency: .iqd)
    }

    /// The Demo programme with the rule, its two eligible households enrolled in December and paid January to March 2025.
    static func paidCaseload() async throws -> (TestDatabase, Session) {
        let (db, ledger) = try await LedgerEndToEndTests.ledger()
        let session = Session(ledger)
        try await session.runAll(Demo.programmeCommands + [rule], prefix: "programme")
        try await session.runAll(Demo.registryCommands, prefix: "registry")
        try await session.runAll(Demo.assessments, prefix: "assess")
        for id in [Demo.widow, Demo.family] {
            try await session.run(
                DetermineEligibility(programmeId: Demo.programme, householdId: id, effectiveOn: Demo.date("2024-11-20")), key: "determine-\(id)")
            try await session.run(
                Enrol(programmeId: Demo.programme, householdId: id, effectiveOn: Demo.date("2024-12-01"), payeePersonId: Demo.head(of: id)),
                key: "enrol-\(id)")
        }
        for month in ["2025-01", "2025-02", "2025-03"] {
            try await session.open(month)
            _ = try await session.schedule(month, households: [Demo.widow, Demo.family], key: "run-\(month)")
            for id in [Demo.widow, Demo.family] { try await session.pay(id, month, amount: 275_000) }
        }
        return (db, session)
    }

    static func proposals(_ run: CrossMatchRunID, on day: String, key: String, in session: Session) async throws -> CaseloadOutcome<ExclusionProposed> {
        var metadata = EventMetadata(actor: system.rawValue)
        metadata.reason = "cross-match-proposal"
        metadata.ruleVersion = "cross-match-exclusion-rule/1"
        let outcome = try await session.ledger.proposeExclusions(
            ProposeExclusions(programmeId: Demo.programme, crossMatchRunId: run, proposedBy: system, proposedOn: Demo.date(day)), metadata: metadata,
            idempotencyKey: key)
        if outcome.appendedRequests > 0 { session.record(outcome.decision.decided) }
        return outcome
    }

    @Test func aLoanRunProposesOnlyAboveTheRuleAndItsStarterCannotDecideWhileAManagerExcludesRetroactively() async throws {
        let (_, session) = try await Self.paidCaseload()
        let ledger = session.ledger
        // The analyst starts a loan run: the family owes 90,000,000 IQD, the widow 40,000,000.
        try await session.run(
            Self.run(
                Self.loansRun, .centralBankLoans, completed: "2025-03-18", startedBy: Self.analyst,
                hits: [Self.loan(1, Demo.family, amount: 90_000_000), Self.loan(2, Demo.widow, amount: 40_000_000)]),
            key: "cross-match-\(Self.loansRun)")
        let proposed = try await Self.proposals(Self.loansRun, on: "2025-03-18", key: "propose-\(Self.loansRun)", in: session)
        #expect(proposed.decision.decided.map(\.householdId) == [Demo.family])
        #expect(proposed.decision.skipped.map(\.householdId) == [Demo.widow])
        #expect(proposed.decision.skipped.first?.rejection.code == .exclusionRuleNotMet)
        #expect(proposed.appendedRequests == 1)
        let proposal = try #require(proposed.decision.decided.first)
        #expect(proposal.effectiveOn == Demo.date("2025-01-31"))
        #expect(proposal.runStartedBy == Self.analyst)
        #expect(proposal.hitIds == [CrossMatchHitID("HIT-2025CBI0000001")])
        #expect(proposal.proposalId == ProposeExclusions.proposalId(run: Self.loansRun, householdId: Demo.family))

        // Proposing the run again appends nothing, with its key or another.
        let retry = try await Self.proposals(Self.loansRun, on: "2025-03-18", key: "propose-\(Self.loansRun)", in: session)
        #expect(retry.appendedRequests == 0 && retry.duplicateRequests == 1)
        let again = try await Self.proposals(Self.loansRun, on: "2025-03-19", key: "propose-again", in: session)
        #expect(again.decision.decided.isEmpty)
        #expect(again.decision.skipped.map(\.rejection.code) == [.exclusionRuleNotMet, .duplicateIdentifier])

        // Maker-checker: the analyst who started the run cannot approve the proposal; nothing is appended.
        let familyStream = BeneficiaryKey(Demo.programme, Demo.family).stream
        let before = try await ledger.store.streamVersion(familyStream)
        func approve(by actor: ActorID) -> Exclude {
            Exclude(
                programmeId: Demo.programme, householdId: Demo.family, reason: proposal.reason, evidenceRef: proposal.evidenceRef, decidedBy: actor,
                decidedOn: Demo.date("2025-03-20"), effectiveOn: proposal.effectiveOn, proposalId: proposal.proposalId,
                crossMatchRunId: proposal.crossMatchRunId, personId: proposal.personId, legalBasis: Demo.law)
        }
        let refused = await #expect(throws: DomainRejection.self) {
            try await session.run(approve(by: Self.analyst), key: "decide-by-analyst")
        }
        #expect(refused?.code == .makerCheckerViolation)
        #expect(refused?.rule == "maker–checker: user:analyst.mof.0031 started run \(Self.loansRun) and cannot decide its proposals")
        #expect(try await ledger.store.streamVersion(familyStream) == before)

        // A manager approves: excluded from 31 January, so February and March were paid in error.
        let excluded = try await session.run(approve(by: Demo.manager), key: "decide-by-manager")
        #expect(excluded.events.map(\.eventType) == ["BeneficiaryExcluded", "OverpaymentIdentified", "OverpaymentIdentified"])
        #expect((excluded.events.first as? BeneficiaryExcluded)?.effectiveOn == Demo.date("2025-01-31"))
        let overpaid = excluded.events.compactMap { $0 as? OverpaymentIdentified }
        #expect(overpaid.map(\.cycle) == [Demo.cycle("2025-02"), Demo.cycle("2025-03")])
        #expect(overpaid.map(\.amountMinor) == [275_000, 275_000])
        #expect(overpaid.allSatisfy { $0.cause == .retroactiveExclusion && $0.exclusionEffectiveOn == Demo.date("2025-01-31") })

        let family = Beneficiary(events: try await ledger.store.readStream(familyStream).map(DomainEventDecoder.decode))
        #expect(family.status == .excluded)
        #expect(family.status(on: Demo.date("2025-01-31")) == .excluded)
        #expect(family.status(on: Demo.date("2025-01-30")) == .enrolled)
        #expect(family.openProposals.isEmpty)
        #expect(family.overpayments.values.map(\.outstandingMinor).reduce(0, +) == 550_000)
        // Deciding it again is refused: it is no longer open.
        let twice = await #expect(throws: DomainRejection.self) { try await session.run(approve(by: ActorID("user:manager.bg.08")), key: "decide-twice") }
        #expect(twice?.code == .householdExcluded || twice?.code == .unknownProposal)

        let log = try await readEverything(ledger.store)
        #expect(log.map(LoggedEvent.init) == session.produced)
    }

    @Test func aRejectedProposalIsDismissedWithItsReasonAndTheHouseholdStaysEnrolled() async throws {
        let (_, session) = try await Self.paidCaseload()
        let ledger = session.ledger
        try await session.run(
            Self.run(
                Self.fuelRun, .fuelStationsAndGenerators, completed: "2025-03-25", startedBy: Self.system,
                hits: [
                    .init(
                        hitId: CrossMatchHitID("HIT-2025MOP0000001"), householdId: Demo.widow, personId: Demo.head(of: Demo.widow),
                        indicator: .ownsFuelStation, evidenceRef: EvidenceReference("mop-fuel:2025-03/0001"))
                ]),
            key: "cross-match-\(Self.fuelRun)")
        let proposed = try await Self.proposals(Self.fuelRun, on: "2025-03-25", key: "propose-\(Self.fuelRun)", in: session)
        let proposal = try #require(proposed.decision.decided.first)
        #expect(proposal.householdId == Demo.widow)
        #expect(proposal.reason == .crossMatchFuelStationOrGenerator)
        #expect(proposal.effectiveOn == Demo.date("2025-03-25"), "a fuel station applies from the match date")
        #expect(proposal.runStartedBy == Self.system)

        // The system that started the run and made the proposal cannot dismiss it either.
        func dismiss(by actor: ActorID) -> DismissExclusionProposal {
            DismissExclusionProposal(
                proposalId: proposal.proposalId, programmeId: Demo.programme, householdId: Demo.widow, reason: .falsePositiveMatch, decidedBy: actor,
                decidedOn: Demo.date("2025-03-27"))
        }
        let refused = await #expect(throws: DomainRejection.self) { try await session.run(dismiss(by: Self.system), key: "dismiss-by-system") }
        #expect(refused?.code == .makerCheckerViolation)
        let dismissed = try await session.run(dismiss(by: Demo.manager), key: "dismiss-by-manager")
        #expect(dismissed.events.map { AnyHashable($0) } == [
            AnyHashable(
                ExclusionProposalDismissed(
                    proposalId: proposal.proposalId, programmeId: Demo.programme, householdId: Demo.widow, reason: .falsePositiveMatch,
                    decidedBy: Demo.manager, decidedOn: Demo.date("2025-03-27")))
        ])
        let widow = Beneficiary(
            events: try await ledger.store.readStream(BeneficiaryKey(Demo.programme, Demo.widow).stream).map(DomainEventDecoder.decode))
        #expect(widow.status == .enrolled)
        #expect(widow.openProposals.isEmpty)
        #expect(widow.overpayments.isEmpty)
        let again = await #expect(throws: DomainRejection.self) { try await session.run(dismiss(by: Demo.manager), key: "dismiss-again") }
        #expect(again?.code == .unknownProposal)
    }
}
