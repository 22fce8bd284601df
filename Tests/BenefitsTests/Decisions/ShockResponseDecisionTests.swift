import Benefits
import EventStore
import Testing

/// Emergency top-ups for enrolled households in declared areas, and temporary enrolment under a relaxed threshold.
@Suite struct ShockResponseDecisionTests {
    static let relaxed = EmergencyTopUpDeclared.TemporaryEnrolment(
        relaxedThreshold: Given.number("12"), scoreScale: .lnMonthlyPerCapitaConsumption, endsOn: Given.date("2025-03-31"))
    static let grant = GrantTopUp(
        programmeId: Given.programme, topUpId: TopUpID("TU-2025FLOOD1"), householdId: Given.household, grantedOn: Given.date("2025-01-25"))

    @Test func aPerMemberTopUpIsGrantedToAnEnrolledHouseholdInADeclaredArea() {
        let events = decided { () throws(DomainRejection) in
            try Given.beneficiaryState().decide(Self.grant, household: Given.householdState(), programme: Given.programmeState([Given.topUp()]))
        }
        expectEvents(
            events,
            [
                TopUpGranted(
                    programmeId: Given.programme, topUpId: TopUpID("TU-2025FLOOD1"), householdId: Given.household, basis: .perMember, memberCount: 3,
                    currency: .iqd, amountPerCycleMinor: 90_000, cycles: [Given.cycle("2025-02"), Given.cycle("2025-03")],
                    grantedOn: Given.date("2025-01-25"))
            ])
    }

    @Test func theAreaIsTheHouseholdsOnTheGrantDateAndADistrictOrTheCountryCovers() {
        let moved = HouseholdRelocated(
            householdId: Given.household, from: .init(governorate: GovernorateCode("IQ-BG"), district: DistrictCode("IQ-BG-07")),
            to: .init(governorate: GovernorateCode("IQ-BA"), district: DistrictCode("IQ-BA-03"), residence: .camp), reason: .displacement,
            effectiveOn: Given.date("2025-01-22"))
        let household = Given.householdState([moved])
        let area = household.area(on: Given.date("2025-01-25"))!
        #expect(area.lies(in: AreaCode("IQ")))
        #expect(area.lies(in: AreaCode("IQ-BA")))
        #expect(area.lies(in: AreaCode("IQ-BA-03")))
        #expect(!area.lies(in: AreaCode("IQ-BA-3")))
        #expect(!area.lies(in: AreaCode("IQ-BG")))
        let inBasra = decided { () throws(DomainRejection) in
            try Given.beneficiaryState().decide(Self.grant, household: household, programme: Given.programmeState([Given.topUp(areas: ["IQ-BA-03"])]))
        }
        #expect(inBasra.count == 1)
        // A one-off per-household grant: the amount once, for its one cycle.
        let eid = Given.topUp("TU-2025EID1", basis: .perHousehold, amount: 100_000, cycles: ["2025-02"], areas: ["IQ"])
        var eidGrant = Self.grant
        eidGrant.topUpId = TopUpID("TU-2025EID1")
        let oneOff =
            decided { () throws(DomainRejection) in
                try Given.beneficiaryState().decide(eidGrant, household: household, programme: Given.programmeState([eid]))
            }.first as? TopUpGranted
        #expect(oneOff?.amountPerCycleMinor == 100_000)
        #expect(oneOff?.memberCount == nil)
    }

    @Test func aGrantCoversOnlyTheDeclaredCyclesThatHaveNotPassed() {
        var late = Self.grant
        late.grantedOn = Given.date("2025-03-02")
        let events = decided { () throws(DomainRejection) in
            try Given.beneficiaryState().decide(late, household: Given.householdState(), programme: Given.programmeState([Given.topUp()]))
        }
        #expect((events.first as? TopUpGranted)?.cycles == [Given.cycle("2025-03")])
    }

    static func temporary(score: String) -> (Household, Programme, GrantTemporaryEnrolment) {
        let household = Given.householdState([Given.assessed(score: score)])
        let programme = Given.programmeState([Given.topUp(temporary: relaxed)])
        let command = GrantTemporaryEnrolment(
            programmeId: Given.programme, topUpId: TopUpID("TU-2025FLOOD1"), householdId: Given.household, effectiveOn: Given.date("2025-02-01"),
            payeePersonId: Given.head)
        return (household, programme, command)
    }

    @Test func aNearEligibleHouseholdIsEnrolledTemporarilyUntilTheEndDateAndGrantedTheTopUp() {
        let (household, programme, command) = Self.temporary(score: "11.9")
        let events = decided { () throws(DomainRejection) in try Beneficiary().decide(command, household: household, programme: programme) }
        expectEvents(
            events,
            [
                TemporaryEnrolmentGranted(
                    programmeId: Given.programme, householdId: Given.household, topUpId: TopUpID("TU-2025FLOOD1"), score: Given.number("11.9"),
                    scoreScale: .lnMonthlyPerCapitaConsumption, relaxedThreshold: Given.number("12"), scheduleVersion: 1,
                    effectiveOn: Given.date("2025-02-01"),
                    endsOn: Given.date("2025-03-31"), payeePersonId: Given.head, headSex: .female, householdSize: 3, currency: .iqd,
                    monthlyAmountMinor: 275_000, components: [EntitlementComponent(component: .sizeTable, amountMinor: 275_000)]),
                TopUpGranted(
                    programmeId: Given.programme, topUpId: TopUpID("TU-2025FLOOD1"), householdId: Given.household, basis: .perMember, memberCount: 3,
                    currency: .iqd, amountPerCycleMinor: 90_000, cycles: [Given.cycle("2025-02"), Given.cycle("2025-03")],
                    grantedOn: Given.date("2025-02-01")),
            ])
        let state = Beneficiary(events: events)
        #expect(state.status(on: Given.date("2025-01-31")) == .notEnrolled)
        #expect(state.status(on: Given.date("2025-03-31")).isPayable)
        #expect(state.status(on: Given.date("2025-04-01")) == .exited)

        let early = EndTemporaryEnrolment(
            programmeId: Given.programme, householdId: Given.household, decidedBy: ActorID("system:scheduler"), decidedOn: Given.date("2025-03-31"))
        #expect(rejection { () throws(DomainRejection) in try state.decide(early) }?.code == .temporaryEnrolmentNotEnded)
        var onTime = early
        onTime.decidedOn = Given.date("2025-04-01")
        expectEvents(
            decided { () throws(DomainRejection) in try state.decide(onTime) },
            [
                BeneficiaryExited(
                    programmeId: Given.programme, householdId: Given.household, reason: .temporaryEnrolmentEnded,
                    effectiveOn: Given.date("2025-04-01"),
                    decidedBy: ActorID("system:scheduler"))
            ])
    }

    @Test(arguments: [("11.5", DomainRejection.Code.eligibleForRegularEnrolment), ("12", .notEligible), ("12.4", .notEligible)])
    func onlyScoresBetweenTheThresholdsQualifyForTemporaryEnrolment(_ score: String, _ code: DomainRejection.Code) {
        let (household, programme, command) = Self.temporary(score: score)
        let error = rejection { () throws(DomainRejection) in try Beneficiary().decide(command, household: household, programme: programme) }
        #expect(error?.code == code)
        #expect(error?.value.contains("score \(score)") == true)
    }

    @Test func aTemporarilyEnrolledHouseholdMayBeEnrolledRegularly() {
        let (household, programme, command) = Self.temporary(score: "11.9")
        let temporary = decided { () throws(DomainRejection) in try Beneficiary().decide(command, household: household, programme: programme) }
        let regular = Beneficiary(events: temporary + [Given.eligible(on: "2025-03-01")])
        let enrol = Enrol(
            programmeId: Given.programme, householdId: Given.household, effectiveOn: Given.date("2025-03-15"), payeePersonId: Given.head)
        let events = decided { () throws(DomainRejection) in try regular.decide(enrol, household: household, programme: programme) }
        let after = Beneficiary(events: temporary + [Given.eligible(on: "2025-03-01")] + events)
        #expect(after.status(on: Given.date("2025-06-01")) == .enrolled)
    }
}
