import Benefits
import EventStore
import Testing

/// The programme's cross-match exclusion rule: publishing it, and the proposals a run's hits lead to.
@Suite struct CrossMatchExclusionRuleTests {
    typealias G = Given

    static let runId = CrossMatchRunID("a91c04d2-55e3-4b7f-8f10-2c6e9d3b7a48")
    static let starter = ActorID("user:analyst.mof.0031")

    /// Loans above 50,000,000 IQD and any fuel station from the extract date; vehicles from 2018 from the match date.
    static let criteria: [CrossMatchExclusionRulePublished.Criterion] = [
        .init(
            sourceRegistry: .centralBankLoans, indicator: .loanAboveThreshold, thresholdAmountMinor: 50_000_000, reason: .crossMatchBankLoan,
            effective: .snapshotDate),
        .init(sourceRegistry: .fuelStationsAndGenerators, indicator: .ownsFuelStation, reason: .crossMatchFuelStationOrGenerator, effective: .snapshotDate),
        .init(
            sourceRegistry: .vehicleRegistry, indicator: .ownsRecentVehicle, vehicleModelYearFrom: 2018, reason: .crossMatchVehicleOwnership,
            effective: .matchDate),
    ]

    static let publish = PublishCrossMatchExclusionRule(
        programmeId: G.programme, ruleVersion: 1, effectiveFrom: G.date("2025-01-01"), legalBasis: G.law, currency: .iqd, criteria: criteria)

    static var programme: Programme { G.programmeState(try! G.programmeState().decide(publish)) }

    static func household(_ n: Int) -> HouseholdID { HouseholdID(String(format: "HH-BG%08d", n)) }

    static func hit(
        _ n: Int, household h: Int, _ registry: SourceRegistry, _ indicator: CrossMatchIndicator, amount: Int64? = nil, currency: Currency = .iqd,
        year: Int? = nil
    ) -> RecordCrossMatchRun.Hit {
        RecordCrossMatchRun.Hit(
            hitId: CrossMatchHitID(String(format: "HIT-2025X%07d", n)), householdId: household(h), personId: PersonID(String(format: "P-BG%08d01", h)),
            indicator: indicator, evidenceRef: EvidenceReference("partner:2025-03/\(n)"), measuredAmountMinor: amount,
            thresholdAmountMinor: indicator == .loanAboveThreshold ? 10_000_000 : nil, currency: amount == nil ? nil : currency, vehicleModelYear: year)
    }

    /// One run over several registries' findings, so that one household can meet several criteria.
    static func run(_ hits: [RecordCrossMatchRun.Hit], registry: SourceRegistry = .centralBankLoans) -> CrossMatchRun {
        let command = RecordCrossMatchRun(
            crossMatchRunId: runId, programmeId: G.programme, sourceRegistry: registry, sourceSnapshotOn: G.date("2025-01-31"),
            matchMethod: .hmacNationalId, keyVersion: 2,
            counts: .init(
                recordsSubmitted: 5000, recordsInSource: 90_000, hits: hits.count, personsWithHits: Set(hits.compactMap(\.personId)).count,
                householdsWithHits: Set(hits.map(\.householdId)).count),
            startedAt: UTCTimestamp(text: "2025-03-17T22:00:00Z")!, completedAt: UTCTimestamp(text: "2025-03-18T01:20:00Z")!, startedBy: starter,
            hits: hits)
        return CrossMatchRun(events: try! CrossMatchRun().decide(command))
    }

    /// A run's events with each hit's registry set as given (a run records one registry; tests mix them to exercise the order).
    static func mixedRun(_ hits: [(RecordCrossMatchRun.Hit, SourceRegistry)]) -> CrossMatchRun {
        var events = try! CrossMatchRun().decide(
            RecordCrossMatchRun(
                crossMatchRunId: runId, programmeId: G.programme, sourceRegistry: .centralBankLoans, sourceSnapshotOn: G.date("2025-01-31"),
                matchMethod: .hmacNationalId, keyVersion: 2,
                counts: .init(
                    recordsSubmitted: 5000, recordsInSource: 90_000, hits: hits.count, personsWithHits: Set(hits.compactMap(\.0.personId)).count,
                    householdsWithHits: Set(hits.map(\.0.householdId)).count),
                startedAt: UTCTimestamp(text: "2025-03-17T22:00:00Z")!, completedAt: UTCTimestamp(text: "2025-03-18T01:20:00Z")!,
                startedBy: starter, hits: hits.map(\.0)))
        for (i, (_, registry)) in hits.enumerated() {
            var hit = events[i + 1] as! CrossMatchHitRecorded
            hit.sourceRegistry = registry
            events[i + 1] = hit
        }
        return CrossMatchRun(events: events)
    }

    static func enrolled(_ h: Int, on day: String = "2024-12-01") -> Beneficiary {
        var eligible = G.eligible()
        eligible.householdId = household(h)
        var enrolment = G.enrolled(on: day)
        enrolment.householdId = household(h)
        return Beneficiary(events: [eligible, enrolment])
    }

    @Test func theRuleIsAVersionedProgrammeFactInForceFromItsDate() {
        let events = decided { () throws(DomainRejection) in try G.programmeState().decide(Self.publish) }
        expectEvents(
            events,
            [
                CrossMatchExclusionRulePublished(
                    programmeId: G.programme, ruleVersion: 1, effectiveFrom: G.date("2025-01-01"), legalBasis: G.law, currency: .iqd,
                    criteria: Self.criteria)
            ])
        var second = Self.publish
        second.ruleVersion = 2
        second.effectiveFrom = G.date("2025-06-01")
        second.criteria = [Self.criteria[1]]
        let programme = G.programmeState(events + decided { () throws(DomainRejection) in try G.programmeState(events).decide(second) })
        #expect(programme.crossMatchRule(inForceOn: G.date("2024-12-31")) == nil)
        #expect(programme.crossMatchRule(inForceOn: G.date("2025-05-31"))?.version == 1)
        #expect(programme.crossMatchRule(inForceOn: G.date("2025-06-01"))?.criteria == [Self.criteria[1]])
        // Version 2 again, or a rule in dollars, is refused.
        #expect(rejection { () throws(DomainRejection) in try programme.decide(second) }?.code == .versionNotNext)
        var dollars = Self.publish
        dollars.ruleVersion = 3
        dollars.effectiveFrom = G.date("2025-07-01")
        dollars.currency = .usd
        #expect(rejection { () throws(DomainRejection) in try programme.decide(dollars) }?.code == .currencyMismatch)
    }

    @Test(arguments: [
        (
            CrossMatchExclusionRulePublished.Criterion(
                sourceRegistry: .fuelStationsAndGenerators, indicator: .ownsGenerator, thresholdAmountMinor: 1, reason: .crossMatchFuelStationOrGenerator,
                effective: .snapshotDate), "criteria[0].thresholdAmountMinor"
        ),
        (
            CrossMatchExclusionRulePublished.Criterion(
                sourceRegistry: .centralBankLoans, indicator: .loanAboveThreshold, vehicleModelYearFrom: 2018, reason: .crossMatchBankLoan,
                effective: .snapshotDate), "criteria[0].vehicleModelYearFrom"
        ),
    ])
    func aThresholdFitsItsIndicator(_ criterion: CrossMatchExclusionRulePublished.Criterion, _ field: String) {
        var command = Self.publish
        command.criteria = [criterion]
        let refused = rejection { () throws(DomainRejection) in try G.programmeState().decide(command) }
        #expect(refused?.code == .criterionInconsistent)
        #expect(refused?.field == field)
    }

    @Test func onlyHouseholdsWhoseHitsMeetTheRuleAreProposedWithTheFirstCriterionMet() throws {
        let rule = try #require(Self.programme.crossMatchRule(inForceOn: G.date("2025-03-18")))
        let run = Self.mixedRun([
            (Self.hit(1, household: 1, .centralBankLoans, .loanAboveThreshold, amount: 90_000_000), .centralBankLoans),  // proposed
            (Self.hit(2, household: 2, .centralBankLoans, .loanAboveThreshold, amount: 40_000_000), .centralBankLoans),  // under the rule's threshold
            (Self.hit(3, household: 3, .centralBankLoans, .loanAboveThreshold, amount: 50_000_000), .centralBankLoans),  // at it: not above
            (Self.hit(4, household: 4, .centralBankLoans, .loanAboveThreshold, amount: 90_000_000, currency: .usd), .centralBankLoans),  // other currency
            (Self.hit(5, household: 5, .fuelStationsAndGenerators, .ownsFuelStation), .fuelStationsAndGenerators),  // any fuel station
            (Self.hit(6, household: 6, .fuelStationsAndGenerators, .ownsGenerator), .fuelStationsAndGenerators),  // generators not in this rule
            (Self.hit(7, household: 7, .vehicleRegistry, .ownsRecentVehicle, year: 2015), .vehicleRegistry),  // too old
            (Self.hit(8, household: 8, .vehicleRegistry, .ownsRecentVehicle, year: 2019), .vehicleRegistry),  // from the match date
            // Household 9: a fuel station found first by hit id, and a large loan; the loan's criterion comes first in the rule.
            (Self.hit(9, household: 9, .fuelStationsAndGenerators, .ownsFuelStation), .fuelStationsAndGenerators),
            (Self.hit(10, household: 9, .centralBankLoans, .loanAboveThreshold, amount: 75_000_000), .centralBankLoans),
            (Self.hit(11, household: 9, .centralBankLoans, .loanAboveThreshold, amount: 20_000_000), .centralBankLoans),
            // The indicator of another registry meets nothing.
            (Self.hit(12, household: 10, .fuelStationsAndGenerators, .ownsFuelStation), .commercialRegistry),
        ])
        let proposals = rule.proposals(for: run)
        #expect(proposals.map(\.householdId) == [1, 5, 8, 9].map(Self.household))
        let byHousehold = Dictionary(uniqueKeysWithValues: proposals.map { ($0.householdId, $0) })
        let loan = try #require(byHousehold[Self.household(1)])
        #expect(loan.reason == .crossMatchBankLoan)
        #expect(loan.effectiveOn == G.date("2025-01-31"), "a loan applies from the extract's date")
        #expect(loan.hitIds == [CrossMatchHitID("HIT-2025X0000001")])
        #expect(loan.personId == PersonID("P-BG0000000101"))
        #expect(loan.evidenceRef == EvidenceReference("partner:2025-03/1"))
        #expect(byHousehold[Self.household(5)]?.reason == .crossMatchFuelStationOrGenerator)
        #expect(byHousehold[Self.household(8)]?.effectiveOn == G.date("2025-03-18"), "a vehicle applies from the match date")
        let both = try #require(byHousehold[Self.household(9)])
        #expect(both.reason == .crossMatchBankLoan)
        #expect(both.criterionIndex == 0)
        #expect(both.hitIds == [CrossMatchHitID("HIT-2025X0000010"), CrossMatchHitID("HIT-2025X0000009")], "hits that meet a criterion, by criterion")
        #expect(both.evidenceRef == EvidenceReference("partner:2025-03/10"))
        #expect(rule.householdsNotMeeting(run) == [2, 3, 4, 6, 7, 10].map(Self.household))
    }

    @Test func aRunsProposalsAreDecidedPerHouseholdRecordingWhoStartedTheRun() throws {
        let run = Self.run([
            Self.hit(1, household: 1, .centralBankLoans, .loanAboveThreshold, amount: 90_000_000),
            Self.hit(2, household: 2, .centralBankLoans, .loanAboveThreshold, amount: 40_000_000),
            Self.hit(3, household: 3, .centralBankLoans, .loanAboveThreshold, amount: 60_000_000),
            Self.hit(4, household: 4, .centralBankLoans, .loanAboveThreshold, amount: 70_000_000),
        ])
        let command = ProposeExclusions(
            programmeId: G.programme, crossMatchRunId: Self.runId, proposedBy: ActorID("system:cross-match"), proposedOn: G.date("2025-03-18"))
        // Household 3 enrolled after the extract date: its exclusion cannot precede the enrolment. Household 4 never enrolled.
        let beneficiaries = [Self.household(1): Self.enrolled(1), Self.household(2): Self.enrolled(2), Self.household(3): Self.enrolled(3, on: "2025-02-01")]
        let decision = try command.decide(programme: Self.programme, run: run, beneficiaries: beneficiaries)
        let id1 = ProposeExclusions.proposalId(run: Self.runId, householdId: Self.household(1))
        #expect(id1.rawValue.count == 23 && id1.rawValue.hasPrefix("XP-"))
        expectEvents(
            decision.decided,
            [
                ExclusionProposed(
                    proposalId: id1, programmeId: G.programme, householdId: Self.household(1), reason: .crossMatchBankLoan,
                    proposedBy: ActorID("system:cross-match"), proposedOn: G.date("2025-03-18"), effectiveOn: G.date("2025-01-31"),
                    evidenceRef: EvidenceReference("partner:2025-03/1"), crossMatchRunId: Self.runId, runStartedBy: Self.starter,
                    hitIds: [CrossMatchHitID("HIT-2025X0000001")], personId: PersonID("P-BG0000000101")),
                ExclusionProposed(
                    proposalId: ProposeExclusions.proposalId(run: Self.runId, householdId: Self.household(3)), programmeId: G.programme,
                    householdId: Self.household(3), reason: .crossMatchBankLoan, proposedBy: ActorID("system:cross-match"),
                    proposedOn: G.date("2025-03-18"), effectiveOn: G.date("2025-02-01"), evidenceRef: EvidenceReference("partner:2025-03/3"),
                    crossMatchRunId: Self.runId, runStartedBy: Self.starter, hitIds: [CrossMatchHitID("HIT-2025X0000003")],
                    personId: PersonID("P-BG0000000301")),
            ])
        #expect(decision.skipped.map(\.householdId) == [Self.household(2), Self.household(4)])
        #expect(decision.skipped.map(\.rejection.code) == [.exclusionRuleNotMet, .notEnrolled])

        // Proposing the run again proposes nobody twice.
        var after = beneficiaries
        for event in decision.decided { after[event.householdId] = after[event.householdId]!.evolve(event) }
        let again = try command.decide(programme: Self.programme, run: run, beneficiaries: after)
        #expect(again.decided.isEmpty)
        #expect(again.skipped.map(\.rejection.code) == [.exclusionRuleNotMet, .duplicateIdentifier, .duplicateIdentifier, .notEnrolled])
    }

    @Test func proposalsNeedARuleInForceAndACompletedRun() {
        let run = Self.run([Self.hit(1, household: 1, .centralBankLoans, .loanAboveThreshold, amount: 90_000_000)])
        func decide(_ day: String, _ programme: Programme = Self.programme) -> DomainRejection? {
            let command = ProposeExclusions(
                programmeId: G.programme, crossMatchRunId: Self.runId, proposedBy: ActorID("system:cross-match"), proposedOn: G.date(day))
            do {
                _ = try command.decide(programme: programme, run: run, beneficiaries: [:])
                return nil
            } catch { return error }
        }
        #expect(decide("2025-03-18", G.programmeState())?.code == .noExclusionRuleInForce)
        #expect(decide("2025-03-17")?.code == .effectiveDateTooEarly)
        #expect(decide("2025-03-18") == nil)
        let unknown = ProposeExclusions(
            programmeId: G.programme, crossMatchRunId: CrossMatchRunID("3f2b8c1e-7d4a-4e9b-a6c2-5b1d0e8f9a73"), proposedBy: ActorID("system:cross-match"),
            proposedOn: G.date("2025-03-18"))
        #expect(throws: DomainRejection.self) { try unknown.decide(programme: Self.programme, run: run, beneficiaries: [:]) }
    }
}
