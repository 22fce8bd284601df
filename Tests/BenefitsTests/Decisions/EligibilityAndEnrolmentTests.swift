import Benefits
import EventStore
import Testing

/// Eligibility under the rule in force, enrolment, and the entitlement from the composition on the effective date.
@Suite struct EligibilityAndEnrolmentTests {
    static let determine = DetermineEligibility(programmeId: Given.programme, householdId: Given.household, effectiveOn: Given.date("2024-11-20"))

    @Test func aPoorWidowWithOrphansIsEligibleUnderLaw11() {
        let events = decided { () throws(DomainRejection) in
            try Beneficiary().decide(Self.determine, household: Given.householdState([Given.assessed()]), programme: Given.programmeState())
        }
        expectEvents(events, [Given.eligible()])
    }

    @Test func aScoreAtOrAboveTheThresholdIsIneligibleWithItsReason() {
        let events = decided { () throws(DomainRejection) in
            try Beneficiary().decide(
                Self.determine, household: Given.householdState([Given.assessed(score: "11.827736")]), programme: Given.programmeState())
        }
        let determined = events.first as? EligibilityDetermined
        #expect(determined?.outcome == .ineligible)
        #expect(determined?.ineligibilityReasons == [.scoreAboveThreshold])
        #expect(determined?.categoriesMet == [.widow, .orphan])
        expectSchemaValid(events)
    }

    @Test func aPoorHouseholdInNoCategoryIsIneligibleUnderPmtAndCategoryButEligibleUnderPmtOnly() {
        let household = Household(events: [
            Given.registered, Given.member(Given.head, .male, born: "1985-01-01", .head, .married, .employed), Given.assessed(),
        ])
        let strict = decided { () throws(DomainRejection) in
            try Beneficiary().decide(Self.determine, household: household, programme: Given.programmeState())
        }
        #expect((strict.first as? EligibilityDetermined)?.ineligibilityReasons == [.noQualifyingCategory])

        var pmtOnly = Given.rule
        pmtOnly.ruleVersion = 2
        pmtOnly.effectiveFrom = Given.date("2024-11-01")
        pmtOnly.combination = .pmtOnly
        pmtOnly.categories = []
        let lenient = decided { () throws(DomainRejection) in
            try Beneficiary().decide(Self.determine, household: household, programme: Given.programmeState([pmtOnly]))
        }
        let determined = lenient.first as? EligibilityDetermined
        #expect(determined?.outcome == .eligible)
        #expect(determined?.ruleVersion == 2)
        expectSchemaValid(strict + lenient as [any DomainEvent])
    }

    @Test func theRuleInForceOnTheEffectiveDateDecides() {
        // Rule v2 from 2025-01-01 lowers the threshold to 11.5: the same household is eligible on 2024-12-31, not on 2025-01-01.
        var v2 = Given.rule
        v2.ruleVersion = 2
        v2.effectiveFrom = Given.date("2025-01-01")
        v2.pmtThreshold = Given.number("11.5")
        let programme = Given.programmeState([v2])
        let household = Given.householdState([Given.assessed()])
        var before = Self.determine
        before.effectiveOn = Given.date("2024-12-31")
        var after = Self.determine
        after.effectiveOn = Given.date("2025-01-01")
        let b =
            decided { () throws(DomainRejection) in try Beneficiary().decide(before, household: household, programme: programme) }.first
            as? EligibilityDetermined
        let a =
            decided { () throws(DomainRejection) in try Beneficiary().decide(after, household: household, programme: programme) }.first
            as? EligibilityDetermined
        #expect(b?.ruleVersion == 1)
        #expect(b?.outcome == .eligible)
        #expect(a?.ruleVersion == 2)
        #expect(a?.outcome == .ineligible)
    }

    static let categoryCases: [(String, EligibilityRulePublished.Criterion, MemberAdded, Bool)] = [
        (
            "single woman of 35", .init(category: .singleWoman, minAge: 35),
            Given.member(Given.head, .female, born: "1989-11-20", .head, .neverMarried, .unemployed), true
        ),
        (
            "single woman of 34", .init(category: .singleWoman, minAge: 35),
            Given.member(Given.head, .female, born: "1989-11-21", .head, .neverMarried, .unemployed), false
        ),
        (
            "orphan of 17", .init(category: .orphan, maxAge: 18),
            Given.member(Given.head, .male, born: "2007-01-01", .head, .neverMarried, .student, orphanhood: .double), true
        ),
        (
            "orphan of 18", .init(category: .orphan, maxAge: 18),
            Given.member(Given.head, .male, born: "2006-11-20", .head, .neverMarried, .student, orphanhood: .double), false
        ),
        (
            "elderly of 60 unable to work", .init(category: .elderlyUnableToWork, minAge: 60),
            Given.member(Given.head, .male, born: "1964-11-20", .head, .married, .unableToWork), true
        ),
        (
            "elderly of 60 retired", .init(category: .elderlyUnableToWork, minAge: 60),
            Given.member(Given.head, .male, born: "1964-11-20", .head, .married, .retired), false
        ),
        (
            "married unemployed man", .init(category: .marriedUnemployed),
            Given.member(Given.head, .male, born: "1990-01-01", .head, .married, .unemployed), true
        ),
        ("divorced man", .init(category: .divorcedWoman), Given.member(Given.head, .male, born: "1990-01-01", .head, .divorced, .unemployed), false),
        (
            "prisoner's wife", .init(category: .prisonerWife),
            Given.member(Given.head, .female, born: "1990-01-01", .head, .spouseImprisoned, .homeMaker), true
        ),
        (
            "abandoned wife", .init(category: .abandonedWife), Given.member(Given.head, .female, born: "1990-01-01", .head, .abandoned, .homeMaker),
            true
        ),
        (
            "disabled person", .init(category: .disabledPerson),
            Given.member(Given.head, .male, born: "1990-01-01", .head, .married, .employed, disability: .moderate), true
        ),
    ]

    @Test(arguments: categoryCases)
    func law11CategoriesAreReadOnTheDate(_ name: String, _ criterion: EligibilityRulePublished.Criterion, _ member: MemberAdded, _ meets: Bool) {
        let composition = Household(events: [Given.registered, member]).composition(on: Given.date("2024-11-20"))
        var rule = Given.rule
        rule.categories = [criterion]
        #expect(EligibilityRule(rule).categoriesMet(by: composition) == (meets ? [criterion.category] : []), "\(name)")
    }

    @Test func anExcludedHouseholdIsIneligibleWhileTheExclusionIsInForce() {
        let beneficiary = Given.beneficiaryState(Given.enrolledHistory + [Given.excluded(effective: "2025-02-01")])
        var command = Self.determine
        command.effectiveOn = Given.date("2025-03-01")
        let determined =
            decided { () throws(DomainRejection) in
                try beneficiary.decide(command, household: Given.householdState([Given.assessed()]), programme: Given.programmeState())
            }.first as? EligibilityDetermined
        #expect(determined?.outcome == .ineligible)
        #expect(determined?.ineligibilityReasons == [.exclusionInForce])
    }

    @Test func enrolmentComputesTheEntitlementFromTheScheduleAndTheCompositionOnTheEffectiveDate() {
        let enrol = Enrol(
            programmeId: Given.programme, householdId: Given.household, effectiveOn: Given.date("2024-12-01"), payeePersonId: Given.head)
        let beneficiary = Given.beneficiaryState([Given.eligible()])
        expectEvents(
            decided { () throws(DomainRejection) in
                try beneficiary.decide(enrol, household: Given.householdState([Given.assessed()]), programme: Given.programmeState())
            },
            [Given.enrolled()])

        // A fourth member born on 2024-12-01 counts; one born the day after does not.
        for (born, size, amount) in [("2024-12-01", 4, Int64(325_000)), ("2024-12-02", 3, Int64(275_000))] {
            let baby = Given.member(PersonID("P-BG0000000104"), .male, born: born, .son, .neverMarried, .child, on: born)
            let event =
                decided { () throws(DomainRejection) in
                    try beneficiary.decide(enrol, household: Given.householdState([Given.assessed(), baby]), programme: Given.programmeState())
                }.first as? BeneficiaryEnrolled
            #expect(event?.householdSize == size, "born \(born)")
            #expect(event?.monthlyAmountMinor == amount, "born \(born)")
        }
    }

    @Test func aRecalculationRecordsOnlyAChangedEntitlementWithItsCause() {
        let beneficiary = Given.beneficiaryState()
        let baby = Given.member(PersonID("P-BG0000000104"), .male, born: "2025-02-03", .son, .neverMarried, .child, on: "2025-02-03")
        let recalc = RecalculateEntitlement(programmeId: Given.programme, householdId: Given.household, effectiveOn: Given.date("2025-02-03"))
        expectEvents(
            decided { () throws(DomainRejection) in
                try beneficiary.decide(recalc, household: Given.householdState([baby]), programme: Given.programmeState())
            },
            [
                EntitlementChanged(
                    programmeId: Given.programme, householdId: Given.household, scheduleVersion: 1, effectiveOn: Given.date("2025-02-03"),
                    cause: .compositionChanged, previousMonthlyAmountMinor: 275_000, headSex: .female, householdSize: 4, currency: .iqd,
                    monthlyAmountMinor: 325_000, components: [EntitlementComponent(component: .sizeTable, amountMinor: 325_000)])
            ])
        // Nothing changed: nothing to record.
        #expect(
            decided { () throws(DomainRejection) in
                try beneficiary.decide(recalc, household: Given.householdState(), programme: Given.programmeState())
            }.isEmpty)
        // A new schedule: cause scheduleChanged.
        var v2 = Given.schedule
        v2.scheduleVersion = 2
        v2.effectiveFrom = Given.date("2025-02-01")
        v2.sizeTableByHeadSex = .init(female: [150_000, 230_000, 300_000, 350_000], male: [150_000, 200_000, 250_000, 300_000])
        let changed =
            decided { () throws(DomainRejection) in
                try beneficiary.decide(recalc, household: Given.householdState(), programme: Given.programmeState([v2]))
            }.first as? EntitlementChanged
        #expect(changed?.cause == .scheduleChanged)
        #expect(changed?.monthlyAmountMinor == 300_000)
        let after = Given.beneficiaryState(Given.enrolledHistory + [changed!])
        #expect(after.entitlement(on: Given.date("2025-02-02"))?.monthlyAmountMinor == 275_000)
        #expect(after.entitlement(on: Given.date("2025-02-03"))?.monthlyAmountMinor == 300_000)
    }
}
