import Benefits
import DaftarJSON
import EventStore
import Testing

/// One rejection path: given these events, this command is refused with this code, on this field.
struct RejectionCase: Sendable, CustomTestStringConvertible {
    let name: String
    let code: DomainRejection.Code
    let field: String
    /// Text the rejection's value must contain.
    let value: String
    let decide: @Sendable () throws(DomainRejection) -> [any DomainEvent]

    init(
        _ name: String, _ code: DomainRejection.Code, field: String, value: String,
        _ decide: @escaping @Sendable () throws(DomainRejection) -> [any DomainEvent]
    ) {
        self.name = name
        self.code = code
        self.field = field
        self.value = value
        self.decide = decide
    }

    var testDescription: String { "\(code): \(name)" }
}

/// Every rejection path of the decisions, at least one per ``DomainRejection/Code``.
enum RejectionCases {
    typealias G = Given

    static let enrol = Enrol(programmeId: G.programme, householdId: G.household, effectiveOn: G.date("2024-12-01"), payeePersonId: G.head)
    static let determine = DetermineEligibility(programmeId: G.programme, householdId: G.household, effectiveOn: G.date("2024-11-20"))
    static let assess = AssessHousehold(
        householdId: G.household, programmeId: G.programme, assessedOn: G.date("2024-11-05"), indicators: G.indicators, assessedBy: G.researcher)
    static let register = RegisterHousehold(
        householdId: G.household, governorate: GovernorateCode("IQ-BG"), district: DistrictCode("IQ-BG-07"), residence: .urban,
        registrationSource: .socialResearcherVisit, registeredOn: G.date("2024-06-01"), registeredBy: G.researcher)
    static let grant = GrantTopUp(
        programmeId: G.programme, topUpId: TopUpID("TU-2025FLOOD1"), householdId: G.household, grantedOn: G.date("2025-01-25"))
    static let temporary = GrantTemporaryEnrolment(
        programmeId: G.programme, topUpId: TopUpID("TU-2025FLOOD1"), householdId: G.household, effectiveOn: G.date("2025-02-01"),
        payeePersonId: G.head)
    static let relaxed = EmergencyTopUpDeclared.TemporaryEnrolment(
        relaxedThreshold: G.number("12"), scoreScale: .lnMonthlyPerCapitaConsumption, endsOn: G.date("2025-03-31"))
    static let suspendedInJanuary: [any DomainEvent] =
        G.enrolledHistory + [
            BeneficiarySuspended(
                programmeId: G.programme, householdId: G.household, reason: .suspectedFraud, effectiveOn: G.date("2025-01-05"), decidedBy: G.manager)
        ]
    static let excludedInMarch: [any DomainEvent] = G.enrolledHistory + [G.excluded(effective: "2025-03-01")]
    static let appealed: [any DomainEvent] =
        excludedInMarch + [
            ExclusionAppealed(
                programmeId: G.programme, householdId: G.household, appealId: AppealID("APL-2025BG000001"), grounds: .dataError, channel: .online,
                filedOn: G.date("2025-03-25"))
        ]

    static func member(_ born: String, on day: String, relationship: Relationship = .son, person: String = "P-BG0000000104") -> AddMember {
        AddMember(
            householdId: G.household, personId: PersonID(person), sex: .male, birthDate: G.date(born), relationship: relationship,
            maritalStatus: .neverMarried, workStatus: .child, effectiveOn: G.date(day))
    }

    static func schedule(_ month: String) -> SchedulePayment {
        SchedulePayment(programmeId: G.programme, cycle: G.cycle(month), householdId: G.household)
    }

    static func issue(_ month: String, amount: Int64 = 275_000, currency: Currency = .iqd, on day: String? = nil) -> RecordPaymentIssued {
        RecordPaymentIssued(
            programmeId: G.programme, cycle: G.cycle(month), householdId: G.household, channel: .prepaidCard, providerId: ProviderID("qi-card"),
            providerRef: ProviderReference("QI-1"), currency: currency, amountMinor: amount, issuedOn: G.date(day ?? "\(month)-12"))
    }

    static func cycle(_ month: String) -> PaymentCycleState { PaymentCycleState(events: [G.opened(month)]) }

    static func formula(_ change: (inout PublishTargetingFormula) -> Void) -> PublishTargetingFormula {
        var c = PublishTargetingFormula(
            programmeId: G.programme, formulaVersion: 2, effectiveFrom: G.date("2025-01-01"), intercept: G.number("12"), weights: G.formula.weights)
        change(&c)
        return c
    }

    static func rule(_ change: (inout PublishEligibilityRule) -> Void) -> PublishEligibilityRule {
        var c = PublishEligibilityRule(
            programmeId: G.programme, ruleVersion: 2, effectiveFrom: G.date("2025-01-01"), legalBasis: G.law, formulaVersion: 1,
            pmtThreshold: G.number("11.9"), combination: .pmtAndCategory, categories: G.lawCategories)
        change(&c)
        return c
    }

    static func scheduleCommand(_ change: (inout PublishBenefitSchedule) -> Void) -> PublishBenefitSchedule {
        var c = PublishBenefitSchedule(
            programmeId: G.programme, scheduleVersion: 2, effectiveFrom: G.date("2025-01-01"), legalBasis: G.law, currency: .iqd,
            sizeTableByHeadSex: G.spnTable)
        change(&c)
        return c
    }

    static func declare(_ change: (inout DeclareEmergencyTopUp) -> Void) -> DeclareEmergencyTopUp {
        var c = DeclareEmergencyTopUp(
            programmeId: G.programme, topUpId: TopUpID("TU-2025FLOOD2"), shock: .flood, basis: .perMember, currency: .iqd, amountMinor: 30_000,
            cycles: [G.cycle("2025-02")], areas: [AreaCode("IQ-BG")], beneficiaries: .enrolledAndTemporary, temporaryEnrolment: relaxed,
            declaredOn: G.date("2025-01-20"), legalBasis: G.law)
        change(&c)
        return c
    }

    static let registry: [RejectionCase] = [
        RejectionCase("a member of an unregistered household", .unknownHousehold, field: "householdId", value: "HH-BG00000001") {
            () throws(DomainRejection) in
            try Household().decide(member("2012-01-01", on: "2025-01-01"))
        },
        RejectionCase("registering an id twice", .householdAlreadyRegistered, field: "householdId", value: "HH-BG00000001") {
            () throws(DomainRejection) in
            try G.householdState().decide(register)
        },
        RejectionCase("a member before registration", .effectiveDateBeforeRegistration, field: "effectiveOn", value: "2024-05-31") {
            () throws(DomainRejection) in
            try G.householdState().decide(member("2012-01-01", on: "2024-05-31"))
        },
        RejectionCase("eligibility before registration", .effectiveDateBeforeRegistration, field: "effectiveOn", value: "2024-05-01") {
            () throws(DomainRejection) in
            var c = determine
            c.effectiveOn = G.date("2024-05-01")
            return try Beneficiary().decide(c, household: G.householdState(), programme: G.programmeState())
        },
        RejectionCase("a district of another governorate", .districtOutsideGovernorate, field: "district", value: "IQ-BA-03") {
            () throws(DomainRejection) in
            var c = register
            c.district = DistrictCode("IQ-BA-03")
            return try Household().decide(c)
        },
        RejectionCase("adding a member twice", .memberAlreadyPresent, field: "personId", value: "P-BG0000000102") { () throws(DomainRejection) in
            try G.householdState().decide(member("2012-03-02", on: "2025-01-01", person: "P-BG0000000102"))
        },
        RejectionCase("removing a non-member", .unknownMember, field: "personId", value: "P-BG0000000199") { () throws(DomainRejection) in
            try G.householdState().decide(
                RemoveMember(householdId: G.household, personId: PersonID("P-BG0000000199"), reason: .movedOut, effectiveOn: G.date("2025-01-01")))
        },
        RejectionCase("a second head", .headAlreadyPresent, field: "relationship", value: "P-BG0000000101") { () throws(DomainRejection) in
            try G.householdState().decide(member("1970-01-01", on: "2025-01-01", relationship: .head))
        },
        RejectionCase("changing the head of a headless household", .noHeadOfHousehold, field: "householdId", value: "HH-BG00000001") {
            () throws(DomainRejection) in
            try Household(events: [G.registered, G.firstChild]).decide(
                ChangeHeadOfHousehold(
                    householdId: G.household, newHeadPersonId: G.olderChild, reason: .dataCorrection, effectiveOn: G.date("2025-01-01")))
        },
        RejectionCase("enrolling a headless household", .noHeadOfHousehold, field: "householdId", value: "no head") { () throws(DomainRejection) in
            try G.beneficiaryState([G.eligible()]).decide(
                Enrol(programmeId: G.programme, householdId: G.household, effectiveOn: G.date("2024-12-01"), payeePersonId: G.olderChild),
                household: Household(events: [G.registered, G.firstChild]), programme: G.programmeState())
        },
        RejectionCase("removing the head first", .headCannotBeRemoved, field: "personId", value: "P-BG0000000101") { () throws(DomainRejection) in
            try G.householdState().decide(
                RemoveMember(householdId: G.household, personId: G.head, reason: .movedOut, effectiveOn: G.date("2025-01-01")))
        },
        RejectionCase("a death without a certificate", .evidenceRequired, field: "evidenceRef", value: "absent") { () throws(DomainRejection) in
            try G.householdState().decide(
                RemoveMember(householdId: G.household, personId: G.olderChild, reason: .deceased, effectiveOn: G.date("2025-01-01")))
        },
        RejectionCase("a change that changes nothing", .noChange, field: "changes", value: "unchanged") { () throws(DomainRejection) in
            try G.householdState().decide(
                ChangeMemberCircumstances(
                    householdId: G.household, personId: G.head, changes: .init(maritalStatus: .widowed), effectiveOn: G.date("2025-01-01")))
        },
        RejectionCase("born after joining", .birthDateAfterEffectiveDate, field: "birthDate", value: "after 2025-01-01") {
            () throws(DomainRejection) in
            try G.householdState().decide(member("2025-01-07", on: "2025-01-01"))
        },
        RejectionCase("ln(size) of 4.5", .indicatorOutOfRange, field: "indicators.logHouseholdSize", value: "4.5") { () throws(DomainRejection) in
            var c = assess
            c.indicators.logHouseholdSize = G.number("4.5")
            return try G.householdState().decide(c, programme: G.programmeState())
        },
        RejectionCase("a dependency ratio with seven decimals", .indicatorOutOfRange, field: "indicators.dependencyRatio", value: "0.6666667") {
            () throws(DomainRejection) in
            var c = assess
            c.indicators.dependencyRatio = G.number("0.6666667")
            return try G.householdState().decide(c, programme: G.programmeState())
        },
        RejectionCase("a weighed indicator not collected", .indicatorMissing, field: "indicators.pipedWater", value: "absent") {
            () throws(DomainRejection) in
            var f = G.formula
            f.weights[.pipedWater] = G.number("0.1")
            return try G.householdState().decide(assess, programme: Programme(events: [G.defined, f]))
        },
        RejectionCase("a score above 20 on the ln scale", .scoreOutOfRange, field: "indicators", value: "score 30") { () throws(DomainRejection) in
            var f = G.formula
            f.intercept = G.number("30")
            f.weights = [.headEducationLevel: G.number("0")]
            return try G.householdState().decide(assess, programme: Programme(events: [G.defined, f]))
        },
        RejectionCase("an assessment before any formula", .noFormulaInForce, field: "assessedOn", value: "2024-09-15") { () throws(DomainRejection) in
            var c = assess
            c.assessedOn = G.date("2024-09-15")
            return try G.householdState().decide(c, programme: G.programmeState())
        },
    ]

    static let programme: [RejectionCase] = [
        RejectionCase("a cross-match rule criterion repeating another", .criterionInconsistent, field: "criteria[1]", value: "centralBankLoans") {
            () throws(DomainRejection) in
            var command = CrossMatchExclusionRuleTests.publish
            command.criteria = [command.criteria[0], command.criteria[0]]
            return try G.programmeState().decide(command)
        },
        RejectionCase("proposals from a run with no exclusion rule in force", .noExclusionRuleInForce, field: "proposedOn", value: "2025-03-01") {
            () throws(DomainRejection) in
            _ = try ProposeExclusions(
                programmeId: G.programme, crossMatchRunId: runId, proposedBy: ActorID("system:cross-match"), proposedOn: G.date("2025-03-01")
            ).decide(programme: G.programmeState(), run: recordedRun, beneficiaries: [:])
            return []
        },
        RejectionCase("a run's hit that meets no criterion", .exclusionRuleNotMet, field: "householdId", value: "HH-BG00000001") {
            () throws(DomainRejection) in
            // The run's hit carries no amount, so the rule's loan threshold cannot be met: the household is skipped, saying why.
            let decision = try ProposeExclusions(
                programmeId: G.programme, crossMatchRunId: runId, proposedBy: ActorID("system:cross-match"), proposedOn: G.date("2025-03-01")
            ).decide(programme: CrossMatchExclusionRuleTests.programme, run: recordedRun, beneficiaries: [G.household: G.beneficiaryState()])
            if let skip = decision.skipped.first { throw skip.rejection }
            return decision.decided
        },
        RejectionCase("a formula for an undefined programme", .unknownProgramme, field: "programmeId", value: "iq-spn") {
            () throws(DomainRejection) in
            try Programme().decide(formula { $0.formulaVersion = 1 })
        },
        RejectionCase("assessing under an undefined programme", .unknownProgramme, field: "programmeId", value: "iq-spn") {
            () throws(DomainRejection) in
            try G.householdState().decide(assess, programme: Programme())
        },
        RejectionCase("defining a programme twice", .programmeAlreadyDefined, field: "programmeId", value: "iq-spn") { () throws(DomainRejection) in
            try G.programmeState().decide(
                DefineProgramme(
                    programmeId: G.programme, country: CountryCode("IQ"), currency: .iqd, timeZone: .baghdad, legalBasis: G.law,
                    startsOn: G.date("2024-10-01"), objectionWindowMonths: 1))
        },
        RejectionCase("an objection window of 13 months", .parameterOutOfRange, field: "objectionWindowMonths", value: "13") {
            () throws(DomainRejection) in
            try Programme().decide(
                DefineProgramme(
                    programmeId: G.programme, country: CountryCode("IQ"), currency: .iqd, timeZone: .baghdad, legalBasis: G.law,
                    startsOn: G.date("2024-10-01"), objectionWindowMonths: 13))
        },
        RejectionCase("skipping a rule version", .versionNotNext, field: "ruleVersion", value: "3") { () throws(DomainRejection) in
            try G.programmeState().decide(rule { $0.ruleVersion = 3 })
        },
        RejectionCase(
            "a schedule effective before the one in force", .effectiveDateBeforePreviousVersion, field: "effectiveFrom", value: "2024-09-30"
        ) { () throws(DomainRejection) in
            try G.programmeState().decide(scheduleCommand { $0.effectiveFrom = G.date("2024-09-30") })
        },
        RejectionCase("a formula before the programme starts", .effectiveDateBeforeProgrammeStart, field: "effectiveFrom", value: "2024-09-01") {
            () throws(DomainRejection) in
            try Programme(events: [G.defined]).decide(
                formula {
                    $0.formulaVersion = 1
                    $0.effectiveFrom = G.date("2024-09-01")
                })
        },
        RejectionCase("an enrolment before the programme starts", .effectiveDateBeforeProgrammeStart, field: "effectiveOn", value: "2024-09-01") {
            () throws(DomainRejection) in
            var c = enrol
            c.effectiveOn = G.date("2024-09-01")
            return try G.beneficiaryState([G.eligible()]).decide(c, household: G.householdState([G.assessed()]), programme: G.programmeState())
        },
        RejectionCase("a rule reading an unpublished formula", .unknownFormulaVersion, field: "formulaVersion", value: "7") {
            () throws(DomainRejection) in
            try G.programmeState().decide(rule { $0.formulaVersion = 7 })
        },
        RejectionCase("a relaxed threshold on another scale", .scaleMismatch, field: "temporaryEnrolment.scoreScale", value: "welfareIndex0To100") {
            () throws(DomainRejection) in
            try G.programmeState().decide(declare { $0.temporaryEnrolment?.scoreScale = .welfareIndex0To100 })
        },
        RejectionCase("a weight of 11", .parameterOutOfRange, field: "weights.ownsCar", value: "11") { () throws(DomainRejection) in
            try G.programmeState().decide(formula { $0.weights[.ownsCar] = G.number("11") })
        },
        RejectionCase("a threshold above 20 on the ln scale", .parameterOutOfRange, field: "pmtThreshold", value: "21") {
            () throws(DomainRejection) in
            try G.programmeState().decide(rule { $0.pmtThreshold = G.number("21") })
        },
        RejectionCase("pmtOnly with categories", .categoriesInconsistent, field: "categories", value: "pmtOnly with 9 categories") {
            () throws(DomainRejection) in
            try G.programmeState().decide(rule { $0.combination = .pmtOnly })
        },
        RejectionCase("single women without an age", .criterionAgeMissing, field: "categories[0]", value: "singleWoman") {
            () throws(DomainRejection) in
            try G.programmeState().decide(rule { $0.categories = [.init(category: .singleWoman)] })
        },
        RejectionCase("a schedule with neither table nor base", .scheduleIncomplete, field: "sizeTableByHeadSex", value: "absent") {
            () throws(DomainRejection) in
            try G.programmeState().decide(
                scheduleCommand {
                    $0.sizeTableByHeadSex = nil
                    $0.memberComponents = .init(perMemberAmountMinor: 50_000)
                })
        },
        RejectionCase("a per-child amount without an age", .scheduleIncomplete, field: "memberComponents.childUnderAge", value: "absent") {
            () throws(DomainRejection) in
            try G.programmeState().decide(scheduleCommand { $0.memberComponents = .init(perChildAmountMinor: 10_000) })
        },
        RejectionCase("a schedule in dollars for a dinar programme", .currencyMismatch, field: "currency", value: "USD") {
            () throws(DomainRejection) in
            try G.programmeState().decide(scheduleCommand { $0.currency = .usd })
        },
        RejectionCase("a top-up in dollars", .currencyMismatch, field: "currency", value: "USD") { () throws(DomainRejection) in
            try G.programmeState().decide(declare { $0.currency = .usd })
        },
        RejectionCase("an issue in dollars of a dinar payment", .currencyMismatch, field: "currency", value: "USD") { () throws(DomainRejection) in
            try Payment(events: [G.scheduled("2025-01")]).decide(
                issue("2025-01", currency: .usd), cycle: cycle("2025-01"), beneficiary: G.beneficiaryState())
        },
        RejectionCase("a per-member schedule that overflows 64 bits", .amountOverflow, field: "components.perMember", value: "out of range") {
            () throws(DomainRejection) in
            var huge = G.schedule
            huge.scheduleVersion = 2
            huge.sizeTableByHeadSex = nil
            huge.baseAmountMinor = 0
            huge.memberComponents = .init(perMemberAmountMinor: Int64.max / 2)
            return try G.beneficiaryState([G.eligible()]).decide(
                enrol, household: G.householdState([G.assessed()]), programme: G.programmeState([huge]))
        },
        RejectionCase("a top-up above 10^15", .amountOverflow, field: "amountMinor", value: "2000000000000000 IQD") { () throws(DomainRejection) in
            try G.programmeState().decide(declare { $0.amountMinor = 2_000_000_000_000_000 })
        },
        RejectionCase(
            "a per-member top-up whose total leaves the bounds", .amountOverflow, field: "amountPerCycleMinor", value: "1200000000000000 IQD"
        ) { () throws(DomainRejection) in
            try G.beneficiaryState().decide(grant, household: G.householdState(), programme: G.programmeState([G.topUp(amount: 400_000_000_000_000)]))
        },
        RejectionCase("a reduction below zero", .budgetBelowZero, field: "amountMinor", value: "1000 IQD") { () throws(DomainRejection) in
            try G.programmeState().decide(
                AllocateBudget(
                    programmeId: G.programme, fiscalYear: 2025, kind: .reduction, currency: .iqd, amountMinor: 1_000, decidedOn: G.date("2025-01-05"),
                    decisionRef: EvidenceReference("budget-law:2025")))
        },
        RejectionCase("eligibility before any rule", .noRuleInForce, field: "effectiveOn", value: "2024-09-15") { () throws(DomainRejection) in
            var c = determine
            c.effectiveOn = G.date("2024-09-15")
            return try Beneficiary().decide(c, household: G.householdState([G.assessed()]), programme: G.programmeState())
        },
        RejectionCase("enrolment without a schedule", .noScheduleInForce, field: "effectiveOn", value: "2024-12-01") { () throws(DomainRejection) in
            try G.beneficiaryState([G.eligible()]).decide(
                enrol, household: G.householdState([G.assessed()]), programme: Programme(events: [G.defined, G.formula, G.rule]))
        },
    ]

    static let beneficiary: [RejectionCase] = [
        RejectionCase("eligibility without an assessment", .notAssessed, field: "householdId", value: "HH-BG00000001") { () throws(DomainRejection) in
            try Beneficiary().decide(determine, household: G.householdState(), programme: G.programmeState())
        },
        RejectionCase("enrolling an ineligible household", .notEligible, field: "householdId", value: "ineligible (scoreAboveThreshold)") {
            () throws(DomainRejection) in
            var d = G.eligible()
            d.outcome = .ineligible
            d.ineligibilityReasons = [.scoreAboveThreshold]
            return try Beneficiary(events: [d]).decide(enrol, household: G.householdState([G.assessed()]), programme: G.programmeState())
        },
        RejectionCase("enrolling under a rule no longer in force", .notEligible, field: "householdId", value: "eligible under rule v1") {
            () throws(DomainRejection) in
            var v2 = G.rule
            v2.ruleVersion = 2
            v2.effectiveFrom = G.date("2024-11-25")
            return try G.beneficiaryState([G.eligible()]).decide(
                enrol, household: G.householdState([G.assessed()]), programme: G.programmeState([v2]))
        },
        RejectionCase("enrolling twice", .alreadyEnrolled, field: "householdId", value: "HH-BG00000001 (enrolled)") { () throws(DomainRejection) in
            try G.beneficiaryState().decide(enrol, household: G.householdState([G.assessed()]), programme: G.programmeState())
        },
        RejectionCase("suspending a household never enrolled", .notEnrolled, field: "householdId", value: "(notEnrolled)") {
            () throws(DomainRejection) in
            try Beneficiary().decide(
                Suspend(
                    programmeId: G.programme, householdId: G.household, reason: .administrativeHold, effectiveOn: G.date("2025-01-01"),
                    decidedBy: G.manager))
        },
        RejectionCase("paying a household enrolled after the cycle's date", .notEnrolled, field: "householdId", value: "(notEnrolled)") {
            () throws(DomainRejection) in
            try Payment().decide(schedule("2024-11"), cycle: cycle("2024-11"), beneficiary: G.beneficiaryState())
        },
        RejectionCase("a payee from outside the household", .payeeNotMember, field: "payeePersonId", value: "P-BG0000000999") {
            () throws(DomainRejection) in
            var c = enrol
            c.payeePersonId = PersonID("P-BG0000000999")
            return try G.beneficiaryState([G.eligible()]).decide(c, household: G.householdState([G.assessed()]), programme: G.programmeState())
        },
        RejectionCase("an excluded household in a payment cycle", .householdExcluded, field: "householdId", value: "(excluded)") {
            () throws(DomainRejection) in
            try Payment().decide(schedule("2025-03"), cycle: cycle("2025-03"), beneficiary: G.beneficiaryState(excludedInMarch))
        },
        RejectionCase("a suspended household in a payment cycle", .householdSuspended, field: "householdId", value: "(suspended)") {
            () throws(DomainRejection) in
            try Payment().decide(schedule("2025-02"), cycle: cycle("2025-02"), beneficiary: G.beneficiaryState(suspendedInJanuary))
        },
        RejectionCase("lifting a suspension that is not there", .notSuspended, field: "householdId", value: "(enrolled)") {
            () throws(DomainRejection) in
            try G.beneficiaryState().decide(
                LiftSuspension(
                    programmeId: G.programme, householdId: G.household, reason: .reviewCleared, effectiveOn: G.date("2025-02-01"),
                    decidedBy: G.manager))
        },
        RejectionCase("appealing without an exclusion", .notExcluded, field: "householdId", value: "(enrolled)") { () throws(DomainRejection) in
            try G.beneficiaryState().decide(
                AppealExclusion(
                    programmeId: G.programme, householdId: G.household, appealId: AppealID("APL-2025BG000002"), grounds: .dataError, channel: .online,
                    filedOn: G.date("2025-03-25")),
                programme: G.programmeState())
        },
        RejectionCase("a suspension dated before the enrolment", .effectiveDateTooEarly, field: "effectiveOn", value: "2024-11-30") {
            () throws(DomainRejection) in
            try G.beneficiaryState().decide(
                Suspend(
                    programmeId: G.programme, householdId: G.household, reason: .administrativeHold, effectiveOn: G.date("2024-11-30"),
                    decidedBy: G.manager))
        },
        RejectionCase("a reinstatement dated before the exclusion", .effectiveDateTooEarly, field: "effectiveOn", value: "2025-02-28") {
            () throws(DomainRejection) in
            try G.beneficiaryState(excludedInMarch).decide(
                ReverseExclusion(
                    programmeId: G.programme, householdId: G.household, reason: .administrativeError, effectiveOn: G.date("2025-02-28"),
                    decidedBy: G.manager, decidedOn: G.date("2025-04-01")),
                payments: [])
        },
        RejectionCase("an appeal a day after the one-month window", .appealOutOfTime, field: "filedOn", value: "2025-04-21") {
            () throws(DomainRejection) in
            try G.beneficiaryState(excludedInMarch).decide(
                AppealExclusion(
                    programmeId: G.programme, householdId: G.household, appealId: AppealID("APL-2025BG000002"), grounds: .dataError, channel: .online,
                    filedOn: G.date("2025-04-21")),
                programme: G.programmeState())
        },
        RejectionCase("a second appeal while one is open", .appealAlreadyOpen, field: "appealId", value: "APL-2025BG000002") {
            () throws(DomainRejection) in
            try G.beneficiaryState(appealed).decide(
                AppealExclusion(
                    programmeId: G.programme, householdId: G.household, appealId: AppealID("APL-2025BG000002"), grounds: .dataError, channel: .online,
                    filedOn: G.date("2025-03-26")),
                programme: G.programmeState())
        },
        RejectionCase("deciding an appeal that was not filed", .unknownAppeal, field: "appealId", value: "APL-2025BG000009") {
            () throws(DomainRejection) in
            try G.beneficiaryState(appealed).decide(
                RejectAppeal(
                    programmeId: G.programme, householdId: G.household, appealId: AppealID("APL-2025BG000009"), reason: .groundsNotSubstantiated,
                    decidedBy: G.manager, decidedOn: G.date("2025-04-01")))
        },
        RejectionCase("upholding an appeal without naming it", .unknownAppeal, field: "appealId", value: "absent") { () throws(DomainRejection) in
            try G.beneficiaryState(appealed).decide(
                ReverseExclusion(
                    programmeId: G.programme, householdId: G.household, reason: .appealUpheld, effectiveOn: G.date("2025-03-01"),
                    decidedBy: G.manager, decidedOn: G.date("2025-04-01")),
                payments: [])
        },
        RejectionCase("declaring a top-up id twice", .duplicateIdentifier, field: "topUpId", value: "TU-2025FLOOD1") { () throws(DomainRejection) in
            try G.programmeState([G.topUp()]).decide(declare { $0.topUpId = TopUpID("TU-2025FLOOD1") })
        },
        RejectionCase(
            "recording a cross-match run twice", .duplicateIdentifier, field: "crossMatchRunId", value: "3f2b8c1e-7d4a-4e9b-a6c2-5b1d0e8f9a73"
        ) { () throws(DomainRejection) in
            let run = runCommand(hits: 1)
            let recorded = try CrossMatchRun().decide(run)
            return try CrossMatchRun(events: recorded).decide(run)
        },
        RejectionCase("dismissing a proposal never made", .unknownProposal, field: "proposalId", value: "XP-2025BG000009") {
            () throws(DomainRejection) in
            try G.beneficiaryState().decide(
                DismissExclusionProposal(
                    proposalId: ProposalID("XP-2025BG000009"), programmeId: G.programme, householdId: G.household, reason: .falsePositiveMatch,
                    decidedBy: G.manager, decidedOn: G.date("2025-03-01")))
        },
        RejectionCase("a proposal citing another household's hit", .unknownCrossMatchHit, field: "hitIds[0]", value: "HIT-2025CBI0000001") {
            () throws(DomainRejection) in
            let run = CrossMatchRun(events: try CrossMatchRun().decide(runCommand(hits: 1, household: HouseholdID("HH-BG00000002"))))
            return try G.beneficiaryState().decide(
                ProposeExclusion(
                    proposalId: ProposalID("XP-2025BG000001"), programmeId: G.programme, householdId: G.household, reason: .crossMatchBankLoan,
                    proposedBy: G.manager,
                    proposedOn: G.date("2025-03-01"), effectiveOn: G.date("2025-02-01"), evidenceRef: G.evidence, crossMatchRunId: runId,
                    hitIds: [CrossMatchHitID("HIT-2025CBI0000001")]),
                run: run)
        },
        RejectionCase("a proposal citing a run never recorded", .unknownCrossMatchRun, field: "crossMatchRunId", value: runId.rawValue) {
            () throws(DomainRejection) in
            try G.beneficiaryState().decide(propose(), run: CrossMatchRun())
        },
        RejectionCase("a second proposal from one run", .duplicateIdentifier, field: "crossMatchRunId", value: runId.rawValue) {
            () throws(DomainRejection) in
            let dismissed = ExclusionProposalDismissed(
                proposalId: ProposalID("XP-2025BG000001"), programmeId: G.programme, householdId: G.household, reason: .falsePositiveMatch,
                decidedBy: G.manager, decidedOn: G.date("2025-03-02"))
            return try G.beneficiaryState(proposed + [dismissed]).decide(propose("XP-2025BG000002"), run: recordedRun)
        },
        RejectionCase("a second open proposal for one reason", .proposalAlreadyOpen, field: "reason", value: "crossMatchBankLoan") {
            () throws(DomainRejection) in
            var again = propose("XP-2025BG000002")
            again.crossMatchRunId = nil
            again.hitIds = nil
            return try G.beneficiaryState(proposed).decide(again, run: CrossMatchRun())
        },
        RejectionCase("the run's starter excluding on its proposal", .makerCheckerViolation, field: "decidedBy", value: "user:analyst.bg.01") {
            () throws(DomainRejection) in
            try G.beneficiaryState(proposed(startedBy: "user:analyst.bg.01")).decide(
                Exclude(
                    programmeId: G.programme, householdId: G.household, reason: .crossMatchBankLoan, evidenceRef: G.evidence,
                    decidedBy: ActorID("user:analyst.bg.01"), decidedOn: G.date("2025-03-05"), effectiveOn: G.date("2025-02-01"),
                    proposalId: ProposalID("XP-2025BG000001"), crossMatchRunId: runId),
                programme: G.programmeState(), payments: [])
        },
        RejectionCase("the proposer dismissing its own proposal", .makerCheckerViolation, field: "decidedBy", value: "system:cross-match") {
            () throws(DomainRejection) in
            try G.beneficiaryState(proposed).decide(
                DismissExclusionProposal(
                    proposalId: ProposalID("XP-2025BG000001"), programmeId: G.programme, householdId: G.household, reason: .falsePositiveMatch,
                    decidedBy: ActorID("system:cross-match"), decidedOn: G.date("2025-03-05")))
        },
        RejectionCase("a death exclusion naming nobody", .memberRequired, field: "personId", value: "absent") { () throws(DomainRejection) in
            try G.beneficiaryState().decide(
                Exclude(
                    programmeId: G.programme, householdId: G.household, reason: .deceased, evidenceRef: G.evidence, decidedBy: G.manager,
                    decidedOn: G.date("2025-03-01"), effectiveOn: G.date("2025-02-01")),
                programme: G.programmeState(), payments: [])
        },
        RejectionCase("excluding an excluded household", .householdExcluded, field: "householdId", value: "(excluded)") {
            () throws(DomainRejection) in
            try G.beneficiaryState(excludedInMarch).decide(
                Exclude(
                    programmeId: G.programme, householdId: G.household, reason: .fraud, evidenceRef: G.evidence, decidedBy: G.manager,
                    decidedOn: G.date("2025-03-21"), effectiveOn: G.date("2025-03-01")),
                programme: G.programmeState(), payments: [])
        },
        RejectionCase("recovering what is not owed", .noOutstandingOverpayment, field: "amountMinor", value: "1000") { () throws(DomainRejection) in
            try G.beneficiaryState().decide(
                RecordOverpaymentRecovery(
                    programmeId: G.programme, householdId: G.household, cycle: G.cycle("2025-02"), method: .waived, currency: .iqd,
                    amountMinor: 1_000,
                    recoveredOn: G.date("2025-04-01"), decidedBy: G.manager))
        },
    ]

    static let runId = CrossMatchRunID("3f2b8c1e-7d4a-4e9b-a6c2-5b1d0e8f9a73")

    /// The run of ``runCommand(hits:counted:household:startedBy:)`` with one hit on the household, recorded.
    static var recordedRun: CrossMatchRun { run(startedBy: "system:cross-match") }

    static func run(startedBy: String) -> CrossMatchRun {
        CrossMatchRun(events: try! CrossMatchRun().decide(runCommand(hits: 1, startedBy: ActorID(startedBy))))
    }

    /// A proposal from the run's one hit on the household, by the system.
    static func propose(_ id: String = "XP-2025BG000001") -> ProposeExclusion {
        ProposeExclusion(
            proposalId: ProposalID(id), programmeId: G.programme, householdId: G.household, reason: .crossMatchBankLoan,
            proposedBy: ActorID("system:cross-match"), proposedOn: G.date("2025-03-01"), effectiveOn: G.date("2025-02-01"), evidenceRef: G.evidence,
            crossMatchRunId: runId, hitIds: [CrossMatchHitID("HIT-2025CBI0000001")])
    }

    /// The enrolled household with the proposal open.
    static var proposed: [any DomainEvent] { proposed(startedBy: "system:cross-match") }

    static func proposed(startedBy: String) -> [any DomainEvent] {
        G.enrolledHistory + (try! G.beneficiaryState().decide(propose(), run: run(startedBy: startedBy)))
    }

    static func runCommand(
        hits: Int, counted: Int? = nil, household: HouseholdID = G.household, startedBy: ActorID = ActorID("system:cross-match")
    ) -> RecordCrossMatchRun {
        RecordCrossMatchRun(
            crossMatchRunId: runId, programmeId: G.programme, sourceRegistry: .centralBankLoans, sourceSnapshotOn: G.date("2025-02-28"),
            matchMethod: .hmacNationalId, keyVersion: 3,
            counts: .init(
                recordsSubmitted: 1000, recordsInSource: 5000, hits: counted ?? hits, personsWithHits: hits, householdsWithHits: min(hits, 1)),
            startedAt: UTCTimestamp(text: "2025-03-01T02:00:00Z")!, completedAt: UTCTimestamp(text: "2025-03-01T02:40:00Z")!,
            startedBy: startedBy,
            hits: (0..<hits).map { i in
                .init(
                    hitId: CrossMatchHitID("HIT-2025CBI000000\(i + 1)"), householdId: household, personId: PersonID("P-BG000000010\(i + 1)"),
                    indicator: .loanAboveThreshold, evidenceRef: G.evidence)
            })
    }

    static let shockResponse: [RejectionCase] = [
        RejectionCase("granting an undeclared top-up", .unknownTopUp, field: "topUpId", value: "TU-2025FLOOD1") { () throws(DomainRejection) in
            try G.beneficiaryState().decide(grant, household: G.householdState(), programme: G.programmeState())
        },
        RejectionCase("granting a top-up twice", .topUpAlreadyGranted, field: "topUpId", value: "TU-2025FLOOD1") { () throws(DomainRejection) in
            let programme = G.programmeState([G.topUp()])
            let first = try G.beneficiaryState().decide(grant, household: G.householdState(), programme: programme)
            return try G.beneficiaryState(G.enrolledHistory + first).decide(grant, household: G.householdState(), programme: programme)
        },
        RejectionCase("granting a top-up after its last cycle", .topUpEnded, field: "grantedOn", value: "2025-04-02") { () throws(DomainRejection) in
            var c = grant
            c.grantedOn = G.date("2025-04-02")
            return try G.beneficiaryState().decide(c, household: G.householdState(), programme: G.programmeState([G.topUp()]))
        },
        RejectionCase("a household outside the declared governorates", .outsideDeclaredAreas, field: "householdId", value: "IQ-BG-07") {
            () throws(DomainRejection) in
            try G.beneficiaryState().decide(grant, household: G.householdState(), programme: G.programmeState([G.topUp(areas: ["IQ-BA", "IQ-MU"])]))
        },
        RejectionCase("a top-up to a household not enrolled", .notEnrolled, field: "householdId", value: "(notEnrolled)") {
            () throws(DomainRejection) in
            try Beneficiary().decide(grant, household: G.householdState(), programme: G.programmeState([G.topUp()]))
        },
        RejectionCase("temporary enrolment a top-up does not offer", .temporaryEnrolmentNotOffered, field: "effectiveOn", value: "2025-02-01") {
            () throws(DomainRejection) in
            try Beneficiary().decide(temporary, household: G.householdState([G.assessed(score: "11.9")]), programme: G.programmeState([G.topUp()]))
        },
        RejectionCase("a relaxed threshold below the rule's", .relaxedThresholdInvalid, field: "temporaryEnrolment.relaxedThreshold", value: "11.5") {
            () throws(DomainRejection) in
            try G.programmeState().decide(declare { $0.temporaryEnrolment?.relaxedThreshold = G.number("11.5") })
        },
        RejectionCase("temporary enrolment of an eligible household", .eligibleForRegularEnrolment, field: "householdId", value: "score 11.585486") {
            () throws(DomainRejection) in
            try Beneficiary().decide(
                temporary, household: G.householdState([G.assessed()]), programme: G.programmeState([G.topUp(temporary: relaxed)]))
        },
        RejectionCase("temporary enrolment of an enrolled household", .alreadyEnrolled, field: "householdId", value: "(enrolled)") {
            () throws(DomainRejection) in
            try G.beneficiaryState().decide(
                temporary, household: G.householdState([G.assessed(score: "11.9")]), programme: G.programmeState([G.topUp(temporary: relaxed)]))
        },
        RejectionCase("ending a regular enrolment as temporary", .temporaryEnrolmentNotEnded, field: "householdId", value: "(enrolled)") {
            () throws(DomainRejection) in
            try G.beneficiaryState().decide(
                EndTemporaryEnrolment(programmeId: G.programme, householdId: G.household, decidedBy: G.manager, decidedOn: G.date("2025-06-01")))
        },
    ]

    static let payments: [RejectionCase] = [
        RejectionCase("opening a cycle twice", .duplicateCycle, field: "cycle", value: "2025-01") { () throws(DomainRejection) in
            try cycle("2025-01").decide(
                OpenPaymentCycle(
                    programmeId: G.programme, cycle: G.cycle("2025-01"), enrolmentDate: G.date("2025-01-01"), windowOpensOn: G.date("2025-01-10"),
                    windowClosesOn: G.date("2025-01-25")),
                programme: G.programmeState())
        },
        RejectionCase("scheduling in a cycle never opened", .unknownCycle, field: "cycle", value: "2025-01") { () throws(DomainRejection) in
            try Payment().decide(schedule("2025-01"), cycle: PaymentCycleState(), beneficiary: G.beneficiaryState())
        },
        RejectionCase("scheduling in a closed cycle", .cycleClosed, field: "cycle", value: "2025-01") { () throws(DomainRejection) in
            let closed = PaymentCycleClosed(
                programmeId: G.programme, cycle: G.cycle("2025-01"), closedOn: G.date("2025-02-05"), currency: .iqd,
                counts: .init(scheduled: 0, issued: 0, confirmed: 0, failed: 0, reversed: 0, inFlight: 0),
                totals: .init(
                    scheduledAmountMinor: 0, issuedAmountMinor: 0, confirmedAmountMinor: 0, failedAmountMinor: 0, reversedAmountMinor: 0,
                    inFlightAmountMinor: 0))
            return try Payment().decide(
                schedule("2025-01"), cycle: PaymentCycleState(events: [G.opened("2025-01"), closed]), beneficiary: G.beneficiaryState())
        },
        RejectionCase("an enrolment date in another month", .invalidCycleDates, field: "enrolmentDate", value: "2025-02-01") {
            () throws(DomainRejection) in
            try PaymentCycleState().decide(
                OpenPaymentCycle(
                    programmeId: G.programme, cycle: G.cycle("2025-01"), enrolmentDate: G.date("2025-02-01"), windowOpensOn: G.date("2025-02-10"),
                    windowClosesOn: G.date("2025-02-25")),
                programme: G.programmeState())
        },
        RejectionCase("a second payment for a household and cycle", .duplicatePayment, field: "householdId", value: "HH-BG00000001 in 2025-01") {
            () throws(DomainRejection) in
            try Payment(events: [G.scheduled("2025-01")]).decide(schedule("2025-01"), cycle: cycle("2025-01"), beneficiary: G.beneficiaryState())
        },
        RejectionCase("confirming a payment never scheduled", .paymentNotScheduled, field: "householdId", value: "HH-BG00000001 in 2025-01") {
            () throws(DomainRejection) in
            try Payment().decide(
                RecordPaymentConfirmed(
                    programmeId: G.programme, cycle: G.cycle("2025-01"), householdId: G.household, providerRef: ProviderReference("QI-1"),
                    currency: .iqd, amountMinor: 275_000, confirmedAt: UTCTimestamp(text: "2025-01-14T09:00:00Z")!))
        },
        RejectionCase("issuing a payment twice", .paymentStateConflict, field: "paymentId", value: "PAY-202501BG00000001 (issued)") {
            () throws(DomainRejection) in
            try Payment(events: [G.scheduled("2025-01"), G.issued("2025-01")]).decide(
                issue("2025-01"), cycle: cycle("2025-01"), beneficiary: G.beneficiaryState())
        },
        RejectionCase("confirming a failed payment", .paymentStateConflict, field: "paymentId", value: "(failed)") { () throws(DomainRejection) in
            try Payment(events: [G.scheduled("2025-01"), G.issued("2025-01"), G.failed("2025-01", retryable: true)]).decide(
                RecordPaymentConfirmed(
                    programmeId: G.programme, cycle: G.cycle("2025-01"), householdId: G.household, providerRef: ProviderReference("QI-1"),
                    currency: .iqd, amountMinor: 275_000, confirmedAt: UTCTimestamp(text: "2025-01-14T09:00:00Z")!))
        },
        RejectionCase("issuing another amount than scheduled", .amountMismatch, field: "amountMinor", value: "300000") { () throws(DomainRejection) in
            try Payment(events: [G.scheduled("2025-01")]).decide(
                issue("2025-01", amount: 300_000), cycle: cycle("2025-01"), beneficiary: G.beneficiaryState())
        },
        RejectionCase("issuing after the window", .outsidePaymentWindow, field: "issuedOn", value: "2025-01-30") { () throws(DomainRejection) in
            try Payment(events: [G.scheduled("2025-01")]).decide(
                issue("2025-01", on: "2025-01-30"), cycle: cycle("2025-01"), beneficiary: G.beneficiaryState())
        },
        RejectionCase("a zero entitlement", .nothingToPay, field: "householdId", value: "0 IQD") { () throws(DomainRejection) in
            var nothing = G.enrolled()
            nothing.monthlyAmountMinor = 0
            nothing.components = [EntitlementComponent(component: .base, amountMinor: 0)]
            return try Payment().decide(schedule("2025-01"), cycle: cycle("2025-01"), beneficiary: Beneficiary(events: [G.eligible(), nothing]))
        },
        RejectionCase("counts that do not match the hits", .hitCountMismatch, field: "counts", value: "2 hits") { () throws(DomainRejection) in
            try CrossMatchRun().decide(runCommand(hits: 1, counted: 2))
        },
    ]

    static func publish(_ change: (inout PublishCostProjection) -> Void = { _ in }) -> PublishCostProjection {
        var c = CostProjectionFixtures.command()
        change(&c)
        return c
    }

    static let planning: [RejectionCase] = [
        RejectionCase("a projection of an undefined programme", .unknownProgramme, field: "programmeId", value: "iq-spn") {
            () throws(DomainRejection) in
            try Programme().decide(publish())
        },
        RejectionCase("a projection in dollars of a dinar programme", .currencyMismatch, field: "currency", value: "USD") {
            () throws(DomainRejection) in
            try G.programmeState().decide(publish { $0.currency = .usd })
        },
        RejectionCase("publishing a projection id twice", .duplicateIdentifier, field: "projectionId", value: "CP-2025BASE0001") {
            () throws(DomainRejection) in
            let first = try G.programmeState().decide(publish())
            return try G.programmeState(first).decide(publish())
        },
        RejectionCase("a scenario digest that is not the scenario's", .digestMismatch, field: "scenarioDigest", value: "0000") {
            () throws(DomainRejection) in
            try G.programmeState().decide(publish { $0.scenarioDigest = HexDigest(String(repeating: "0", count: 64)) })
        },
    ]

    static let all: [RejectionCase] = registry + programme + beneficiary + shockResponse + payments + planning
}

/// Every rejection path refuses with its code, names the field and the value, and shows no personal data.
@Suite struct RejectionTests {
    /// Birth dates of the fixtures' members: personal data that no rejection may show.
    static let personalData = ["1980-05-10", "2012-03-02", "2015-09-21", "2025-01-07", "1970-01-01"]

    @Test(arguments: RejectionCases.all)
    func theDecisionRefusesNamingRuleFieldAndValue(_ c: RejectionCase) {
        let error = rejection(c.decide)
        #expect(error?.code == c.code)
        #expect(error?.field == c.field)
        #expect(error?.value.contains(c.value) == true, "value \(error?.value ?? "-")")
        #expect(error?.rule.isEmpty == false)
        #expect(error?.message.contains(c.field) == true)
        for text in Self.personalData {
            #expect(error?.description.contains(text) == false, "\(text) shown")
        }
    }

    @Test func everyRejectionCodeHasADecisionTest() {
        let covered = Set(RejectionCases.all.map(\.code))
        let missing = DomainRejection.Code.all.filter { !covered.contains($0) }
        #expect(missing.isEmpty, "untested codes: \(missing)")
        #expect(Set(DomainRejection.Code.all).count == DomainRejection.Code.all.count)
        #expect(Set(DomainRejection.Code.all.map(\.rawValue)).count == DomainRejection.Code.all.count)
    }

    @Test func aRejectionIsAValueWithAStableCode() {
        let r = DomainRejection(
            .notEligible, rule: "eligibility rule v2 (pmtAndCategory): score < 11.827736", field: "householdId", value: "HH-BG00000001")
        #expect(r.code.rawValue == "not_eligible")
        #expect(r.description == "not_eligible: householdId HH-BG00000001 refused: eligibility rule v2 (pmtAndCategory): score < 11.827736")
    }
}
