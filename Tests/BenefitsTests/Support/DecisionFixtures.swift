import Benefits
import DaftarJSON
import EventStore
import Testing

/// A small programme and household for decision tests: Iraq's SPN rules (calibration.md §6–§7) and a
/// female-headed household of three (a widow and two children) that the rule finds eligible.
enum Given {
    static func date(_ text: String) -> BusinessDate { try! BusinessDate(parsing: text) }
    static func number(_ literal: String) -> DecimalNumber { DecimalNumber(JSONNumber(literal: literal)!) }
    static func cycle(_ text: String) -> PaymentCycle { try! PaymentCycle(json: .string(text), at: "") }

    static let programme = ProgrammeID("iq-spn")
    static let household = HouseholdID("HH-BG00000001")
    static let head = PersonID("P-BG0000000101")
    static let olderChild = PersonID("P-BG0000000102")
    static let youngerChild = PersonID("P-BG0000000103")
    static let researcher = ActorID("user:researcher.bg.0412")
    static let manager = ActorID("user:manager.bg.07")
    static let law = LegalBasis("IQ-LAW-11-2014")
    static let evidence = EvidenceReference("cbi-loans:2025-02/000456")
    static let key = BeneficiaryKey(programme, household)

    // MARK: programme

    static let defined = ProgrammeDefined(
        programmeId: programme, country: CountryCode("IQ"), programmeKind: .unconditionalCashTransfer, currency: .iqd, paymentFrequency: .monthly,
        timeZone: .baghdad, legalBasis: law, startsOn: date("2024-10-01"), objectionWindowMonths: 1)

    /// calibration.md §7 weights with an illustrative intercept.
    static let formula = TargetingFormulaPublished(
        programmeId: programme, formulaVersion: 1, effectiveFrom: date("2024-10-01"), scoreScale: .lnMonthlyPerCapitaConsumption,
        intercept: number("12.2"),
        weights: [
            .logHouseholdSize: number("-0.35"), .dependencyRatio: number("-0.30"), .headEducationLevel: number("0.12"),
            .memberEarnsSalaryOrPension: number("0.30"), .crowdingOver3PerRoom: number("-0.15"), .ownsCar: number("0.35"),
            .ownsDwelling: number("0.08"), .ruralResidence: number("-0.10"),
        ])

    /// Law 11/2014's categories, all below ln(137,000).
    static let lawCategories: [EligibilityRulePublished.Criterion] = [
        .init(category: .marriedUnemployed), .init(category: .widow), .init(category: .divorcedWoman), .init(category: .prisonerWife),
        .init(category: .singleWoman, minAge: 35), .init(category: .orphan, maxAge: 18), .init(category: .abandonedWife),
        .init(category: .disabledPerson), .init(category: .elderlyUnableToWork, minAge: 60),
    ]

    static let rule = EligibilityRulePublished(
        programmeId: programme, ruleVersion: 1, effectiveFrom: date("2024-10-01"), legalBasis: law, formulaVersion: 1,
        scoreScale: .lnMonthlyPerCapitaConsumption, pmtThreshold: number("11.827736"), combination: .pmtAndCategory, categories: lawCategories)

    /// The SPN table of calibration.md §6.
    static let spnTable = BenefitSchedulePublished.SizeTable(
        female: [125_000, 200_000, 275_000, 325_000], male: [125_000, 175_000, 225_000, 275_000])

    static let schedule = BenefitSchedulePublished(
        programmeId: programme, scheduleVersion: 1, effectiveFrom: date("2024-10-01"), legalBasis: law, currency: .iqd,
        sizeTableByHeadSex: spnTable)

    static var programmeEvents: [any DomainEvent] { [defined, formula, rule, schedule] }

    static func topUp(
        _ id: String = "TU-2025FLOOD1", basis: TopUpBasis = .perMember, amount: Int64 = 30_000, cycles: [String] = ["2025-02", "2025-03"],
        areas: [String] = ["IQ-BG"], temporary: EmergencyTopUpDeclared.TemporaryEnrolment? = nil, on day: String = "2025-01-20"
    ) -> EmergencyTopUpDeclared {
        EmergencyTopUpDeclared(
            programmeId: programme, topUpId: TopUpID(id), shock: .flood, basis: basis, currency: .iqd, amountMinor: amount,
            cycles: cycles.map(cycle), areas: areas.map(AreaCode.init), beneficiaries: temporary == nil ? .enrolledHouseholds : .enrolledAndTemporary,
            temporaryEnrolment: temporary, declaredOn: date(day), legalBasis: law)
    }

    // MARK: household

    static let registered = HouseholdRegistered(
        householdId: household, governorate: GovernorateCode("IQ-BG"), district: DistrictCode("IQ-BG-07"), residence: .urban,
        registrationSource: .socialResearcherVisit, registeredOn: date("2024-06-01"), registeredBy: researcher)

    static func member(
        _ person: PersonID, _ sex: Sex, born: String, _ relationship: Relationship, _ marital: MaritalStatus, _ work: WorkStatus,
        disability: Disability = .noDisability, orphanhood: Orphanhood = .notOrphan, on day: String = "2024-06-01",
        in householdId: HouseholdID = household
    ) -> MemberAdded {
        MemberAdded(
            householdId: householdId, personId: person, sex: sex, birthDate: date(born), relationship: relationship, maritalStatus: marital,
            workStatus: work, disability: disability, orphanhood: orphanhood, reason: .initialRegistration, effectiveOn: date(day))
    }

    static let widowHead = member(head, .female, born: "1980-05-10", .head, .widowed, .unemployed)
    static let firstChild = member(olderChild, .male, born: "2012-03-02", .son, .neverMarried, .child, orphanhood: .paternal)
    static let secondChild = member(youngerChild, .female, born: "2015-09-21", .daughter, .neverMarried, .child, orphanhood: .paternal)

    static var householdEvents: [any DomainEvent] { [registered, widowHead, firstChild, secondChild] }

    /// ln(3), 2/3 dependants, primary education, crowded: 12.2 − 0.3845142 − 0.2000001 + 0.12 − 0.15 = 11.5854857 → 11.585486.
    static let indicators = HouseholdAssessed.Indicators(
        logHouseholdSize: number("1.098612"), dependencyRatio: number("0.666667"), headEducationLevel: .primary, memberEarnsSalaryOrPension: false,
        crowdingOver3PerRoom: true, ownsCar: false, ownsDwelling: false, ruralResidence: false)

    static func assessed(score: String = "11.585486", on day: String = "2024-11-05") -> HouseholdAssessed {
        HouseholdAssessed(
            householdId: household, programmeId: programme, formulaVersion: 1, assessedOn: date(day), indicators: indicators, score: number(score),
            scoreScale: .lnMonthlyPerCapitaConsumption, assessedBy: researcher, method: .homeVisit)
    }

    // MARK: beneficiary

    static func eligible(on day: String = "2024-11-20") -> EligibilityDetermined {
        EligibilityDetermined(
            programmeId: programme, householdId: household, ruleVersion: 1, formulaVersion: 1, score: number("11.585486"),
            scoreScale: .lnMonthlyPerCapitaConsumption, outcome: .eligible, categoriesMet: [.widow, .orphan], effectiveOn: date(day))
    }

    static func enrolled(on day: String = "2024-12-01") -> BeneficiaryEnrolled {
        BeneficiaryEnrolled(
            programmeId: programme, householdId: household, ruleVersion: 1, scheduleVersion: 1, effectiveOn: date(day), payeePersonId: head,
            headSex: .female, householdSize: 3, currency: .iqd, monthlyAmountMinor: 275_000,
            components: [EntitlementComponent(component: .sizeTable, amountMinor: 275_000)])
    }

    static func excluded(effective: String, decided: String = "2025-03-20") -> BeneficiaryExcluded {
        BeneficiaryExcluded(
            programmeId: programme, householdId: household, reason: .crossMatchBankLoan, evidenceRef: evidence, decidedBy: manager,
            decidedOn: date(decided), effectiveOn: date(effective), ruleVersion: 1)
    }

    static var enrolledHistory: [any DomainEvent] { [eligible(), enrolled()] }

    // MARK: payments

    static func opened(_ month: String, window: (String, String)? = nil) -> PaymentCycleOpened {
        let c = cycle(month)
        return PaymentCycleOpened(
            programmeId: programme, cycle: c, currency: .iqd, enrolmentDate: c.firstDay, windowOpensOn: date(window?.0 ?? "\(month)-10"),
            windowClosesOn: date(window?.1 ?? "\(month)-25"))
    }

    static func paymentId(_ month: String) -> PaymentID { PaymentKey(programme, cycle(month), household).paymentId }

    static func scheduled(_ month: String, amount: Int64 = 275_000) -> PaymentScheduled {
        PaymentScheduled(
            paymentId: paymentId(month), programmeId: programme, cycle: cycle(month), householdId: household, payeePersonId: head,
            scheduleVersion: 1, currency: .iqd, amountMinor: amount, components: [PaymentComponent(component: .sizeTable, amountMinor: amount)])
    }

    static func issued(_ month: String, amount: Int64 = 275_000) -> PaymentIssued {
        PaymentIssued(
            paymentId: paymentId(month), programmeId: programme, cycle: cycle(month), householdId: household, channel: .prepaidCard,
            providerId: ProviderID("qi-card"), providerRef: ProviderReference("QI-\(month)-0001"), currency: .iqd, amountMinor: amount,
            issuedOn: date("\(month)-12"))
    }

    static func confirmed(_ month: String, amount: Int64 = 275_000) -> PaymentConfirmed {
        PaymentConfirmed(
            paymentId: paymentId(month), programmeId: programme, cycle: cycle(month), householdId: household,
            providerRef: ProviderReference("QI-\(month)-0001"), currency: .iqd, amountMinor: amount,
            confirmedAt: UTCTimestamp(text: "\(month)-14T09:00:00Z")!)
    }

    static func failed(_ month: String, retryable: Bool) -> PaymentFailed {
        PaymentFailed(
            paymentId: paymentId(month), programmeId: programme, cycle: cycle(month), householdId: household, reason: .cardBlocked,
            retryable: retryable, failedOn: date("\(month)-13"))
    }

    /// A cycle's stream and a payment issued (and confirmed when asked) in it, as a retroactive decision reads them.
    static func paid(_ month: String, confirmed isConfirmed: Bool = true, amount: Int64 = 275_000) -> CyclePayment {
        var events: [any DomainEvent] = [scheduled(month, amount: amount), issued(month, amount: amount)]
        if isConfirmed { events.append(confirmed(month, amount: amount)) }
        return CyclePayment(cycle: PaymentCycleState(events: [opened(month)]), payment: Payment(events: events))
    }

    // MARK: folds

    static func programmeState(_ extra: [any DomainEvent] = []) -> Programme { Programme(events: programmeEvents + extra) }
    static func householdState(_ extra: [any DomainEvent] = []) -> Household { Household(events: householdEvents + extra) }
    static func beneficiaryState(_ events: [any DomainEvent] = enrolledHistory) -> Beneficiary { Beneficiary(events: events) }
}

/// Checks that a decision produced exactly `expected`, in order, and that every event satisfies its
/// JSON Schema as the store would check it on append.
func expectEvents(
    _ actual: [any DomainEvent], _ expected: [any DomainEvent], sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.map { AnyHashable($0) } == expected.map { AnyHashable($0) }, sourceLocation: sourceLocation)
    expectSchemaValid(actual, sourceLocation: sourceLocation)
}

/// Checks every event against its schema in the bundled catalogue.
func expectSchemaValid(_ events: [any DomainEvent], sourceLocation: SourceLocation = #_sourceLocation) {
    guard case .success(let catalogue) = CatalogueExamples.catalogue else {
        Issue.record("the catalogue did not load", sourceLocation: sourceLocation)
        return
    }
    for (i, event) in events.enumerated() {
        #expect(throws: Never.self, "events[\(i)] \(event.eventType)", sourceLocation: sourceLocation) {
            try catalogue.validate(event, field: "events[\(i)]")
        }
    }
}

/// The rejection a decision throws, or `nil` (recorded as an issue) when it decides instead.
func rejection(
    _ decide: () throws(DomainRejection) -> [any DomainEvent], sourceLocation: SourceLocation = #_sourceLocation
) -> DomainRejection? {
    do {
        let events = try decide()
        Issue.record("expected a rejection, got \(events.map(\.eventType))", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// Runs a decision that must succeed.
func decided(
    _ decide: () throws(DomainRejection) -> [any DomainEvent], sourceLocation: SourceLocation = #_sourceLocation
) -> [any DomainEvent] {
    do {
        return try decide()
    } catch {
        Issue.record("unexpected rejection \(error)", sourceLocation: sourceLocation)
        return []
    }
}
