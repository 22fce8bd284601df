import Benefits
import DaftarJSON
import EventStore
import Testing

/// A random history of a small programme: households registered with random compositions, assessed
/// with random indicators, and then, day by day from November 2024 to August 2025, random commands —
/// eligibility, enrolment, births and departures, recalculations, suspensions and lifts, retroactive
/// exclusions, appeals and reversals, exits, a new schedule, an emergency top-up with temporary
/// enrolment — and every month a payment cycle: opened, scheduled (twice, and with stray single
/// attempts), issued, confirmed, failed, reissued, reversed, closed. Commands that the rules refuse
/// are simply refused; the log holds what the decisions produced.
struct CaseloadSimulation {
    static let programme = Given.programme
    static let topUpId = TopUpID("TU-2025SIM1")
    /// Schedule v2 from May 2025.
    static let scheduleV2From = Given.date("2025-05-01")
    static let tableV1: [Sex: [Int64]] = [.female: [125_000, 200_000, 275_000, 325_000], .male: [125_000, 175_000, 225_000, 275_000]]
    static let tableV2: [Sex: [Int64]] = [.female: [150_000, 230_000, 300_000, 350_000], .male: [150_000, 200_000, 250_000, 300_000]]

    let seed: UInt64
    let ledger = InMemoryLedger()
    var rng: SeededGenerator
    var households: [HouseholdID] = []
    var births = 0
    var rejections: [String: Int] = [:]

    init(seed: UInt64) {
        self.seed = seed
        rng = SeededGenerator(seed: seed)
    }

    mutating func count(_ result: Result<[any DomainEvent], DomainRejection>) {
        if case .failure(let r) = result { rejections[r.code.rawValue, default: 0] += 1 }
    }

    mutating func run(households count: Int = 12) {
        for event in Given.programmeEvents { ledger.append([event], read: [BenefitsStream.programme(Self.programme)]) }
        for i in 1...count { register(i) }
        var day = Given.date("2024-11-01")
        let end = Given.date("2025-08-31")
        while day <= end {
            step(on: day)
            day = day.adding(days: 1)
        }
    }

    func person(_ household: Int, _ member: Int) -> PersonID { PersonID("P-PT\(pad(household, 4))\(pad(member, 4))") }

    func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    mutating func register(_ i: Int) {
        let id = HouseholdID("HH-PT\(pad(i, 8))")
        households.append(id)
        let inBaghdad = rng.chance(500)
        count(
            ledger.handle(
                RegisterHousehold(
                    householdId: id, governorate: GovernorateCode(inBaghdad ? "IQ-BG" : "IQ-BA"),
                    district: DistrictCode(inBaghdad ? "IQ-BG-07" : "IQ-BA-03"),
                    residence: .urban, registrationSource: .socialResearcherVisit, registeredOn: Given.date("2024-06-01"),
                    registeredBy: Given.researcher)))
        let female = rng.chance(350)
        let marital: MaritalStatus =
            female
            ? [.widowed, .divorced, .neverMarried, .married, .abandoned].randomElement(using: &rng)!
            : [.married, .widowed, .divorced].randomElement(using: &rng)!
        count(
            ledger.handle(
                AddMember(
                    householdId: id, personId: person(i, 1), sex: female ? .female : .male,
                    birthDate: Given.date("19\(Int.random(in: 55...95, using: &rng))-03-15"),
                    relationship: .head, maritalStatus: marital, workStatus: [.unemployed, .employed, .unableToWork].randomElement(using: &rng)!,
                    effectiveOn: Given.date("2024-06-01"))))
        for child in 0..<Int.random(in: 0...5, using: &rng) {
            count(
                ledger.handle(
                    AddMember(
                        householdId: id, personId: person(i, child + 2), sex: rng.chance(500) ? .female : .male,
                        birthDate: Given.date("20\(Int.random(in: 10...23, using: &rng))-07-01"), relationship: .son, maritalStatus: .neverMarried,
                        workStatus: .child,
                        orphanhood: marital == .widowed ? (female ? .paternal : .maternal) : .notOrphan, effectiveOn: Given.date("2024-06-01"))))
        }
        let logs = ["0.693147", "1.098612", "1.386294", "1.609438", "1.791759", "1.945910"]
        let indicators = HouseholdAssessed.Indicators(
            logHouseholdSize: Given.number(logs.randomElement(using: &rng)!),
            dependencyRatio: Given.number(["0.25", "0.5", "0.6", "0.75"].randomElement(using: &rng)!),
            headEducationLevel: EducationLevel.allCases.randomElement(using: &rng)!, memberEarnsSalaryOrPension: rng.chance(100),
            crowdingOver3PerRoom: rng.chance(600), ownsCar: rng.chance(50), ownsDwelling: rng.chance(300), ruralResidence: rng.chance(400))
        count(
            ledger.handle(
                AssessHousehold(
                    householdId: id, programmeId: Self.programme, assessedOn: Given.date("2024-11-0\(Int.random(in: 1...9, using: &rng))"),
                    indicators: indicators, assessedBy: Given.researcher)))
    }

    func beneficiary(_ id: HouseholdID) -> Beneficiary { Beneficiary(events: ledger.events(of: BeneficiaryKey(Self.programme, id).stream)) }

    func household(_ id: HouseholdID) -> Household { Household(events: ledger.events(of: BenefitsStream.household(id))) }

    mutating func step(on day: BusinessDate) {
        let cycle = day.paymentCycle
        if day.day == 1, day >= Given.date("2025-01-01") {
            count(
                ledger.handle(
                    OpenPaymentCycle(
                        programmeId: Self.programme, cycle: cycle, enrolmentDate: day, windowOpensOn: day.adding(days: 4),
                        windowClosesOn: day.adding(days: 24))))
            let run = SchedulePayments(programmeId: Self.programme, cycle: cycle, households: households.shuffled(using: &rng))
            ledger.schedule(run)
            ledger.schedule(run)  // a rerun schedules nothing new
        }
        if day == Given.date("2025-03-10") { declareTopUp(on: day) }
        if day == Given.date("2025-04-15") { publishScheduleV2() }
        for id in households { householdStep(id, on: day) }
        if day.day >= 5, day.day <= 25, day >= Given.date("2025-01-01") {
            for id in households { paymentStep(id, cycle: cycle, on: day) }
        }
        if day.day == 28, day >= Given.date("2025-01-01") {
            count(ledger.handle(ClosePaymentCycle(programmeId: Self.programme, cycle: cycle, closedOn: day, households: households)))
        }
    }

    mutating func declareTopUp(on day: BusinessDate) {
        count(
            ledger.handle(
                DeclareEmergencyTopUp(
                    programmeId: Self.programme, topUpId: Self.topUpId, shock: .flood, basis: .perMember, currency: .iqd, amountMinor: 30_000,
                    cycles: [Given.cycle("2025-04"), Given.cycle("2025-05")], areas: [AreaCode("IQ-BG")], beneficiaries: .enrolledAndTemporary,
                    temporaryEnrolment: .init(
                        relaxedThreshold: Given.number("12.2"), scoreScale: .lnMonthlyPerCapitaConsumption, endsOn: Given.date("2025-05-31")),
                    declaredOn: day, legalBasis: Given.law)))
        ledger.grant(GrantTopUps(programmeId: Self.programme, topUpId: Self.topUpId, grantedOn: day.adding(days: 2), households: households))
    }

    mutating func publishScheduleV2() {
        count(
            ledger.handle(
                PublishBenefitSchedule(
                    programmeId: Self.programme, scheduleVersion: 2, effectiveFrom: Self.scheduleV2From, legalBasis: Given.law, currency: .iqd,
                    sizeTableByHeadSex: .init(female: Self.tableV2[.female]!, male: Self.tableV2[.male]!))))
    }

    mutating func householdStep(_ id: HouseholdID, on day: BusinessDate) {
        let p = Self.programme
        let state = beneficiary(id)
        if rng.chance(40) { count(ledger.handle(DetermineEligibility(programmeId: p, householdId: id, effectiveOn: day))) }
        if rng.chance(40) {
            count(
                ledger.handle(
                    Enrol(
                        programmeId: p, householdId: id, effectiveOn: day,
                        payeePersonId: household(id).composition(on: day).headPersonId ?? PersonID("P-PT00000000"))))
        }
        if rng.chance(6) {
            births += 1
            count(
                ledger.handle(
                    AddMember(
                        householdId: id, personId: PersonID("P-PB\(pad(births, 8))"), sex: rng.chance(500) ? .female : .male, birthDate: day,
                        relationship: .son,
                        maritalStatus: .neverMarried, workStatus: .child, reason: .birth, effectiveOn: day)))
        }
        if rng.chance(4), let member = household(id).composition(on: day).members.filter({ $0.relationship != .head }).randomElement(using: &rng) {
            count(ledger.handle(RemoveMember(householdId: id, personId: member.personId, reason: .movedOut, effectiveOn: day)))
        }
        if rng.chance(25) { count(ledger.handle(RecalculateEntitlement(programmeId: p, householdId: id, effectiveOn: day))) }
        if rng.chance(5) {
            count(ledger.handle(Suspend(programmeId: p, householdId: id, reason: .pendingReassessment, effectiveOn: day, decidedBy: Given.manager)))
        }
        if state.status == .suspended, rng.chance(60) {
            count(ledger.handle(LiftSuspension(programmeId: p, householdId: id, reason: .reviewCleared, effectiveOn: day, decidedBy: Given.manager)))
        }
        if rng.chance(5) {
            let effective = day.adding(days: -Int.random(in: 0...120, using: &rng))
            count(
                ledger.handle(
                    Exclude(
                        programmeId: p, householdId: id, reason: .crossMatchVehicleOwnership, evidenceRef: EvidenceReference("vehicles:sim/\(seed)"),
                        decidedBy: Given.manager, decidedOn: day, effectiveOn: effective)))
        }
        if let exclusion = state.exclusion {
            if state.openAppeal == nil, rng.chance(100) {
                count(
                    ledger.handle(
                        AppealExclusion(
                            programmeId: p, householdId: id, appealId: AppealID("APL-SIM\(pad(ledger.log.count, 8))"), grounds: .crossMatchMismatch,
                            channel: .welfareOffice, filedOn: day)))
            }
            if rng.chance(60) {
                let span = max(0, day.daysSinceEpoch - exclusion.effectiveOn.daysSinceEpoch)
                let effective = exclusion.effectiveOn.adding(days: Int.random(in: 0...span, using: &rng))
                let appeal = state.openAppeal?.appealId
                count(
                    ledger.handle(
                        ReverseExclusion(
                            programmeId: p, householdId: id, reason: appeal == nil ? .administrativeError : .appealUpheld, appealId: appeal,
                            effectiveOn: effective,
                            decidedBy: Given.manager, decidedOn: day)))
            }
        }
        if rng.chance(2) {
            count(ledger.handle(Exit(programmeId: p, householdId: id, reason: .voluntaryWithdrawal, effectiveOn: day, decidedBy: Given.manager)))
        }
        if day >= Given.date("2025-03-12"), day <= Given.date("2025-05-31"), rng.chance(30) {
            count(
                ledger.handle(
                    GrantTemporaryEnrolment(
                        programmeId: p, topUpId: Self.topUpId, householdId: id, effectiveOn: day,
                        payeePersonId: household(id).composition(on: day).headPersonId ?? PersonID("P-PT00000000"))))
        }
        if day > Given.date("2025-05-31"), rng.chance(100) {
            count(ledger.handle(EndTemporaryEnrolment(programmeId: p, householdId: id, decidedBy: ActorID("system:scheduler"), decidedOn: day)))
        }
    }

    mutating func paymentStep(_ id: HouseholdID, cycle: PaymentCycle, on day: BusinessDate) {
        let p = Self.programme
        if rng.chance(20) { count(ledger.handle(SchedulePayment(programmeId: p, cycle: cycle, householdId: id))) }
        let payment = Payment(events: ledger.events(of: PaymentKey(p, cycle, id).stream))
        guard let scheduled = payment.scheduled else { return }
        let amount = rng.chance(30) ? scheduled.amountMinor + 1 : scheduled.amountMinor
        let ref = ProviderReference("QI-\(cycle)-\(pad(ledger.log.count, 6))")
        // Stray commands whatever the stage: a provider's duplicate file, a late confirmation.
        if rng.chance(30) {
            count(
                ledger.handle(
                    RecordPaymentIssued(
                        programmeId: p, cycle: cycle, householdId: id, channel: .prepaidCard, providerId: ProviderID("qi-card"), providerRef: ref,
                        currency: .iqd,
                        amountMinor: scheduled.amountMinor, issuedOn: day)))
        }
        if rng.chance(20) {
            count(
                ledger.handle(
                    RecordPaymentConfirmed(
                        programmeId: p, cycle: cycle, householdId: id, providerRef: ref, currency: .iqd, amountMinor: scheduled.amountMinor,
                        confirmedAt: UTCTimestamp(text: "\(day)T11:00:00Z")!)))
        }
        if rng.chance(10) {
            count(
                ledger.handle(
                    RecordPaymentFailed(
                        programmeId: p, cycle: cycle, householdId: id, reason: .technicalError, retryable: true, failedOn: day)))
        }
        switch Payment(events: ledger.events(of: PaymentKey(p, cycle, id).stream)).stage {
        case .scheduled, .failed:
            if rng.chance(250) {
                count(
                    ledger.handle(
                        RecordPaymentIssued(
                            programmeId: p, cycle: cycle, householdId: id, channel: .prepaidCard, providerId: ProviderID("qi-card"), providerRef: ref,
                            currency: .iqd,
                            amountMinor: amount, issuedOn: day)))
            }
        case .issued:
            let roll = Int.random(in: 0..<1000, using: &rng)
            if roll < 150 {
                count(
                    ledger.handle(
                        RecordPaymentConfirmed(
                            programmeId: p, cycle: cycle, householdId: id, providerRef: ref, currency: .iqd, amountMinor: amount,
                            confirmedAt: UTCTimestamp(text: "\(day)T10:00:00Z")!)))
            } else if roll < 200 {
                count(
                    ledger.handle(
                        RecordPaymentFailed(
                            programmeId: p, cycle: cycle, householdId: id, reason: .notCollectedInWindow, retryable: rng.chance(500), failedOn: day)))
            } else if roll < 215 {
                count(
                    ledger.handle(
                        RecordPaymentReversed(
                            programmeId: p, cycle: cycle, householdId: id, reason: .issuedInError, currency: .iqd, amountMinor: amount,
                            reversedOn: day,
                            decidedBy: Given.manager)))
            }
        case .confirmed:
            if rng.chance(10) {
                count(
                    ledger.handle(
                        RecordPaymentReversed(
                            programmeId: p, cycle: cycle, householdId: id, reason: .providerRecall, currency: .iqd, amountMinor: amount,
                            reversedOn: day,
                            decidedBy: Given.manager)))
            }
        default:
            break
        }
    }
}
