import Benefits
import EventStore
import Testing

/// Payment cycles and payments: open, schedule once per household, issue, confirm, fail, reverse, close.
@Suite struct PaymentDecisionTests {
    static func schedule(_ month: String) -> SchedulePayment {
        SchedulePayment(programmeId: Given.programme, cycle: Given.cycle(month), householdId: Given.household)
    }

    static func issue(_ month: String, amount: Int64 = 275_000, on day: String? = nil) -> RecordPaymentIssued {
        RecordPaymentIssued(
            programmeId: Given.programme, cycle: Given.cycle(month), householdId: Given.household, channel: .prepaidCard,
            providerId: ProviderID("qi-card"), providerRef: ProviderReference("QI-\(month)-0001"), currency: .iqd, amountMinor: amount,
            issuedOn: Given.date(day ?? "\(month)-12"))
    }

    static func cycle(_ month: String) -> PaymentCycleState { PaymentCycleState(events: [Given.opened(month)]) }

    @Test func aCycleOpensOnceInTheProgrammesCurrency() {
        let open = OpenPaymentCycle(
            programmeId: Given.programme, cycle: Given.cycle("2025-01"), enrolmentDate: Given.date("2025-01-01"),
            windowOpensOn: Given.date("2025-01-10"), windowClosesOn: Given.date("2025-01-25"))
        expectEvents(
            decided { () throws(DomainRejection) in try PaymentCycleState().decide(open, programme: Given.programmeState()) },
            [Given.opened("2025-01")])
    }

    @Test func aPaymentIsTheEntitlementInForceOnTheCycleDate() {
        let events = decided { () throws(DomainRejection) in
            try Payment().decide(Self.schedule("2025-01"), cycle: Self.cycle("2025-01"), beneficiary: Given.beneficiaryState())
        }
        expectEvents(events, [Given.scheduled("2025-01")])
        #expect(Given.paymentId("2025-01") == PaymentID("PAY-202501BG00000001"))
        #expect(events.first?.streamID == "payment-iq-spn-2025-01-HH-BG00000001")
    }

    @Test func aPaymentCarriesTheTopUpsGrantedForItsCycle() {
        let granted = TopUpGranted(
            programmeId: Given.programme, topUpId: TopUpID("TU-2025FLOOD1"), householdId: Given.household, basis: .perMember, memberCount: 3,
            currency: .iqd, amountPerCycleMinor: 90_000, cycles: [Given.cycle("2025-02"), Given.cycle("2025-03")], grantedOn: Given.date("2025-01-25")
        )
        let beneficiary = Given.beneficiaryState(Given.enrolledHistory + [granted])
        let february = decided { () throws(DomainRejection) in
            try Payment().decide(Self.schedule("2025-02"), cycle: Self.cycle("2025-02"), beneficiary: beneficiary)
        }
        expectEvents(
            february,
            [
                PaymentScheduled(
                    paymentId: Given.paymentId("2025-02"), programmeId: Given.programme, cycle: Given.cycle("2025-02"), householdId: Given.household,
                    payeePersonId: Given.head, scheduleVersion: 1, currency: .iqd, amountMinor: 365_000,
                    components: [
                        PaymentComponent(component: .sizeTable, amountMinor: 275_000),
                        PaymentComponent(component: .emergencyTopUp, amountMinor: 90_000, count: 3, unitAmountMinor: 30_000),
                    ],
                    topUpIds: [TopUpID("TU-2025FLOOD1")])
            ])
        let april =
            decided { () throws(DomainRejection) in
                try Payment().decide(Self.schedule("2025-04"), cycle: Self.cycle("2025-04"), beneficiary: beneficiary)
            }.first as? PaymentScheduled
        #expect(april?.amountMinor == 275_000)
        #expect(april?.topUpIds == nil)
    }

    @Test func anEntitlementChangedBeforeTheCycleDateIsPaidAndOneAfterIsNot() {
        let change = EntitlementChanged(
            programmeId: Given.programme, householdId: Given.household, scheduleVersion: 1, effectiveOn: Given.date("2025-02-03"),
            cause: .compositionChanged, previousMonthlyAmountMinor: 275_000, headSex: .female, householdSize: 4, currency: .iqd,
            monthlyAmountMinor: 325_000, components: [EntitlementComponent(component: .sizeTable, amountMinor: 325_000)])
        let beneficiary = Given.beneficiaryState(Given.enrolledHistory + [change])
        let feb = decided { () throws(DomainRejection) in
            try Payment().decide(Self.schedule("2025-02"), cycle: Self.cycle("2025-02"), beneficiary: beneficiary)
        }
        let mar = decided { () throws(DomainRejection) in
            try Payment().decide(Self.schedule("2025-03"), cycle: Self.cycle("2025-03"), beneficiary: beneficiary)
        }
        #expect((feb.first as? PaymentScheduled)?.amountMinor == 275_000)
        #expect((mar.first as? PaymentScheduled)?.amountMinor == 325_000)
    }

    @Test func aPaymentIsIssuedConfirmedAndCanBeReversed() {
        let scheduled = Payment(events: [Given.scheduled("2025-01")])
        let issued = decided { () throws(DomainRejection) in
            try scheduled.decide(Self.issue("2025-01"), cycle: Self.cycle("2025-01"), beneficiary: Given.beneficiaryState())
        }
        expectEvents(issued, [Given.issued("2025-01")])
        let inFlight = Payment(events: [Given.scheduled("2025-01")] + issued)
        let confirm = RecordPaymentConfirmed(
            programmeId: Given.programme, cycle: Given.cycle("2025-01"), householdId: Given.household,
            providerRef: ProviderReference("QI-2025-01-0001"),
            currency: .iqd, amountMinor: 275_000, confirmedAt: UTCTimestamp(text: "2025-01-14T09:00:00Z")!)
        let confirmed = decided { () throws(DomainRejection) in try inFlight.decide(confirm) }
        expectEvents(confirmed, [Given.confirmed("2025-01")])
        let done = inFlight.evolve(confirmed[0])
        #expect(done.stage == .confirmed)
        let reverse = RecordPaymentReversed(
            programmeId: Given.programme, cycle: Given.cycle("2025-01"), householdId: Given.household, reason: .payeeDeceased, currency: .iqd,
            amountMinor: 275_000, reversedOn: Given.date("2025-01-20"), decidedBy: Given.manager)
        let reversed = decided { () throws(DomainRejection) in try done.decide(reverse) }
        expectSchemaValid(reversed)
        let after = done.evolve(reversed[0])
        #expect(after.stage == .reversed)
        #expect(after.tally.confirmed == 0)
        #expect(after.tally.reversed == 1)
        #expect(after.outstandingIssuedMinor == 0)
    }

    @Test func aRetryableFailureMayBeIssuedAgainAndANonRetryableOneMayNot() {
        let fail = RecordPaymentFailed(
            programmeId: Given.programme, cycle: Given.cycle("2025-01"), householdId: Given.household, reason: .cardBlocked, retryable: true,
            failedOn: Given.date("2025-01-13"))
        let inFlight = Payment(events: [Given.scheduled("2025-01"), Given.issued("2025-01")])
        let failed = decided { () throws(DomainRejection) in try inFlight.decide(fail) }
        expectEvents(failed, [Given.failed("2025-01", retryable: true)])
        let retry = Self.issue("2025-01", on: "2025-01-20")
        let again = decided { () throws(DomainRejection) in
            try inFlight.evolve(failed[0]).decide(retry, cycle: Self.cycle("2025-01"), beneficiary: Given.beneficiaryState())
        }
        #expect(again.count == 1)
        let final = Payment(events: [Given.scheduled("2025-01"), Given.issued("2025-01"), Given.failed("2025-01", retryable: false)])
        #expect(
            rejection { () throws(DomainRejection) in try final.decide(retry, cycle: Self.cycle("2025-01"), beneficiary: Given.beneficiaryState()) }?
                .code == .paymentStateConflict)
    }

    @Test func aSuspensionAfterSchedulingStopsTheIssue() {
        let suspended = Given.beneficiaryState(
            Given.enrolledHistory + [
                BeneficiarySuspended(
                    programmeId: Given.programme, householdId: Given.household, reason: .suspectedFraud, effectiveOn: Given.date("2025-01-05"),
                    decidedBy: Given.manager)
            ])
        let error = rejection { () throws(DomainRejection) in
            try Payment(events: [Given.scheduled("2025-01")]).decide(Self.issue("2025-01"), cycle: Self.cycle("2025-01"), beneficiary: suspended)
        }
        #expect(error?.code == .householdSuspended)
    }

    @Test func closingACycleReconcilesIssuedAsConfirmedFailedReversedAndInFlight() {
        func payment(_ household: String, _ extra: [any DomainEvent]) -> (HouseholdID, Payment) {
            let id = HouseholdID(household)
            let key = PaymentKey(Given.programme, Given.cycle("2025-01"), id)
            var s = Given.scheduled("2025-01")
            s.householdId = id
            s.paymentId = key.paymentId
            return (id, Payment(events: [s] + extra))
        }
        let payments = [
            payment("HH-BG00000001", [Given.issued("2025-01"), Given.confirmed("2025-01")]),
            payment("HH-BG00000002", [Given.issued("2025-01"), Given.failed("2025-01", retryable: true), Given.issued("2025-01")]),
            payment(
                "HH-BG00000003",
                [
                    Given.issued("2025-01"), Given.confirmed("2025-01"),
                    PaymentReversed(
                        paymentId: Given.paymentId("2025-01"), programmeId: Given.programme, cycle: Given.cycle("2025-01"),
                        householdId: Given.household,
                        reason: .duplicatePayment, currency: .iqd, amountMinor: 275_000, reversedOn: Given.date("2025-01-20"),
                        decidedBy: Given.manager),
                ]),
            payment("HH-BG00000004", []),
        ]
        let close = ClosePaymentCycle(
            programmeId: Given.programme, cycle: Given.cycle("2025-01"), closedOn: Given.date("2025-02-05"), households: payments.map(\.0))
        let events = decided { () throws(DomainRejection) in try Self.cycle("2025-01").decide(close, payments: payments.map(\.1)) }
        expectEvents(
            events,
            [
                PaymentCycleClosed(
                    programmeId: Given.programme, cycle: Given.cycle("2025-01"), closedOn: Given.date("2025-02-05"), currency: .iqd,
                    counts: .init(scheduled: 4, issued: 4, confirmed: 1, failed: 1, reversed: 1, inFlight: 1),
                    totals: .init(
                        scheduledAmountMinor: 1_100_000, issuedAmountMinor: 1_100_000, confirmedAmountMinor: 275_000, failedAmountMinor: 275_000,
                        reversedAmountMinor: 275_000, inFlightAmountMinor: 275_000))
            ])
        let closed = Self.cycle("2025-01").evolve(events[0])
        #expect(
            rejection { () throws(DomainRejection) in
                try Payment().decide(Self.schedule("2025-01"), cycle: closed, beneficiary: Given.beneficiaryState())
            }?.code == .cycleClosed)
    }

    @Test func aPaymentRunSchedulesEachEnrolledHouseholdOnceAndSaysWhyOthersAreSkipped() throws {
        let run = SchedulePayments(
            programmeId: Given.programme, cycle: Given.cycle("2025-02"),
            households: [Given.household, HouseholdID("HH-BG00000002"), HouseholdID("HH-BG00000003"), HouseholdID("HH-BG00000004")])
        let suspended = Given.beneficiaryState(
            Given.enrolledHistory + [
                BeneficiarySuspended(
                    programmeId: Given.programme, householdId: Given.household, reason: .suspectedFraud, effectiveOn: Given.date("2025-01-05"),
                    decidedBy: Given.manager)
            ])
        let decision = try run.decide(
            cycle: Self.cycle("2025-02"),
            candidates: [
                (Given.household, Given.beneficiaryState(), Payment()),
                (Given.household, Given.beneficiaryState(), Payment()),
                (HouseholdID("HH-BG00000002"), Given.beneficiaryState(), Payment(events: [Given.scheduled("2025-02")])),
                (HouseholdID("HH-BG00000003"), Beneficiary(), Payment()),
                (HouseholdID("HH-BG00000004"), suspended, Payment()),
            ])
        #expect(decision.decided == [Given.scheduled("2025-02")])
        #expect(decision.skipped.map(\.householdId.rawValue) == ["HH-BG00000002", "HH-BG00000003", "HH-BG00000004"])
        #expect(decision.skipped.map(\.rejection.code) == [.duplicatePayment, .notEnrolled, .householdSuspended])
    }
}
