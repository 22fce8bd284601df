import Benefits
import DaftarJSON
import DemoCountry
import EventStore

/// The seeded generator the demo country uses (SplitMix64): the same seed gives the same history.
typealias SeededRandom = DemoRandom

/// Random histories for read-model tests: programmes, households, members, moves, eligibility,
/// enrolments, suspensions, exclusions (some retroactive, with overpayments), reinstatements, exits and
/// monthly payments with failures, re-issues and reversals, written straight as schema-valid events
/// (not through the domain's decisions, so that histories the domain would refuse, and poison events,
/// are possible too). Appends are shuffled across households, so batches cut partitions anywhere.
struct RandomHistory {
    static let programmes = [ProgrammeID("p-north"), ProgrammeID("p-south"), ProgrammeID("p-shock")]
    static let areas = [("IQ-BG", "IQ-BG-07"), ("IQ-BG", "IQ-BG-02"), ("IQ-BA", "IQ-BA-03"), ("IQ-NI", "IQ-NI-11")]
    static let actor = ActorID("user:test.manager")

    var random: SeededRandom
    /// One append per element: a stream and its events, in the order they are appended.
    private(set) var appends: [(stream: String, events: [any DomainEvent])] = []

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    static func date(_ y: Int, _ m: Int, _ d: Int) -> BusinessDate { BusinessDate(year: y, month: m, day: d)! }
    static func cycle(_ y: Int, _ m: Int) -> PaymentCycle { PaymentCycle(year: y, month: m)! }

    /// The programmes' own streams: definitions, budgets and twelve cycles (2024-07 … 2025-06).
    mutating func programmes() {
        for (i, p) in Self.programmes.enumerated() {
            var events: [any DomainEvent] = [
                ProgrammeDefined(
                    programmeId: p, country: CountryCode("IQ"), programmeKind: .unconditionalCashTransfer, currency: .iqd, paymentFrequency: .monthly,
                    timeZone: .baghdad, legalBasis: LegalBasis("IQ-LAW-11-2014"), startsOn: Self.date(2024, 6 + i, 1), objectionWindowMonths: 1),
                BudgetAllocated(
                    programmeId: p, fiscalYear: 2025, kind: .initial, currency: .iqd, amountMinor: 900_000_000, decidedOn: Self.date(2024, 12, 20),
                    decisionRef: EvidenceReference("budget-law:2025")),
            ]
            if random.next() % 2 == 0 {
                events.append(
                    BudgetAllocated(
                        programmeId: p, fiscalYear: 2025, kind: .reduction, currency: .iqd, amountMinor: 50_000_000, decidedOn: Self.date(2025, 3, 1),
                        decisionRef: EvidenceReference("budget-law:2025-cut")))
            }
            appends.append(("programme-\(p)", events))
            for month in 0..<12 {
                let c = Self.cycle(2024 + (6 + month) / 12, (6 + month) % 12 + 1)
                appends.append(
                    (
                        "payment-cycle-\(p)-\(c)",
                        [
                            PaymentCycleOpened(
                                programmeId: p, cycle: c, currency: .iqd, enrolmentDate: c.firstDay, windowOpensOn: c.firstDay,
                                windowClosesOn: c.firstDay.adding(days: 20))
                        ]
                    ))
            }
        }
    }

    /// `count` households with random lives; `poison` of them get a payment event for a payment never scheduled.
    mutating func households(_ count: Int, poison: Int = 0, idOffset: Int = 0) {
        var perHousehold: [[(String, [any DomainEvent])]] = []
        for n in 0..<count {
            perHousehold.append(household(HouseholdID("HH-T\(String(format: "%08d", n + idOffset))"), poison: n < poison))
        }
        // Interleave: each household's appends stay in order, households alternate at random.
        var cursors = [Int](repeating: 0, count: perHousehold.count)
        var open = Array(perHousehold.indices)
        while !open.isEmpty {
            let pick = Int(random.next() % UInt64(open.count))
            let h = open[pick]
            appends.append(perHousehold[h][cursors[h]])
            cursors[h] += 1
            if cursors[h] == perHousehold[h].count { open.remove(at: pick) }
        }
    }

    private mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
    private mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    private mutating func household(_ id: HouseholdID, poison: Bool) -> [(String, [any DomainEvent])] {
        var result: [(String, [any DomainEvent])] = []
        let area = Self.areas[int(0...Self.areas.count - 1)]
        let registered = Self.date(2024, int(1...6), int(1...28))
        var registry: [any DomainEvent] = [
            HouseholdRegistered(
                householdId: id, governorate: GovernorateCode(area.0), district: DistrictCode(area.1), residence: .urban,
                registrationSource: .socialResearcherVisit, registeredOn: registered, registeredBy: Self.actor)
        ]
        let size = int(1...6)
        var people: [PersonID] = []
        for m in 0..<size {
            let person = PersonID("P-\(id.rawValue.dropFirst(3))\(String(format: "%02d", m))")
            people.append(person)
            registry.append(
                MemberAdded(
                    householdId: id, personId: person, sex: chance(50) ? .female : .male,
                    birthDate: Self.date(m == 0 ? int(1950...1990) : int(1958...2023), int(1...12), int(1...28)),
                    relationship: m == 0 ? .head : .son, maritalStatus: .neverMarried, workStatus: .unemployed,
                    disability: chance(10) ? .severe : .noDisability, orphanhood: .notOrphan, reason: .initialRegistration, effectiveOn: registered))
        }
        result.append(("household-\(id)", registry))
        var later: [any DomainEvent] = []
        if size > 1 && chance(20) {
            later.append(MemberRemoved(householdId: id, personId: people[size - 1], reason: .movedOut, effectiveOn: Self.date(2024, int(8...12), int(1...28))))
        }
        if chance(15) {
            let to = Self.areas[int(0...Self.areas.count - 1)]
            later.append(
                HouseholdRelocated(
                    householdId: id, from: .init(governorate: GovernorateCode(area.0), district: DistrictCode(area.1)),
                    to: .init(governorate: GovernorateCode(to.0), district: DistrictCode(to.1), residence: .rural), reason: .voluntaryMove,
                    effectiveOn: Self.date(2024, int(9...12), int(1...28))))
        }
        var poisonLeft = poison
        for p in Self.programmes where chance(45) {
            result += beneficiary(id, in: p, payee: people[0], size: size, poison: poisonLeft)
            poisonLeft = false
        }
        if !later.isEmpty { result.append(("household-\(id)", later)) }
        return result
    }

    private mutating func beneficiary(_ id: HouseholdID, in p: ProgrammeID, payee: PersonID, size: Int, poison: Bool)
        -> [(String, [any DomainEvent])]
    {
        var result: [(String, [any DomainEvent])] = []
        let stream = "beneficiary-\(p)-\(id)"
        let determined = Self.date(2024, int(6...7), int(1...28))
        let eligible = chance(75)
        result.append(
            (
                stream,
                [
                    EligibilityDetermined(
                        programmeId: p, householdId: id, ruleVersion: 1, formulaVersion: 1, score: DecimalNumber(JSONNumber(literal: "11.5")!),
                        scoreScale: .lnMonthlyPerCapitaConsumption, outcome: eligible ? .eligible : .ineligible, categoriesMet: eligible ? [.widow] : [],
                        ineligibilityReasons: eligible ? nil : [.scoreAboveThreshold], effectiveOn: determined)
                ]
            ))
        if poison {
            result.append(
                (
                    "payment-\(p)-2024-09-\(id)",
                    [
                        PaymentIssued(
                            paymentId: PaymentID("PAY-POISON\(id.rawValue.dropFirst(3))"), programmeId: p, cycle: Self.cycle(2024, 9), householdId: id,
                            channel: .prepaidCard, providerId: ProviderID("qi-card"), providerRef: ProviderReference("QI-POISON"), currency: .iqd,
                            amountMinor: 99_999, issuedOn: Self.date(2024, 9, 3))
                    ]
                ))
        }
        guard eligible else { return result }
        let amount = Int64(100_000 + 25_000 * size)
        let enrolled = Self.date(2024, 7, 1)
        result.append(
            (
                stream,
                [
                    BeneficiaryEnrolled(
                        programmeId: p, householdId: id, ruleVersion: 1, scheduleVersion: 1, effectiveOn: enrolled, payeePersonId: payee, headSex: .female,
                        householdSize: size, currency: .iqd, monthlyAmountMinor: amount,
                        components: [.init(component: .base, amountMinor: amount - 25_000), .init(component: .perChild, amountMinor: 25_000)])
                ]
            ))
        var paidMonths = int(2...12)
        var standing: [any DomainEvent] = []
        switch int(0...9) {
        case 0, 1:
            // Excluded, some retroactively (recorded after payments for the months it covers).
            let month = int(2...paidMonths)
            let effective = Self.date(2024 + (6 + month) / 12, (6 + month) % 12 + 1, 1)
            standing.append(
                BeneficiaryExcluded(
                    programmeId: p, householdId: id, reason: .crossMatchVehicleOwnership, evidenceRef: EvidenceReference("traffic:2025/\(id)"),
                    decidedBy: Self.actor, decidedOn: Self.date(2025, 6, 1), effectiveOn: effective))
            if chance(50) {
                standing.append(
                    OverpaymentIdentified(
                        programmeId: p, householdId: id, cycle: PaymentCycle(year: effective.year, month: effective.month)!,
                        paymentId: PaymentID("PAY-\(effective.year)\(String(format: "%02d", effective.month))\(id.rawValue.dropFirst(3))"),
                        cause: .retroactiveExclusion, currency: .iqd, amountMinor: amount, identifiedOn: Self.date(2025, 6, 2),
                        exclusionEffectiveOn: effective))
            }
            if chance(40) {
                standing.append(
                    ExclusionReversed(
                        programmeId: p, householdId: id, reason: .crossMatchFalsePositive, effectiveOn: effective, decidedBy: Self.actor,
                        decidedOn: Self.date(2025, 6, 20), arrearsDue: true))
            }
        case 2:
            standing.append(
                BeneficiarySuspended(programmeId: p, householdId: id, reason: .pendingReassessment, effectiveOn: Self.date(2024, 10, 1), decidedBy: Self.actor))
            if chance(50) {
                standing.append(
                    SuspensionLifted(
                        programmeId: p, householdId: id, reason: .reviewCleared, effectiveOn: Self.date(2024, 12, 1), decidedBy: Self.actor, arrearsDue: false))
            }
        case 3:
            paidMonths = min(paidMonths, 5)
            standing.append(
                BeneficiaryExited(programmeId: p, householdId: id, reason: .voluntaryWithdrawal, effectiveOn: Self.date(2024, 12, 15), decidedBy: Self.actor))
        default:
            break
        }
        for month in 0..<paidMonths {
            let c = Self.cycle(2024 + (6 + month) / 12, (6 + month) % 12 + 1)
            let paymentId = PaymentID("PAY-\(c.year)\(String(format: "%02d", c.month))\(id.rawValue.dropFirst(3))")
            var events: [any DomainEvent] = [
                PaymentScheduled(
                    paymentId: paymentId, programmeId: p, cycle: c, householdId: id, payeePersonId: payee, scheduleVersion: 1, currency: .iqd,
                    amountMinor: amount,
                    components: [.init(component: .base, amountMinor: amount - 25_000), .init(component: .perChild, amountMinor: 25_000)])
            ]
            func issued(_ day: Int) -> PaymentIssued {
                PaymentIssued(
                    paymentId: paymentId, programmeId: p, cycle: c, householdId: id, channel: .prepaidCard, providerId: ProviderID("qi-card"),
                    providerRef: ProviderReference("QI-\(c)-\(id.rawValue.dropFirst(3))"), currency: .iqd, amountMinor: amount,
                    issuedOn: c.firstDay.adding(days: day))
            }
            events.append(issued(2))
            if chance(8) {
                events.append(
                    PaymentFailed(
                        paymentId: paymentId, programmeId: p, cycle: c, householdId: id, reason: .cardBlocked, retryable: true,
                        failedOn: c.firstDay.adding(days: 4)))
                events.append(issued(6))
            }
            events.append(
                PaymentConfirmed(
                    paymentId: paymentId, programmeId: p, cycle: c, householdId: id, providerRef: ProviderReference("QI-\(c)-\(id.rawValue.dropFirst(3))"),
                    currency: .iqd, amountMinor: amount, confirmedAt: UTCTimestamp(text: "\(c.firstDay)T09:00:00Z")!))
            if chance(4) {
                events.append(
                    PaymentReversed(
                        paymentId: paymentId, programmeId: p, cycle: c, householdId: id, reason: .issuedInError, currency: .iqd,
                        amountMinor: amount / 3, reversedOn: c.firstDay.adding(days: 25), decidedBy: Self.actor))
            }
            // Split a payment's life over two appends now and then, so a batch can end inside it.
            if chance(30), events.count > 2 {
                result.append(("payment-\(p)-\(c)-\(id)", Array(events.prefix(2))))
                result.append(("payment-\(p)-\(c)-\(id)", Array(events.dropFirst(2))))
            } else {
                result.append(("payment-\(p)-\(c)-\(id)", events))
            }
        }
        if !standing.isEmpty {
            // Standing changes recorded after the payments: the retroactive case.
            result.append((stream, standing))
        }
        return result
    }
}

extension RandomHistory {
    /// Appends `appends[range]` to the store, one request each.
    static func append(_ appends: ArraySlice<(stream: String, events: [any DomainEvent])>, to store: EventStore, keyPrefix: String) async throws {
        var requests: [AppendRequest] = []
        for (i, append) in zip(appends.indices, appends) {
            let events = append.events.map { e in
                e.newEvent(metadata: EventMetadata(actor: "user:test.manager"), effectiveAt: e.effectiveDate ?? BusinessDate(year: 2025, month: 1, day: 1)!)
            }
            requests.append(AppendRequest(idempotencyKey: "\(keyPrefix)-\(i)", stream: append.stream, expected: .any, events: events))
        }
        _ = try await store.bulkAppend(requests)
    }
}
