import Benefits
import DaftarJSON
import EventStore
import Testing

/// Registry decisions: given the household's events, this command yields these events.
@Suite struct HouseholdDecisionTests {
    @Test func registeringANewHouseholdOpensItsStream() throws {
        let command = RegisterHousehold(
            householdId: Given.household, governorate: GovernorateCode("IQ-BG"), district: DistrictCode("IQ-BG-07"), residence: .urban,
            registrationSource: .socialResearcherVisit, registeredOn: Given.date("2024-06-01"), registeredBy: Given.researcher)
        expectEvents(decided { () throws(DomainRejection) in try Household().decide(command) }, [Given.registered])
        #expect(Given.registered.streamID == BenefitsStream.household(Given.household))
    }

    @Test func addingAMemberRecordsTheRegistryFacts() {
        let command = AddMember(
            householdId: Given.household, personId: PersonID("P-BG0000000104"), sex: .female, birthDate: Given.date("2025-02-03"),
            relationship: .daughter, maritalStatus: .neverMarried, workStatus: .child, reason: .birth, effectiveOn: Given.date("2025-02-03"))
        let expected = MemberAdded(
            householdId: Given.household, personId: PersonID("P-BG0000000104"), sex: .female, birthDate: Given.date("2025-02-03"),
            relationship: .daughter, maritalStatus: .neverMarried, workStatus: .child, disability: .noDisability, orphanhood: .notOrphan,
            reason: .birth, effectiveOn: Given.date("2025-02-03"))
        expectEvents(decided { () throws(DomainRejection) in try Given.householdState().decide(command) }, [expected])
    }

    @Test func theCompositionIsReadAsOfADateWhateverTheOrderFactsWereRecordedIn() {
        let baby = Given.member(PersonID("P-BG0000000104"), .female, born: "2025-02-03", .daughter, .neverMarried, .child, on: "2025-02-03")
        let left = MemberRemoved(
            householdId: Given.household, personId: Given.olderChild, reason: .movedOut, effectiveOn: Given.date("2025-01-15"))
        let disabled = MemberCircumstancesChanged(
            householdId: Given.household, personId: Given.youngerChild, changes: .init(disability: .severe), effectiveOn: Given.date("2024-12-01"))
        // Recorded late, in an order unlike their dates.
        let household = Given.householdState([baby, left, disabled])
        #expect(household.composition(on: Given.date("2024-11-30")).size == 3)
        #expect(household.composition(on: Given.date("2024-11-30")).members.allSatisfy { $0.disability == .noDisability })
        #expect(household.composition(on: Given.date("2024-12-01")).members.first { $0.personId == Given.youngerChild }?.disability == .severe)
        #expect(household.composition(on: Given.date("2025-01-14")).contains(Given.olderChild))
        #expect(!household.composition(on: Given.date("2025-01-15")).contains(Given.olderChild))
        #expect(household.composition(on: Given.date("2025-02-02")).size == 2)
        #expect(household.composition(on: Given.date("2025-02-03")).size == 3)
        #expect(household.composition(on: Given.date("2025-02-03")).head?.personId == Given.head)
        #expect(household.composition(on: Given.date("2025-01-01")).members.first { $0.personId == Given.head }?.age == 44)
        #expect(household.composition(on: Given.date("2025-05-10")).members.first { $0.personId == Given.head }?.age == 45)
    }

    @Test func removingAMemberForDeathCitesEvidenceAndTheHeadLeavesLast() {
        let household = Given.householdState()
        let removal = RemoveMember(
            householdId: Given.household, personId: Given.olderChild, reason: .deceased, effectiveOn: Given.date("2025-01-10"),
            evidenceRef: EvidenceReference("civil-status:2025/000123"))
        expectEvents(
            decided { () throws(DomainRejection) in try household.decide(removal) },
            [
                MemberRemoved(
                    householdId: Given.household, personId: Given.olderChild, reason: .deceased, effectiveOn: Given.date("2025-01-10"),
                    evidenceRef: EvidenceReference("civil-status:2025/000123"))
            ])
    }

    @Test func changingTheHeadNamesThePreviousHeadAndChangesTheTableRow() {
        let uncle = Given.member(PersonID("P-BG0000000105"), .male, born: "1975-01-01", .otherRelative, .married, .unemployed, on: "2024-12-01")
        let household = Given.householdState([uncle])
        let command = ChangeHeadOfHousehold(
            householdId: Given.household, newHeadPersonId: PersonID("P-BG0000000105"), reason: .dataCorrection, effectiveOn: Given.date("2025-01-01"))
        let events = decided { () throws(DomainRejection) in try household.decide(command) }
        expectEvents(
            events,
            [
                HeadOfHouseholdChanged(
                    householdId: Given.household, previousHeadPersonId: Given.head, newHeadPersonId: PersonID("P-BG0000000105"),
                    reason: .dataCorrection, effectiveOn: Given.date("2025-01-01"))
            ])
        let after = events.reduce(household) { $0.evolve($1) }
        #expect(after.composition(on: Given.date("2024-12-31")).head?.sex == .female)
        #expect(after.composition(on: Given.date("2025-01-01")).head?.sex == .male)
    }

    @Test func relocatingRecordsTheAreaOnTheEffectiveDateAsOrigin() {
        let household = Given.householdState()
        let command = RelocateHousehold(
            householdId: Given.household, governorate: GovernorateCode("IQ-BA"), district: DistrictCode("IQ-BA-03"), residence: .camp,
            reason: .displacement, effectiveOn: Given.date("2025-01-05"))
        let events = decided { () throws(DomainRejection) in try household.decide(command) }
        expectEvents(
            events,
            [
                HouseholdRelocated(
                    householdId: Given.household, from: .init(governorate: GovernorateCode("IQ-BG"), district: DistrictCode("IQ-BG-07")),
                    to: .init(governorate: GovernorateCode("IQ-BA"), district: DistrictCode("IQ-BA-03"), residence: .camp), reason: .displacement,
                    effectiveOn: Given.date("2025-01-05"))
            ])
        let after = events.reduce(household) { $0.evolve($1) }
        #expect(after.area(on: Given.date("2025-01-04"))?.governorate == GovernorateCode("IQ-BG"))
        #expect(after.area(on: Given.date("2025-01-05"))?.district == DistrictCode("IQ-BA-03"))
    }

    @Test func anAssessmentUsesTheFormulaInForceOnItsDateAndComputesTheScoreExactly() {
        let command = AssessHousehold(
            householdId: Given.household, programmeId: Given.programme, assessedOn: Given.date("2024-11-05"), indicators: Given.indicators,
            assessedBy: Given.researcher)
        expectEvents(
            decided { () throws(DomainRejection) in try Given.householdState().decide(command, programme: Given.programmeState()) },
            [Given.assessed()])

        // Formula v2 from 2025-03-01: intercept 12.5. The same indicators score 11.885486 from that date, not before.
        var v2 = Given.formula
        v2.formulaVersion = 2
        v2.effectiveFrom = Given.date("2025-03-01")
        v2.intercept = Given.number("12.5")
        let programme = Given.programmeState([v2])
        var before = command
        before.assessedOn = Given.date("2025-02-28")
        var after = command
        after.assessedOn = Given.date("2025-03-01")
        let beforeEvent =
            decided { () throws(DomainRejection) in try Given.householdState().decide(before, programme: programme) }.first as? HouseholdAssessed
        let afterEvent =
            decided { () throws(DomainRejection) in try Given.householdState().decide(after, programme: programme) }.first as? HouseholdAssessed
        #expect(beforeEvent?.formulaVersion == 1)
        #expect(beforeEvent?.score == Given.number("11.585486"))
        #expect(afterEvent?.formulaVersion == 2)
        #expect(afterEvent?.score == Given.number("11.885486"))
    }

    @Test func theScoreIsRoundedHalfToEvenAtSixDigits() throws {
        // intercept 1 + 0.0000005 × 1 (education) = 1.0000005 → 1.000000 (half to even); 1.0000015 → 1.000002.
        var formula = Given.formula
        formula.intercept = Given.number("1")
        formula.weights = [.headEducationLevel: Given.number("0.0000005")]
        #expect(try TargetingFormula(formula).score(Given.indicators) == Given.number("1"))
        formula.intercept = Given.number("1.000001")
        #expect(try TargetingFormula(formula).score(Given.indicators) == Given.number("1.000002"))
    }

    @Test func aVersion1AssessmentFoldsAsVersion2() {
        let v1 = HouseholdAssessedV1(
            householdId: Given.household, programmeId: Given.programme, formulaVersion: 1, assessedOn: Given.date("2024-11-05"),
            indicators: .init(
                logHouseholdSize: Given.number("1.098612"), dependencyRatio: Given.number("0.666667"), headEducationLevel: .primary,
                memberEarnsSalaryOrPension: .no, crowdingOver3PerRoom: .yes, ownsCar: .no, ownsDwelling: .no, ruralResidence: .no),
            score: Given.number("11.585486"))
        let household = Given.householdState([v1])
        let assessment = household.latestAssessment(programmeId: Given.programme, formulaVersion: 1, on: Given.date("2025-01-01"))
        #expect(assessment?.indicators.crowdingOver3PerRoom == true)
        #expect(assessment?.assessedBy == ActorID("legacy:unrecorded"))
        #expect(assessment?.score == Given.number("11.585486"))
    }
}
