import Benefits
import EventStore
import Testing

/// Suspension, exclusion (retroactive, with overpayments), appeal, reversal, exit.
@Suite struct BeneficiaryDecisionTests {
    static func exclude(effective: String, decided: String = "2025-03-20", proposal: ProposalID? = nil) -> Exclude {
        Exclude(
            programmeId: Given.programme, householdId: Given.household, reason: .crossMatchBankLoan, evidenceRef: Given.evidence,
            decidedBy: Given.manager, decidedOn: Given.date(decided), effectiveOn: Given.date(effective), proposalId: proposal)
    }

    static func overpayment(_ month: String, effective: String, amount: Int64 = 275_000, on day: String = "2025-03-20") -> OverpaymentIdentified {
        OverpaymentIdentified(
            programmeId: Given.programme, householdId: Given.household, cycle: Given.cycle(month), paymentId: Given.paymentId(month),
            cause: .retroactiveExclusion, currency: .iqd, amountMinor: amount, identifiedOn: Given.date(day),
            exclusionEffectiveOn: Given.date(effective), evidenceRef: Given.evidence)
    }

    @Test func aSuspensionStopsPaymentsFromItsDateAndALiftResumesThem() {
        let suspend = Suspend(
            programmeId: Given.programme, householdId: Given.household, reason: .pendingReassessment, effectiveOn: Given.date("2025-02-10"),
            decidedBy: Given.manager)
        let suspended = decided { () throws(DomainRejection) in try Given.beneficiaryState().decide(suspend) }
        expectEvents(
            suspended,
            [
                BeneficiarySuspended(
                    programmeId: Given.programme, householdId: Given.household, reason: .pendingReassessment, effectiveOn: Given.date("2025-02-10"),
                    decidedBy: Given.manager)
            ])
        let lift = LiftSuspension(
            programmeId: Given.programme, householdId: Given.household, reason: .reviewCleared, effectiveOn: Given.date("2025-03-05"),
            decidedBy: Given.manager)
        let lifted = decided { () throws(DomainRejection) in try Given.beneficiaryState(Given.enrolledHistory + suspended).decide(lift) }
        expectEvents(
            lifted,
            [
                SuspensionLifted(
                    programmeId: Given.programme, householdId: Given.household, reason: .reviewCleared, effectiveOn: Given.date("2025-03-05"),
                    decidedBy: Given.manager, arrearsDue: false)
            ])
        let state = Given.beneficiaryState(Given.enrolledHistory + suspended + lifted)
        #expect(state.status(on: Given.date("2025-02-09")) == .enrolled)
        #expect(state.status(on: Given.date("2025-02-10")) == .suspended)
        #expect(state.status(on: Given.date("2025-03-05")) == .enrolled)
        #expect(state.status == .enrolled)
    }

    @Test func aStatusIsReadAsKnownNowSoALaterRecordedExclusionOverridesFromItsDate() {
        // Suspended 10 March, lifted 1 April; then, in May, excluded with effect from 1 February.
        let history: [any DomainEvent] =
            Given.enrolledHistory + [
                BeneficiarySuspended(
                    programmeId: Given.programme, householdId: Given.household, reason: .pendingReassessment, effectiveOn: Given.date("2025-03-10"),
                    decidedBy: Given.manager),
                SuspensionLifted(
                    programmeId: Given.programme, householdId: Given.household, reason: .reviewCleared, effectiveOn: Given.date("2025-04-01"),
                    decidedBy: Given.manager, arrearsDue: false),
                Given.excluded(effective: "2025-02-01", decided: "2025-05-05"),
            ]
        let state = Given.beneficiaryState(history)
        #expect(state.status(on: Given.date("2025-01-31")) == .enrolled)
        #expect(state.status(on: Given.date("2025-03-15")) == .excluded)
        #expect(state.status(on: Given.date("2025-04-15")) == .excluded)
        #expect(state.status == .excluded)
        // Known before the exclusion was recorded, April was paid.
        #expect(Given.beneficiaryState(Array(history.dropLast())).status(on: Given.date("2025-04-15")) == .enrolled)
    }

    @Test func aRetroactiveExclusionIdentifiesEachOverpaidCycle() {
        // Paid for January, February and March; excluded on 20 March with effect from 1 February.
        let payments = [Given.paid("2025-01"), Given.paid("2025-02"), Given.paid("2025-03", confirmed: false)]
        let events = decided { () throws(DomainRejection) in
            try Given.beneficiaryState().decide(Self.exclude(effective: "2025-02-01"), programme: Given.programmeState(), payments: payments)
        }
        expectEvents(
            events,
            [
                Given.excluded(effective: "2025-02-01"), Self.overpayment("2025-02", effective: "2025-02-01"),
                Self.overpayment("2025-03", effective: "2025-02-01"),
            ])
        let after = Given.beneficiaryState(Given.enrolledHistory + events)
        #expect(after.status(on: Given.date("2025-01-31")) == .enrolled)
        #expect(after.status(on: Given.date("2025-02-01")) == .excluded)
        #expect(after.overpayments.values.map(\.outstandingMinor).reduce(0, +) == 550_000)
    }

    @Test func onlyPaymentsStillWithTheHouseholdAreOverpaid() {
        // February failed, March was reversed, April is in flight: only April is overpaid.
        let failed = CyclePayment(
            cycle: PaymentCycleState(events: [Given.opened("2025-02")]),
            payment: Payment(events: [Given.scheduled("2025-02"), Given.issued("2025-02"), Given.failed("2025-02", retryable: false)]))
        let reversed = CyclePayment(
            cycle: PaymentCycleState(events: [Given.opened("2025-03")]),
            payment: Payment(events: [
                Given.scheduled("2025-03"), Given.issued("2025-03"),
                PaymentReversed(
                    paymentId: Given.paymentId("2025-03"), programmeId: Given.programme, cycle: Given.cycle("2025-03"), householdId: Given.household,
                    reason: .issuedInError, currency: .iqd, amountMinor: 275_000, reversedOn: Given.date("2025-03-15"), decidedBy: Given.manager),
            ]))
        let scheduledOnly = CyclePayment(
            cycle: PaymentCycleState(events: [Given.opened("2025-05")]), payment: Payment(events: [Given.scheduled("2025-05")]))
        let payments = [failed, reversed, Given.paid("2025-04", confirmed: false), scheduledOnly]
        let events = decided { () throws(DomainRejection) in
            try Given.beneficiaryState().decide(Self.exclude(effective: "2025-02-01"), programme: Given.programmeState(), payments: payments)
        }
        #expect(events.compactMap { ($0 as? OverpaymentIdentified)?.cycle } == [Given.cycle("2025-04")])
    }

    @Test func aCycleWhoseEnrolmentDatePrecedesTheExclusionWasDue() {
        let payments = [Given.paid("2025-01"), Given.paid("2025-02"), Given.paid("2025-03")]
        let events = decided { () throws(DomainRejection) in
            try Given.beneficiaryState().decide(Self.exclude(effective: "2025-02-15"), programme: Given.programmeState(), payments: payments)
        }
        #expect(events.compactMap { ($0 as? OverpaymentIdentified)?.cycle } == [Given.cycle("2025-03")])
        // Effective after the decision: nothing paid yet is overpaid.
        let future = decided { () throws(DomainRejection) in
            try Given.beneficiaryState().decide(Self.exclude(effective: "2025-04-01"), programme: Given.programmeState(), payments: payments)
        }
        #expect(future.count == 1)
    }

    @Test func anAppealWithinTheWindowThenAReversalReinstatesAndWaivesTheOverpayments() {
        let payments = [Given.paid("2025-01"), Given.paid("2025-02"), Given.paid("2025-03")]
        let exclusion: [any DomainEvent] = [
            Given.excluded(effective: "2025-02-01"), Self.overpayment("2025-02", effective: "2025-02-01"),
            Self.overpayment("2025-03", effective: "2025-02-01"),
        ]
        let appeal = AppealExclusion(
            programmeId: Given.programme, householdId: Given.household, appealId: AppealID("APL-2025BG000001"), grounds: .crossMatchMismatch,
            channel: .welfareOffice, filedOn: Given.date("2025-04-20"))
        let appealed = decided { () throws(DomainRejection) in
            try Given.beneficiaryState(Given.enrolledHistory + exclusion).decide(appeal, programme: Given.programmeState())
        }
        expectEvents(
            appealed,
            [
                ExclusionAppealed(
                    programmeId: Given.programme, householdId: Given.household, appealId: AppealID("APL-2025BG000001"), grounds: .crossMatchMismatch,
                    channel: .welfareOffice, filedOn: Given.date("2025-04-20"))
            ])
        let reverse = ReverseExclusion(
            programmeId: Given.programme, householdId: Given.household, reason: .appealUpheld, appealId: AppealID("APL-2025BG000001"),
            effectiveOn: Given.date("2025-02-01"), decidedBy: Given.manager, decidedOn: Given.date("2025-05-02"))
        let state = Given.beneficiaryState(Given.enrolledHistory + exclusion + appealed)
        let reversed = decided { () throws(DomainRejection) in try state.decide(reverse, payments: payments) }
        func waiver(_ month: String) -> OverpaymentRecovered {
            OverpaymentRecovered(
                programmeId: Given.programme, householdId: Given.household, cycle: Given.cycle(month), paymentId: Given.paymentId(month),
                method: .waived, currency: .iqd, amountMinor: 275_000, recoveredOn: Given.date("2025-05-02"), decidedBy: Given.manager)
        }
        expectEvents(
            reversed,
            [
                ExclusionReversed(
                    programmeId: Given.programme, householdId: Given.household, reason: .appealUpheld, appealId: AppealID("APL-2025BG000001"),
                    effectiveOn: Given.date("2025-02-01"), decidedBy: Given.manager, decidedOn: Given.date("2025-05-02"), arrearsDue: false),
                waiver("2025-02"), waiver("2025-03"),
            ])
        let after = Given.beneficiaryState(Given.enrolledHistory + exclusion + appealed + reversed)
        #expect(after.status == .enrolled)
        #expect(after.status(on: Given.date("2025-02-15")) == .enrolled)
        #expect(after.overpayments.values.allSatisfy { $0.outstandingMinor == 0 })
        #expect(after.openAppeal == nil)
    }

    @Test func aReinstatementFromALaterDateLeavesEarlierCyclesOverpaid() {
        let payments = [Given.paid("2025-02"), Given.paid("2025-03"), Given.paid("2025-04")]
        let exclusion: [any DomainEvent] = [
            Given.excluded(effective: "2025-02-01", decided: "2025-04-20"), Self.overpayment("2025-02", effective: "2025-02-01", on: "2025-04-20"),
            Self.overpayment("2025-03", effective: "2025-02-01", on: "2025-04-20"),
            Self.overpayment("2025-04", effective: "2025-02-01", on: "2025-04-20"),
        ]
        let reverse = ReverseExclusion(
            programmeId: Given.programme, householdId: Given.household, reason: .crossMatchFalsePositive, effectiveOn: Given.date("2025-04-01"),
            decidedBy: Given.manager, decidedOn: Given.date("2025-04-25"))
        let events = decided { () throws(DomainRejection) in
            try Given.beneficiaryState(Given.enrolledHistory + exclusion).decide(reverse, payments: payments)
        }
        #expect(events.compactMap { ($0 as? OverpaymentRecovered)?.cycle } == [Given.cycle("2025-04")])
        let after = Given.beneficiaryState(Given.enrolledHistory + exclusion + events)
        #expect(after.status(on: Given.date("2025-03-15")) == .excluded)
        #expect(after.status(on: Given.date("2025-04-01")) == .enrolled)
        #expect(after.overpayments[Given.cycle("2025-03")]?.outstandingMinor == 275_000)
        expectSchemaValid(events)
    }

    @Test func aRejectedAppealLeavesTheExclusionStanding() {
        let history: [any DomainEvent] =
            Given.enrolledHistory + [
                Given.excluded(effective: "2025-03-01"),
                ExclusionAppealed(
                    programmeId: Given.programme, householdId: Given.household, appealId: AppealID("APL-2025BG000001"), grounds: .dataError,
                    channel: .online, filedOn: Given.date("2025-03-25")),
            ]
        let reject = RejectAppeal(
            programmeId: Given.programme, householdId: Given.household, appealId: AppealID("APL-2025BG000001"), reason: .evidenceConfirmsExclusion,
            decidedBy: Given.manager, decidedOn: Given.date("2025-04-30"))
        let events = decided { () throws(DomainRejection) in try Given.beneficiaryState(history).decide(reject) }
        expectEvents(
            events,
            [
                ExclusionAppealRejected(
                    programmeId: Given.programme, householdId: Given.household, appealId: AppealID("APL-2025BG000001"),
                    reason: .evidenceConfirmsExclusion,
                    decidedBy: Given.manager, decidedOn: Given.date("2025-04-30"))
            ])
        let after = Given.beneficiaryState(history + events)
        #expect(after.status == .excluded)
        #expect(after.openAppeal == nil)
    }

    @Test func aProposalFromCrossMatchHitsIsDecidedByTheExclusionThatCitesIt() {
        let runId = CrossMatchRunID("3f2b8c1e-7d4a-4e9b-a6c2-5b1d0e8f9a73")
        let analyst = ActorID("user:analyst.bg.01")
        let run = CrossMatchRun(events: [
            CrossMatchRunRecorded(
                crossMatchRunId: runId, programmeId: Given.programme, sourceRegistry: .centralBankLoans, sourceSnapshotOn: Given.date("2025-02-28"),
                matchMethod: .hmacNationalId, keyVersion: 3,
                counts: .init(recordsSubmitted: 3, recordsInSource: 5000, hits: 1, personsWithHits: 1, householdsWithHits: 1),
                startedAt: UTCTimestamp(text: "2025-03-18T01:00:00Z")!, completedAt: UTCTimestamp(text: "2025-03-18T01:20:00Z")!, startedBy: analyst),
            CrossMatchHitRecorded(
                crossMatchRunId: runId, hitId: CrossMatchHitID("HIT-2025CBI0000456"), programmeId: Given.programme, sourceRegistry: .centralBankLoans,
                householdId: Given.household, personId: Given.head, indicator: .loanAboveThreshold, evidenceRef: Given.evidence)
        ])
        let propose = ProposeExclusion(
            proposalId: ProposalID("XP-2025BG000001"), programmeId: Given.programme, householdId: Given.household, reason: .crossMatchBankLoan,
            proposedBy: ActorID("system:cross-match"), proposedOn: Given.date("2025-03-18"), effectiveOn: Given.date("2025-02-01"),
            evidenceRef: Given.evidence, crossMatchRunId: runId, hitIds: [CrossMatchHitID("HIT-2025CBI0000456")], personId: Given.head)
        let proposed = decided { () throws(DomainRejection) in try Given.beneficiaryState().decide(propose, run: run) }
        #expect((proposed.first as? ExclusionProposed)?.hitIds == [CrossMatchHitID("HIT-2025CBI0000456")])
        #expect((proposed.first as? ExclusionProposed)?.runStartedBy == analyst, "the run's starter is recorded on its proposal")
        expectSchemaValid(proposed)
        let state = Given.beneficiaryState(Given.enrolledHistory + proposed)
        #expect(state.openProposals.keys.contains(ProposalID("XP-2025BG000001")))
        let excluded = decided { () throws(DomainRejection) in
            try state.decide(
                Self.exclude(effective: "2025-02-01", proposal: ProposalID("XP-2025BG000001")), programme: Given.programmeState(), payments: [])
        }
        #expect((excluded.first as? BeneficiaryExcluded)?.proposalId == ProposalID("XP-2025BG000001"))
        // Maker-checker: the analyst who started the run decides none of its proposals, either way.
        var byStarter = Self.exclude(effective: "2025-02-01", proposal: ProposalID("XP-2025BG000001"))
        byStarter.decidedBy = analyst
        let refused = rejection { () throws(DomainRejection) in try state.decide(byStarter, programme: Given.programmeState(), payments: []) }
        #expect(refused?.code == .makerCheckerViolation)
        #expect(refused?.rule == "maker–checker: user:analyst.bg.01 started run \(runId) and cannot decide its proposals")
        let dismissedByStarter = rejection { () throws(DomainRejection) in
            try state.decide(
                DismissExclusionProposal(
                    proposalId: ProposalID("XP-2025BG000001"), programmeId: Given.programme, householdId: Given.household,
                    reason: .falsePositiveMatch, decidedBy: analyst, decidedOn: Given.date("2025-03-19")))
        }
        #expect(dismissedByStarter?.code == .makerCheckerViolation)
        #expect(dismissedByStarter?.field == "decidedBy")
        #expect(Given.beneficiaryState(Given.enrolledHistory + proposed + excluded).openProposals.isEmpty)
        let dismiss = DismissExclusionProposal(
            proposalId: ProposalID("XP-2025BG000001"), programmeId: Given.programme, householdId: Given.household, reason: .falsePositiveMatch,
            decidedBy: Given.manager, decidedOn: Given.date("2025-03-19"))
        expectEvents(
            decided { () throws(DomainRejection) in try state.decide(dismiss) },
            [
                ExclusionProposalDismissed(
                    proposalId: ProposalID("XP-2025BG000001"), programmeId: Given.programme, householdId: Given.household,
                    reason: .falsePositiveMatch,
                    decidedBy: Given.manager, decidedOn: Given.date("2025-03-19"))
            ])
    }

    @Test func anExitEndsTheEnrolmentAndRecoveriesReduceWhatIsOwed() {
        let exit = Exit(
            programmeId: Given.programme, householdId: Given.household, reason: .movedAbroad, effectiveOn: Given.date("2025-04-01"),
            decidedBy: Given.manager)
        let exited = decided { () throws(DomainRejection) in try Given.beneficiaryState().decide(exit) }
        expectEvents(
            exited,
            [
                BeneficiaryExited(
                    programmeId: Given.programme, householdId: Given.household, reason: .movedAbroad, effectiveOn: Given.date("2025-04-01"),
                    decidedBy: Given.manager)
            ])
        #expect(Given.beneficiaryState(Given.enrolledHistory + exited).status(on: Given.date("2025-04-01")) == .exited)

        let owing = Given.beneficiaryState(
            Given.enrolledHistory + [Given.excluded(effective: "2025-02-01"), Self.overpayment("2025-02", effective: "2025-02-01")])
        let recover = RecordOverpaymentRecovery(
            programmeId: Given.programme, householdId: Given.household, cycle: Given.cycle("2025-02"), method: .cashRepayment, currency: .iqd,
            amountMinor: 100_000, recoveredOn: Given.date("2025-04-02"), recoveryRef: EvidenceReference("receipt:2025/BG/0099"),
            decidedBy: Given.manager)
        let recovered = decided { () throws(DomainRejection) in try owing.decide(recover) }
        expectSchemaValid(recovered)
        let after = recovered.reduce(owing) { $0.evolve($1) }
        #expect(after.overpayments[Given.cycle("2025-02")]?.outstandingMinor == 175_000)
    }
}
