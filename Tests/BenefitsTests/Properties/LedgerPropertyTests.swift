import Benefits
import DaftarJSON
import EventStore
import Testing

/// Invariants that hold on every random history (``CaseloadSimulation``), checked against oracles
/// computed from the raw event log, not from the aggregates' own folds.
@Suite struct LedgerPropertyTests {
    static let seeds: [UInt64] = Array(1...24)

    static func simulate(_ seed: UInt64) -> CaseloadSimulation {
        var simulation = CaseloadSimulation(seed: seed)
        simulation.run()
        return simulation
    }

    /// The log as (index, event) with the payment key of payment events.
    static func paymentKey(_ event: any DomainEvent) -> PaymentKey? {
        switch event {
        case let e as PaymentScheduled: return PaymentKey(e.programmeId, e.cycle, e.householdId)
        case let e as PaymentIssued: return PaymentKey(e.programmeId, e.cycle, e.householdId)
        case let e as PaymentConfirmed: return PaymentKey(e.programmeId, e.cycle, e.householdId)
        case let e as PaymentFailed: return PaymentKey(e.programmeId, e.cycle, e.householdId)
        case let e as PaymentReversed: return PaymentKey(e.programmeId, e.cycle, e.householdId)
        default: return nil
        }
    }

    // MARK: oracles

    /// Whether a household is paid on `date`, as known from its beneficiary events `events`:
    /// the last recorded status change dated on or before it; a lifted suspension or a reversed
    /// exclusion returns to the enrolment in force; a temporary enrolment stops after its end.
    static func payable(_ events: [any DomainEvent], on date: BusinessDate) -> Bool {
        enum Status {
            case enrolled
            case temporary(BusinessDate)
            case suspended, excluded, exited
        }
        var changes: [(BusinessDate, Status)] = []
        var enrolment: Status = .enrolled
        for event in events {
            switch event {
            case let e as BeneficiaryEnrolled:
                enrolment = .enrolled
                changes.append((e.effectiveOn, .enrolled))
            case let e as TemporaryEnrolmentGranted:
                enrolment = .temporary(e.endsOn)
                changes.append((e.effectiveOn, enrolment))
            case let e as BeneficiarySuspended: changes.append((e.effectiveOn, .suspended))
            case let e as SuspensionLifted: changes.append((e.effectiveOn, enrolment))
            case let e as BeneficiaryExcluded: changes.append((e.effectiveOn, .excluded))
            case let e as ExclusionReversed: changes.append((e.effectiveOn, enrolment))
            case let e as BeneficiaryExited: changes.append((e.effectiveOn, .exited))
            default: break
            }
        }
        switch changes.last(where: { $0.0 <= date })?.1 {
        case .enrolled: return true
        case .temporary(let endsOn): return date <= endsOn
        default: return false
        }
    }

    /// The entitlement the schedules give a household on `date`, from its registry events.
    static func scheduled(_ householdEvents: [any DomainEvent], on date: BusinessDate, v2Published: Bool) -> (size: Int, sex: Sex, amount: Int64)? {
        var members: [PersonID: (sex: Sex, head: Bool)] = [:]
        for event in householdEvents {
            if let e = event as? MemberAdded, e.effectiveOn <= date { members[e.personId] = (e.sex, e.relationship == .head) }
            if let e = event as? MemberRemoved, e.effectiveOn <= date { members[e.personId] = nil }
        }
        guard let head = members.values.first(where: \.head) else { return nil }
        let table = v2Published && date >= CaseloadSimulation.scheduleV2From ? CaseloadSimulation.tableV2 : CaseloadSimulation.tableV1
        return (members.count, head.sex, table[head.sex]![min(members.count, 4) - 1])
    }

    // MARK: properties

    @Test(arguments: seeds)
    func neverTwoPaymentsForOneHouseholdAndCycle(_ seed: UInt64) {
        let simulation = Self.simulate(seed)
        var scheduled: [PaymentKey: Int] = [:]
        for entry in simulation.ledger.log {
            if let e = entry.event as? PaymentScheduled { scheduled[PaymentKey(e.programmeId, e.cycle, e.householdId), default: 0] += 1 }
        }
        #expect(scheduled.values.allSatisfy { $0 == 1 }, "seed \(seed)")
    }

    @Test(arguments: seeds)
    func noPaymentScheduledOrIssuedForAHouseholdNotEnrolledOnTheCyclesDate(_ seed: UInt64) {
        let simulation = Self.simulate(seed)
        let log = simulation.ledger.log
        var beneficiaryEvents: [HouseholdID: [any DomainEvent]] = [:]
        var enrolmentDates: [PaymentCycle: BusinessDate] = [:]
        var checked = 0
        for entry in log {
            switch entry.event {
            case let e as PaymentCycleOpened:
                enrolmentDates[e.cycle] = e.enrolmentDate
            case let e as PaymentScheduled:
                #expect(Self.payable(beneficiaryEvents[e.householdId] ?? [], on: enrolmentDates[e.cycle]!), "seed \(seed): \(e.paymentId) scheduled")
                checked += 1
            case let e as PaymentIssued:
                let known = beneficiaryEvents[e.householdId] ?? []
                #expect(Self.payable(known, on: enrolmentDates[e.cycle]!), "seed \(seed): \(e.paymentId) issued")
                #expect(!Self.suspendedOrExcluded(known), "seed \(seed): \(e.paymentId) issued while suspended or excluded")
            default:
                if entry.stream.hasPrefix("beneficiary-"), let household = Self.household(of: entry.event) {
                    beneficiaryEvents[household, default: []].append(entry.event)
                }
            }
        }
        _ = checked
    }

    /// Whether the last recorded status change suspended or excluded the household.
    static func suspendedOrExcluded(_ events: [any DomainEvent]) -> Bool {
        let changes = events.filter {
            $0 is BeneficiaryEnrolled || $0 is TemporaryEnrolmentGranted || $0 is BeneficiarySuspended || $0 is SuspensionLifted
                || $0 is BeneficiaryExcluded || $0 is ExclusionReversed || $0 is BeneficiaryExited
        }
        return changes.last is BeneficiarySuspended || changes.last is BeneficiaryExcluded
    }

    static func household(of event: any DomainEvent) -> HouseholdID? {
        event.json["householdId"]?.stringValue.map(HouseholdID.init)
    }

    @Test(arguments: seeds)
    func everyCycleReconcilesIssuedAsConfirmedFailedReversedAndInFlight(_ seed: UInt64) {
        let simulation = Self.simulate(seed)
        enum Stage {
            case scheduled, issued, confirmed
            case failed(retryable: Bool)
            case reversed
        }
        struct Tally: Equatable {
            var scheduled = 0, issued = 0, confirmed = 0, failed = 0, reversed = 0, inFlight = 0, issuedMinor: Int64 = 0, settledMinor: Int64 = 0
        }
        var stages: [PaymentKey: Stage] = [:]
        var amounts: [PaymentKey: Int64] = [:]
        var events: [PaymentKey: (issued: Int, failed: Int, reversed: Int)] = [:]
        var closedCycles = 0
        for entry in simulation.ledger.log {
            if let close = entry.event as? PaymentCycleClosed {
                // The reconciliation recorded equals the one computed from the payments' own events up to it.
                var t = Tally()
                var issuedMinor: Int64 = 0
                var confirmedMinor: Int64 = 0
                var failedMinor: Int64 = 0
                var reversedMinor: Int64 = 0
                var inFlightMinor: Int64 = 0
                for (key, stage) in stages where key.cycle == close.cycle {
                    let n = events[key] ?? (0, 0, 0)
                    let amount = amounts[key]!
                    t.scheduled += 1
                    t.issued += n.issued
                    t.failed += n.failed
                    t.reversed += n.reversed
                    issuedMinor += Int64(n.issued) * amount
                    failedMinor += Int64(n.failed) * amount
                    reversedMinor += Int64(n.reversed) * amount
                    if case .confirmed = stage {
                        t.confirmed += 1
                        confirmedMinor += amount
                    }
                    if case .issued = stage {
                        t.inFlight += 1
                        inFlightMinor += amount
                    }
                }
                #expect(t.issued == t.confirmed + t.failed + t.reversed + t.inFlight, "seed \(seed) \(close.cycle)")
                #expect(issuedMinor == confirmedMinor + failedMinor + reversedMinor + inFlightMinor, "seed \(seed) \(close.cycle)")
                let c = close.counts
                #expect(
                    [c.scheduled, c.issued, c.confirmed, c.failed, c.reversed, c.inFlight] == [
                        t.scheduled, t.issued, t.confirmed, t.failed, t.reversed, t.inFlight,
                    ], "seed \(seed) \(close.cycle)")
                let a = close.totals
                #expect(
                    [a.issuedAmountMinor, a.confirmedAmountMinor, a.failedAmountMinor, a.reversedAmountMinor, a.inFlightAmountMinor]
                        == [issuedMinor, confirmedMinor, failedMinor, reversedMinor, inFlightMinor], "seed \(seed) \(close.cycle)")
                closedCycles += 1
                continue
            }
            guard let key = Self.paymentKey(entry.event) else { continue }
            let stage = stages[key]
            switch entry.event {
            case let e as PaymentScheduled:
                #expect(stage == nil, "seed \(seed): scheduled twice")
                stages[key] = .scheduled
                amounts[key] = e.amountMinor
            case let e as PaymentIssued:
                switch stage {
                case .scheduled, .failed(retryable: true): break
                default: Issue.record("seed \(seed): \(e.paymentId) issued from \(String(describing: stage))")
                }
                #expect(e.amountMinor == amounts[key], "seed \(seed): issued amount")
                stages[key] = .issued
                events[key, default: (0, 0, 0)].issued += 1
            case let e as PaymentConfirmed:
                if case .issued = stage {} else { Issue.record("seed \(seed): \(e.paymentId) confirmed from \(String(describing: stage))") }
                stages[key] = .confirmed
            case let e as PaymentFailed:
                if case .issued = stage {} else { Issue.record("seed \(seed): \(e.paymentId) failed from \(String(describing: stage))") }
                stages[key] = .failed(retryable: e.retryable)
                events[key, default: (0, 0, 0)].failed += 1
            case let e as PaymentReversed:
                switch stage {
                case .issued, .confirmed: break
                default: Issue.record("seed \(seed): \(e.paymentId) reversed from \(String(describing: stage))")
                }
                stages[key] = .reversed
                events[key, default: (0, 0, 0)].reversed += 1
            default: break
            }
        }
        #expect(closedCycles == 8, "seed \(seed)")
    }

    @Test(arguments: seeds)
    func everyEntitlementIsTheScheduleInForceAppliedToTheCompositionOnItsDate(_ seed: UInt64) {
        let simulation = Self.simulate(seed)
        var householdEvents: [HouseholdID: [any DomainEvent]] = [:]
        var entitlements: [HouseholdID: [(BusinessDate, Int64)]] = [:]
        var topUps: [HouseholdID: [TopUpGranted]] = [:]
        var enrolmentDates: [PaymentCycle: BusinessDate] = [:]
        var v2Published = false
        var checked = 0
        for entry in simulation.ledger.log {
            let event = entry.event
            var recorded: (HouseholdID, BusinessDate, Int, Sex, Int64)?
            switch event {
            case let e as BenefitSchedulePublished where e.scheduleVersion == 2: v2Published = true
            case let e as PaymentCycleOpened: enrolmentDates[e.cycle] = e.enrolmentDate
            case let e as BeneficiaryEnrolled: recorded = (e.householdId, e.effectiveOn, e.householdSize, e.headSex, e.monthlyAmountMinor)
            case let e as EntitlementChanged: recorded = (e.householdId, e.effectiveOn, e.householdSize, e.headSex, e.monthlyAmountMinor)
            case let e as TemporaryEnrolmentGranted: recorded = (e.householdId, e.effectiveOn, e.householdSize, e.headSex, e.monthlyAmountMinor)
            case let e as TopUpGranted: topUps[e.householdId, default: []].append(e)
            case let e as PaymentScheduled:
                // A payment is the entitlement in force on the cycle's date plus the top-ups for the cycle.
                let date = enrolmentDates[e.cycle]!
                let inForce = (entitlements[e.householdId] ?? []).filter { $0.0 <= date }.max { $0.0 < $1.0 }?.1 ?? 0
                let topUp = (topUps[e.householdId] ?? []).filter { $0.cycles.contains(e.cycle) }.map(\.amountPerCycleMinor).reduce(0, +)
                #expect(e.amountMinor == inForce + topUp, "seed \(seed): \(e.paymentId)")
                #expect(e.components.map(\.amountMinor).reduce(0, +) == e.amountMinor, "seed \(seed): \(e.paymentId) components")
            default:
                if entry.stream.hasPrefix("household-"), let id = Self.household(of: event) { householdEvents[id, default: []].append(event) }
            }
            guard let (id, date, size, sex, amount) = recorded else { continue }
            let expected = Self.scheduled(householdEvents[id] ?? [], on: date, v2Published: v2Published)
            #expect(expected?.size == size, "seed \(seed): \(event.eventType) of \(id) on \(date): size")
            #expect(expected?.sex == sex, "seed \(seed): \(event.eventType) of \(id) on \(date): head")
            #expect(expected?.amount == amount, "seed \(seed): \(event.eventType) of \(id) on \(date): amount")
            // Last recorded of equal dates wins, as Beneficiary.entitlement(on:) reads.
            entitlements[id, default: []].removeAll { $0.0 == date }
            entitlements[id, default: []].append((date, amount))
            checked += 1
        }
        _ = checked
    }

    @Test(arguments: seeds)
    func aRetroactiveExclusionsOverpaymentsAreThePaymentsIssuedForCyclesFromItsDate(_ seed: UInt64) {
        let simulation = Self.simulate(seed)
        let log = simulation.ledger.log
        var enrolmentDates: [PaymentCycle: BusinessDate] = [:]
        var held: [PaymentKey: Int64] = [:]  // issued and neither failed nor reversed
        var outstanding: [HouseholdID: [PaymentCycle: Int64]] = [:]
        var exclusions = 0
        var overpaid = 0
        var i = 0
        while i < log.count {
            let event = log[i].event
            switch event {
            case let e as PaymentCycleOpened: enrolmentDates[e.cycle] = e.enrolmentDate
            case let e as PaymentIssued: held[PaymentKey(e.programmeId, e.cycle, e.householdId)] = e.amountMinor
            case let e as PaymentFailed: held[PaymentKey(e.programmeId, e.cycle, e.householdId)] = nil
            case let e as PaymentReversed: held[PaymentKey(e.programmeId, e.cycle, e.householdId)] = nil
            case let e as OverpaymentRecovered: outstanding[e.householdId, default: [:]][e.cycle, default: 0] -= e.amountMinor
            case let e as BeneficiaryExcluded:
                exclusions += 1
                // The overpayments appended with it, in the same decision.
                var identified: [PaymentCycle: Int64] = [:]
                var j = i + 1
                while j < log.count, let o = log[j].event as? OverpaymentIdentified, o.householdId == e.householdId {
                    #expect(o.exclusionEffectiveOn == e.effectiveOn && o.cause == .retroactiveExclusion, "seed \(seed)")
                    identified[o.cycle] = o.amountMinor
                    j += 1
                }
                var expected: [PaymentCycle: Int64] = [:]
                for (key, amount) in held where key.householdId == e.householdId && enrolmentDates[key.cycle]! >= e.effectiveOn {
                    if (outstanding[e.householdId]?[key.cycle] ?? 0) <= 0 { expected[key.cycle] = amount }
                }
                #expect(identified == expected, "seed \(seed): exclusion of \(e.householdId) effective \(e.effectiveOn)")
                #expect(identified.values.reduce(0, +) == expected.values.reduce(0, +), "seed \(seed)")
                for (cycle, amount) in identified { outstanding[e.householdId, default: [:]][cycle, default: 0] += amount }
                overpaid += identified.count
                i = j
                continue
            default: break
            }
            i += 1
        }
        _ = (exclusions, overpaid)
    }

    @Test func theRandomHistoriesExerciseEveryPathThePropertiesSpeakOf() {
        // Guards the properties against vacuity: over the seeds, each kind of event they reason about occurs,
        // and the refusals that protect them (a second payment, a payment to a household not enrolled) happen.
        var kinds: [String: Int] = [:]
        var refusals: [String: Int] = [:]
        for seed in Self.seeds {
            let simulation = Self.simulate(seed)
            for entry in simulation.ledger.log { kinds[entry.event.eventType, default: 0] += 1 }
            for (code, n) in simulation.rejections { refusals[code, default: 0] += n }
        }
        #expect((kinds["PaymentScheduled"] ?? 0) >= 300, "\(kinds)")
        #expect((kinds["PaymentIssued"] ?? 0) >= 150, "\(kinds)")
        for kind in [
            "BeneficiaryEnrolled", "EntitlementChanged", "TemporaryEnrolmentGranted", "TopUpGranted", "BeneficiarySuspended", "SuspensionLifted",
            "BeneficiaryExcluded", "OverpaymentIdentified", "ExclusionAppealed", "ExclusionReversed", "OverpaymentRecovered", "BeneficiaryExited",
            "PaymentConfirmed", "PaymentFailed", "PaymentReversed", "PaymentCycleClosed", "MemberAdded", "MemberRemoved",
        ] {
            #expect((kinds[kind] ?? 0) > 0, "no \(kind) in \(kinds)")
        }
        for code in ["duplicate_payment", "not_enrolled", "household_suspended", "household_excluded", "payment_state_conflict", "amount_mismatch"] {
            #expect((refusals[code] ?? 0) > 0, "no \(code) refusal in \(refusals)")
        }
    }

    @Test(arguments: seeds.prefix(3))
    func everyEventOfARandomHistorySatisfiesItsSchema(_ seed: UInt64) {
        let simulation = Self.simulate(seed)
        expectSchemaValid(simulation.ledger.log.map(\.event))
        #expect(simulation.ledger.log.count > 200)
    }
}
