import Benefits
import EventStore
import Testing

/// Programme decisions and the versions in force on a date.
@Suite struct ProgrammeDecisionTests {
    @Test func publishingTheSPNRulesInOrderYieldsTheirEvents() {
        var programme = Programme()
        let commands: [any Command] = [
            DefineProgramme(
                programmeId: Given.programme, country: CountryCode("IQ"), currency: .iqd, timeZone: .baghdad, legalBasis: Given.law,
                startsOn: Given.date("2024-10-01"), objectionWindowMonths: 1),
            PublishTargetingFormula(
                programmeId: Given.programme, formulaVersion: 1, effectiveFrom: Given.date("2024-10-01"), intercept: Given.number("12.2"),
                weights: Given.formula.weights),
            PublishEligibilityRule(
                programmeId: Given.programme, ruleVersion: 1, effectiveFrom: Given.date("2024-10-01"), legalBasis: Given.law, formulaVersion: 1,
                pmtThreshold: Given.number("11.827736"), combination: .pmtAndCategory, categories: Given.lawCategories),
            PublishBenefitSchedule(
                programmeId: Given.programme, scheduleVersion: 1, effectiveFrom: Given.date("2024-10-01"), legalBasis: Given.law, currency: .iqd,
                sizeTableByHeadSex: Given.spnTable),
        ]
        var all: [any DomainEvent] = []
        for command in commands {
            let events = decided { () throws(DomainRejection) in
                try command.decide(in: DecisionContext(programmes: [Given.programme: programme]))
            }
            all += events
            programme = events.reduce(programme) { $0.evolve($1) }
        }
        expectEvents(all, Given.programmeEvents)
        #expect(programme == Given.programmeState())
    }

    @Test func theVersionInForceIsTheOneEffectiveLatestOnOrBeforeTheDate() {
        var rule2 = Given.rule
        rule2.ruleVersion = 2
        rule2.effectiveFrom = Given.date("2025-04-01")
        rule2.pmtThreshold = Given.number("11.9")
        var schedule2 = Given.schedule
        schedule2.scheduleVersion = 2
        schedule2.effectiveFrom = Given.date("2025-07-01")
        let programme = Given.programmeState([rule2, schedule2])
        #expect(programme.rule(inForceOn: Given.date("2024-09-30")) == nil)
        #expect(programme.rule(inForceOn: Given.date("2024-10-01"))?.version == 1)
        #expect(programme.rule(inForceOn: Given.date("2025-03-31"))?.version == 1)
        #expect(programme.rule(inForceOn: Given.date("2025-04-01"))?.version == 2)
        #expect(programme.schedule(inForceOn: Given.date("2025-06-30"))?.version == 1)
        #expect(programme.schedule(inForceOn: Given.date("2025-07-01"))?.version == 2)
        #expect(programme.formula(inForceOn: Given.date("2030-01-01"))?.version == 1)
    }

    @Test func aRuleTakesItsScaleFromItsFormula() {
        let command = PublishEligibilityRule(
            programmeId: Given.programme, ruleVersion: 2, effectiveFrom: Given.date("2025-01-01"), legalBasis: Given.law, formulaVersion: 1,
            pmtThreshold: Given.number("12"), combination: .pmtOnly, categories: [])
        let event = decided { () throws(DomainRejection) in try Given.programmeState().decide(command) }.first as? EligibilityRulePublished
        #expect(event?.scoreScale == .lnMonthlyPerCapitaConsumption)
        #expect(event?.ruleVersion == 2)
    }

    @Test func budgetsAddUpAndAReductionMayNotTakeThemBelowZero() {
        let allocate = AllocateBudget(
            programmeId: Given.programme, fiscalYear: 2025, kind: .initial, currency: .iqd, amountMinor: 5_500_000_000_000,
            decidedOn: Given.date("2025-01-05"), decisionRef: EvidenceReference("budget-law:2025"))
        let events = decided { () throws(DomainRejection) in try Given.programmeState().decide(allocate) }
        let programme = Given.programmeState(events)
        #expect(programme.budgets[.init(fiscalYear: 2025)] == 5_500_000_000_000)
        var reduce = allocate
        reduce.kind = .reduction
        reduce.amountMinor = 500_000_000_000
        let reduced = decided { () throws(DomainRejection) in try programme.decide(reduce) }
        #expect(Given.programmeState(events + reduced).budgets[.init(fiscalYear: 2025)] == 5_000_000_000_000)
        expectSchemaValid(events + reduced)
    }

    @Test func aTopUpWithTemporaryEnrolmentDeclaresARelaxedThresholdAboveTheRule() {
        let command = DeclareEmergencyTopUp(
            programmeId: Given.programme, topUpId: TopUpID("TU-2025FLOOD1"), shock: .flood, basis: .perMember, currency: .iqd, amountMinor: 30_000,
            cycles: [Given.cycle("2025-03"), Given.cycle("2025-02")], areas: [AreaCode("IQ-BG")], beneficiaries: .enrolledAndTemporary,
            temporaryEnrolment: .init(
                relaxedThreshold: Given.number("12"), scoreScale: .lnMonthlyPerCapitaConsumption, endsOn: Given.date("2025-03-31")),
            declaredOn: Given.date("2025-01-20"), legalBasis: Given.law)
        let expected = Given.topUp(
            temporary: .init(relaxedThreshold: Given.number("12"), scoreScale: .lnMonthlyPerCapitaConsumption, endsOn: Given.date("2025-03-31")))
        expectEvents(decided { () throws(DomainRejection) in try Given.programmeState().decide(command) }, [expected])
    }
}
