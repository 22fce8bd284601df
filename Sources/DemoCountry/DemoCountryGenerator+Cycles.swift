import Benefits
import EventStore

extension DemoCountryGenerator {
    static let paymentRun = DemoCountryGenerator.metadata("system:payment-run", role: "system", reason: "monthly-payment")

    /// The month the cross-match runs (the fourth, or the last of a shorter run).
    var crossMatchMonth: Int { min(4, configuration.months) }

    func day(_ cycle: PaymentCycle, _ day: Int) -> BusinessDate { BusinessDate(year: cycle.year, month: cycle.month, day: day)! }

    /// One month: exits, the top-up's declaration and grants (in ``DemoCountryConfiguration/topUpMonth``),
    /// a schedule change's publication or the caseload's recalculation under it, the cycle's payments,
    /// the cross-match, appeals falling due, the close.
    func runMonth(_ m: Int, _ cycle: PaymentCycle) async throws {
        if m > 1 { try await recordExits(cycle) }
        if m == configuration.topUpMonth { try await declareEmergencyTopUp(from: m) }
        if let change = configuration.scheduleChange {
            if m == change.publishedInMonth { try await publishScheduleChange(change) }
            if m == change.effectiveMonth { try await recalculateEntitlements(cycle) }
        }
        try await emit(
            OpenPaymentCycle(
                programmeId: Self.programmeId, cycle: cycle, enrolmentDate: cycle.firstDay, windowOpensOn: day(cycle, 5),
                windowClosesOn: day(cycle, 25)), Self.paymentRun)
        try await pay(cycle)
        if m == crossMatchMonth, configuration.crossMatch == .inMemory { try await crossMatch(m, cycle) }
        try await runAgenda(through: cycle.lastDay)
        if cycle.month == 12 && m < configuration.months {
            try await allocateBudget(fiscalYear: cycle.year + 1, decidedOn: day(cycle, 20))
        }
        let paid = caseload.filter { ledger.households[$0.id]?.payments[cycle] != nil }.map(\.id)
        try await emit(
            ClosePaymentCycle(programmeId: Self.programmeId, cycle: cycle, closedOn: cycle.lastDay, households: paid),
            Self.metadata("user:finance.molsa", role: "finance-officer", reason: "reconciliation"))
        // Exclusions reach two cycles back; keep those, and every payment of a household ever excluded.
        let keepFrom = configuration.cycles[max(0, m - 2)]
        ledger.forgetPayments(before: keepFrom, of: caseload.map(\.id)) { $0.beneficiary.exclusion != nil }
    }

    /// Schedules the cycle for the caseload (the domain skips those not payable), then issues each
    /// payment; a few fail (most are issued again and confirmed), a few confirmed ones are reversed.
    func pay(_ cycle: PaymentCycle) async throws {
        let run = SchedulePayments(programmeId: Self.programmeId, cycle: cycle, households: caseload.map(\.id))
        let state = ledger.cycles[cycle]?.state ?? PaymentCycleState()
        let decision: CaseloadDecision<PaymentScheduled>
        do {
            decision = try run.decide(
                cycle: state,
                candidates: caseload.map { member in
                    let streams = ledger.households[member.id]
                    return (member.id, streams?.beneficiary ?? Beneficiary(), streams?.payments[cycle]?.payment ?? Payment())
                })
        } catch {
            throw DemoCountryError(code: "domain_rejected", message: "SchedulePayments was refused: \(error)", field: error.field, rule: error.rule)
        }
        for scheduled in decision.decided {
            let key = PaymentKey(Self.programmeId, cycle, scheduled.householdId)
            try await push(
                try ledger.record([scheduled], targets: [key.stream: .payment(cycle, scheduled.householdId)], metadata: Self.paymentRun, key: nextKey()))
            summary.paymentsScheduled += 1
            summary.scheduledAmount += scheduled.amountMinor
            try await settle(scheduled, cycle)
        }
    }

    func settle(_ scheduled: PaymentScheduled, _ cycle: PaymentCycle) async throws {
        let id = scheduled.householdId
        let (channel, provider, prefix): (PaymentIssued.Channel, String, String) =
            [(.prepaidCard, "qi-card", "QI"), (.mobileWallet, "zain-cash", "ZC"), (.bankTransfer, "rafidain", "RB")][random.pick(weights: [70, 15, 15])]
        let ref = ProviderReference("\(prefix)-\(cycle)-\(id.rawValue.dropFirst(3))")
        func issue(_ on: Int, _ ref: ProviderReference) -> RecordPaymentIssued {
            RecordPaymentIssued(
                programmeId: Self.programmeId, cycle: cycle, householdId: id, channel: channel, providerId: ProviderID(provider), providerRef: ref,
                currency: .iqd, amountMinor: scheduled.amountMinor, issuedOn: day(cycle, on))
        }
        func confirm(_ on: Int, _ ref: ProviderReference) -> RecordPaymentConfirmed {
            RecordPaymentConfirmed(
                programmeId: Self.programmeId, cycle: cycle, householdId: id, providerRef: ref, currency: .iqd, amountMinor: scheduled.amountMinor,
                confirmedAt: UTCTimestamp(text: "\(day(cycle, on))T09:30:00Z")!)
        }
        try await emit(issue(10, ref), Self.paymentRun)
        if random.chance(perMillion: CountryCalibration.failedPaymentsPerMillion) {
            summary.paymentsFailed += 1
            let retryable = random.chance(perMillion: CountryCalibration.retryablePerMillion)
            let reason: PaymentFailed.Reason =
                retryable ? [.notCollectedInWindow, .technicalError, .cardBlocked][random.pick(weights: [60, 25, 15])]
                : [.accountClosed, .payeeNotFound][random.pick(weights: [50, 50])]
            try await emit(
                RecordPaymentFailed(
                    programmeId: Self.programmeId, cycle: cycle, householdId: id, reason: reason, retryable: retryable, failedOn: day(cycle, 13),
                    providerRef: ref), Self.paymentRun)
            guard retryable else { return }
            let again = ProviderReference("\(ref.rawValue)-R")
            try await emit(issue(16, again), Self.paymentRun)
            try await emit(confirm(18, again), Self.paymentRun)
            summary.paymentsReissued += 1
            return
        }
        try await emit(confirm(12, ref), Self.paymentRun)
        if random.chance(perMillion: CountryCalibration.reversedPaymentsPerMillion) {
            summary.paymentsReversed += 1
            try await emit(
                RecordPaymentReversed(
                    programmeId: Self.programmeId, cycle: cycle, householdId: id,
                    reason: [.providerRecall, .issuedInError, .payeeDeceased][random.pick(weights: [50, 30, 20])], currency: .iqd,
                    amountMinor: scheduled.amountMinor, reversedOn: day(cycle, 20), decidedBy: ActorID("user:finance.molsa"), providerRef: ref),
                Self.paymentRun)
        }
    }

    /// Households leaving the programme from the first of the month.
    func recordExits(_ cycle: PaymentCycle) async throws {
        for member in caseload where ledger.households[member.id]?.beneficiary.status == .enrolled {
            guard random.chance(perMillion: CountryCalibration.monthlyExitsPerMillion) else { continue }
            let reason: BeneficiaryExited.Reason =
                member.size == 1 && random.chance(perMillion: 500_000)
                ? .allMembersDeceased : [.movedAbroad, .householdDissolved, .voluntaryWithdrawal][random.pick(weights: [40, 35, 25])]
            let manager = "user:manager.\(member.tag.lowercased()).07"
            try await emit(
                Exit(programmeId: Self.programmeId, householdId: member.id, reason: reason, effectiveOn: cycle.firstDay, decidedBy: ActorID(manager)),
                Self.metadata(manager, role: "programme-manager", reason: "exit"))
            summary.exits += 1
        }
    }

    /// A flood in two drawn governorates: 30,000 IQD per member for three cycles (fewer if the run ends
    /// first), declared on the first of the month and granted to the enrolled households there.
    func declareEmergencyTopUp(from m: Int) async throws {
        let cycles = configuration.cycles
        let first = cycles[m - 1]
        let covered = Array(cycles[(m - 1)..<min(m + 2, cycles.count)])
        var pool = CountryCalibration.governorates.map(\.code)
        let a = pool.remove(at: random.below(pool.count))
        let b = pool.remove(at: random.below(pool.count))
        let areas = [a, b].sorted()
        summary.topUpGovernorates = areas
        let topUp = TopUpID("TU-\(first.year)FLOOD1")
        try await emit(
            DeclareEmergencyTopUp(
                programmeId: Self.programmeId, topUpId: topUp, shock: .flood, basis: .perMember, currency: .iqd,
                amountMinor: CountryCalibration.emergencyTopUpPerMember, cycles: covered, areas: areas.map { AreaCode($0) }, declaredOn: first.firstDay,
                legalBasis: Self.law), Self.minister)
        let run = GrantTopUps(programmeId: Self.programmeId, topUpId: topUp, grantedOn: day(first, 2), households: caseload.map(\.id))
        let decision: CaseloadDecision<TopUpGranted>
        do {
            decision = try run.decide(
                programme: ledger.programme,
                candidates: caseload.filter { areas.contains("IQ-\($0.tag)") }.map { member in
                    let streams = ledger.households[member.id]
                    return (member.id, streams?.household ?? Household(), streams?.beneficiary ?? Beneficiary())
                })
        } catch {
            throw DemoCountryError(code: "domain_rejected", message: "GrantTopUps was refused: \(error)", field: error.field, rule: error.rule)
        }
        let metadata = Self.metadata("system:top-up-run", role: "system", reason: "emergency-top-up")
        for grant in decision.decided {
            let stream = BeneficiaryKey(Self.programmeId, grant.householdId).stream
            try await push(try ledger.record([grant], targets: [stream: .beneficiary(grant.householdId)], metadata: metadata, key: nextKey()))
            summary.topUpGrants += 1
        }
    }
}
