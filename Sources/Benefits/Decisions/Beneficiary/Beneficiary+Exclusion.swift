import EventStore

extension Beneficiary {
    /// Decides ``ProposeExclusion``: a finding (usually cross-match hits) put to a programme manager.
    ///
    /// A proposal that cites a run records who started it (`runStartedBy`, from the run), so that the
    /// decision on it can apply maker-checker. A run proposes a household's exclusion at most once, and
    /// a household has at most one open proposal per reason.
    /// - Parameters:
    ///   - command: the command.
    ///   - run: the cross-match run the proposal cites, when it cites one.
    /// - Returns: `ExclusionProposed`.
    /// - Throws: ``DomainRejection`` `not_enrolled`, `household_excluded`, `duplicate_identifier` (proposal id, or a
    ///   second proposal from one run), `proposal_already_open`, `unknown_cross_match_run`, `unknown_cross_match_hit`.
    public func decide(_ command: ProposeExclusion, run: CrossMatchRun) throws(DomainRejection) -> [any DomainEvent] {
        try requireEnrolled(command.householdId, allowSuspended: true, rule: "an exclusion is proposed for an enrolled household")
        guard !usedProposalIds.contains(command.proposalId) else {
            throw DomainRejection(
                .duplicateIdentifier, rule: "a proposal id is used once", field: "proposalId", value: command.proposalId.rawValue)
        }
        if let open = openProposals.values.filter({ $0.reason == command.reason }).map(\.proposalId).min() {
            throw DomainRejection(
                .proposalAlreadyOpen, rule: "one open proposal per household and reason (\(open) is open)", field: "reason",
                value: command.reason.rawValue)
        }
        var runStartedBy: ActorID?
        if let runId = command.crossMatchRunId {
            guard let recorded = run.run, recorded.crossMatchRunId == runId, recorded.programmeId == command.programmeId else {
                throw DomainRejection(
                    .unknownCrossMatchRun, rule: "a proposal cites a run recorded for programme \(command.programmeId)",
                    field: "crossMatchRunId", value: runId.rawValue)
            }
            if let earlier = proposalsByRun[runId] {
                throw DomainRejection(
                    .duplicateIdentifier, rule: "a run proposes a household's exclusion once (\(earlier))", field: "crossMatchRunId",
                    value: runId.rawValue)
            }
            runStartedBy = recorded.startedBy
        }
        if let hits = command.hitIds {
            for (i, hitId) in hits.enumerated() {
                guard command.crossMatchRunId != nil, let hit = run.hits[hitId], hit.householdId == command.householdId else {
                    throw DomainRejection(
                        .unknownCrossMatchHit, rule: "each hit is a hit of run \(command.crossMatchRunId?.rawValue ?? "(none)") on this household",
                        field: "hitIds[\(i)]", value: hitId.rawValue)
                }
            }
        }
        return [
            ExclusionProposed(
                proposalId: command.proposalId, programmeId: command.programmeId, householdId: command.householdId, reason: command.reason,
                proposedBy: command.proposedBy, proposedOn: command.proposedOn, effectiveOn: command.effectiveOn, evidenceRef: command.evidenceRef,
                crossMatchRunId: command.crossMatchRunId, runStartedBy: runStartedBy, hitIds: command.hitIds, personId: command.personId)
        ]
    }

    /// Decides ``DismissExclusionProposal``: by someone other than the proposal's makers (see ``requireChecker(of:decidedBy:)``).
    /// - Parameter command: the command.
    /// - Returns: `ExclusionProposalDismissed`.
    /// - Throws: ``DomainRejection`` `unknown_proposal`, `maker_checker_violation`.
    public func decide(_ command: DismissExclusionProposal) throws(DomainRejection) -> [any DomainEvent] {
        guard let proposal = openProposals[command.proposalId] else {
            throw DomainRejection(.unknownProposal, rule: "an open proposal is dismissed", field: "proposalId", value: command.proposalId.rawValue)
        }
        try requireChecker(of: proposal, decidedBy: command.decidedBy)
        return [
            ExclusionProposalDismissed(
                proposalId: command.proposalId, programmeId: command.programmeId, householdId: command.householdId, reason: command.reason,
                decidedBy: command.decidedBy, decidedOn: command.decidedOn)
        ]
    }

    /// Decides ``Exclude``, retroactively when the effective date precedes payments already made.
    ///
    /// Every cycle whose enrolment date is on or after the exclusion's effective date and whose
    /// payment was issued and not failed or reversed is overpaid: one `OverpaymentIdentified` per such
    /// cycle, for the amount issued, unless an overpayment for that cycle is still outstanding. They
    /// go to the beneficiary stream in the same append as the exclusion.
    /// - Parameters:
    ///   - command: the command.
    ///   - programme: the programme (the rule in force is recorded).
    ///   - payments: the household's payments from the effective date's cycle on, with their cycles.
    /// - Returns: `BeneficiaryExcluded`, then `OverpaymentIdentified` per overpaid cycle in cycle order.
    /// - Throws: ``DomainRejection`` `not_enrolled`, `household_excluded`, `effective_date_too_early`, `member_required`,
    ///   `unknown_proposal`, `maker_checker_violation` (deciding a proposal one made: see ``requireChecker(of:decidedBy:)``).
    public func decide(_ command: Exclude, programme: Programme, payments: [CyclePayment]) throws(DomainRejection) -> [any DomainEvent] {
        try requireEnrolled(command.householdId, allowSuspended: true, rule: "an enrolled household is excluded")
        try requireOnOrAfterEnrolment(command.effectiveOn, field: "effectiveOn")
        if command.reason == .deceased, command.personId == nil {
            throw DomainRejection(.memberRequired, rule: "a death exclusion names the deceased member", field: "personId", value: "absent")
        }
        if let proposalId = command.proposalId {
            guard let proposal = openProposals[proposalId] else {
                throw DomainRejection(
                    .unknownProposal, rule: "an exclusion decides an open proposal", field: "proposalId", value: proposalId.rawValue)
            }
            try requireChecker(of: proposal, decidedBy: command.decidedBy)
        }
        var events: [any DomainEvent] = [
            BeneficiaryExcluded(
                programmeId: command.programmeId, householdId: command.householdId, reason: command.reason, evidenceRef: command.evidenceRef,
                decidedBy: command.decidedBy, decidedOn: command.decidedOn, effectiveOn: command.effectiveOn, proposalId: command.proposalId,
                crossMatchRunId: command.crossMatchRunId, personId: command.personId,
                ruleVersion: programme.rule(inForceOn: command.effectiveOn)?.version, legalBasis: command.legalBasis)
        ]
        let scheduledPayments = payments.compactMap { item in item.payment.scheduled.map { (item, $0) } }.sorted { $0.1.cycle < $1.1.cycle }
        for (item, scheduled) in scheduledPayments {
            guard let opened = item.cycle.opened, opened.enrolmentDate >= command.effectiveOn, scheduled.householdId == command.householdId,
                scheduled.programmeId == command.programmeId, item.payment.outstandingIssuedMinor > 0,
                (overpayments[scheduled.cycle]?.outstandingMinor ?? 0) <= 0
            else { continue }
            events.append(
                OverpaymentIdentified(
                    programmeId: command.programmeId, householdId: command.householdId, cycle: scheduled.cycle, paymentId: scheduled.paymentId,
                    cause: .retroactiveExclusion, currency: scheduled.currency, amountMinor: item.payment.outstandingIssuedMinor,
                    identifiedOn: command.decidedOn, exclusionEffectiveOn: command.effectiveOn, evidenceRef: command.evidenceRef))
        }
        return events
    }

    /// Maker-checker: a proposal is decided by someone other than who started the cross-match run it
    /// comes from and who proposed it.
    /// - Parameters:
    ///   - proposal: the open proposal.
    ///   - decidedBy: who decides.
    /// - Throws: ``DomainRejection`` `maker_checker_violation`, naming the rule, on field `decidedBy`.
    public func requireChecker(of proposal: ExclusionProposed, decidedBy: ActorID) throws(DomainRejection) {
        if let starter = proposal.runStartedBy, let runId = proposal.crossMatchRunId, starter == decidedBy {
            throw DomainRejection(
                .makerCheckerViolation, rule: "maker–checker: \(starter) started run \(runId) and cannot decide its proposals", field: "decidedBy",
                value: decidedBy.rawValue)
        }
        if proposal.proposedBy == decidedBy {
            throw DomainRejection(
                .makerCheckerViolation, rule: "maker–checker: \(decidedBy) proposed \(proposal.proposalId) and cannot decide it", field: "decidedBy",
                value: decidedBy.rawValue)
        }
    }

    /// Decides ``AppealExclusion``: an objection within the programme's window after the exclusion decision.
    /// - Parameters:
    ///   - command: the command.
    ///   - programme: the programme (its objection window).
    /// - Returns: `ExclusionAppealed`.
    /// - Throws: ``DomainRejection`` `not_excluded`, `duplicate_identifier`, `appeal_already_open`,
    ///   `effective_date_too_early`, `appeal_out_of_time`.
    public func decide(_ command: AppealExclusion, programme: Programme) throws(DomainRejection) -> [any DomainEvent] {
        guard status == .excluded, let exclusion else {
            throw DomainRejection(
                .notExcluded, rule: "only an exclusion is appealed", field: "householdId", value: "\(command.householdId) (\(status))")
        }
        guard !usedAppealIds.contains(command.appealId) else {
            throw DomainRejection(.duplicateIdentifier, rule: "an appeal id is used once", field: "appealId", value: command.appealId.rawValue)
        }
        if let open = openAppeal {
            throw DomainRejection(
                .appealAlreadyOpen, rule: "one appeal at a time (\(open.appealId) is open)", field: "appealId", value: command.appealId.rawValue)
        }
        guard command.filedOn >= exclusion.decidedOn else {
            throw .tooEarly(command.filedOn, field: "filedOn", notBefore: exclusion.decidedOn, what: "the exclusion decision")
        }
        let window = programme.definition?.objectionWindowMonths ?? 1
        if let deadline = exclusion.decidedOn.adding(months: window), command.filedOn > deadline {
            throw DomainRejection(
                .appealOutOfTime, rule: "an appeal is filed within \(window) month(s) of the decision, by \(deadline)", field: "filedOn",
                value: command.filedOn.description)
        }
        return [
            ExclusionAppealed(
                programmeId: command.programmeId, householdId: command.householdId, appealId: command.appealId, grounds: command.grounds,
                channel: command.channel, filedOn: command.filedOn, evidenceRef: command.evidenceRef)
        ]
    }

    /// Decides ``RejectAppeal``: the exclusion stands.
    /// - Parameter command: the command.
    /// - Returns: `ExclusionAppealRejected`.
    /// - Throws: ``DomainRejection`` `unknown_appeal`.
    public func decide(_ command: RejectAppeal) throws(DomainRejection) -> [any DomainEvent] {
        guard let open = openAppeal, open.appealId == command.appealId else {
            throw DomainRejection(.unknownAppeal, rule: "an open appeal is decided", field: "appealId", value: command.appealId.rawValue)
        }
        return [
            ExclusionAppealRejected(
                programmeId: command.programmeId, householdId: command.householdId, appealId: command.appealId, reason: command.reason,
                decidedBy: command.decidedBy, decidedOn: command.decidedOn)
        ]
    }

    /// Decides ``ReverseExclusion``: the household is reinstated from the effective date.
    ///
    /// Overpayments identified for the exclusion in cycles whose enrolment date is on or after the
    /// reinstatement were due after all: each is waived (`OverpaymentRecovered`, method `waived`).
    /// - Parameters:
    ///   - command: the command.
    ///   - payments: the household's payments from the reinstatement's cycle on, with their cycles.
    /// - Returns: `ExclusionReversed`, then an `OverpaymentRecovered` waiver per cycle no longer overpaid.
    /// - Throws: ``DomainRejection`` `not_excluded`, `unknown_appeal`, `effective_date_too_early`.
    public func decide(_ command: ReverseExclusion, payments: [CyclePayment]) throws(DomainRejection) -> [any DomainEvent] {
        guard status == .excluded, let exclusion else {
            throw DomainRejection(
                .notExcluded, rule: "only an exclusion is reversed", field: "householdId", value: "\(command.householdId) (\(status))")
        }
        if command.reason == .appealUpheld || command.appealId != nil {
            guard let appealId = command.appealId, openAppeal?.appealId == appealId else {
                throw DomainRejection(
                    .unknownAppeal, rule: "an upheld appeal is the open appeal against the exclusion", field: "appealId",
                    value: command.appealId?.rawValue ?? "absent")
            }
        }
        guard command.effectiveOn >= exclusion.effectiveOn else {
            throw .tooEarly(command.effectiveOn, field: "effectiveOn", notBefore: exclusion.effectiveOn, what: "the exclusion")
        }
        var events: [any DomainEvent] = [
            ExclusionReversed(
                programmeId: command.programmeId, householdId: command.householdId, reason: command.reason, appealId: command.appealId,
                effectiveOn: command.effectiveOn, decidedBy: command.decidedBy, decidedOn: command.decidedOn, arrearsDue: command.arrearsDue,
                evidenceRef: command.evidenceRef)
        ]
        let enrolmentDates = Dictionary(
            payments.compactMap { item in item.cycle.opened.map { ($0.cycle, $0.enrolmentDate) } }, uniquingKeysWith: { a, _ in a })
        for cycle in overpayments.keys.sorted() {
            let balance = overpayments[cycle]!
            let due = enrolmentDates[cycle] ?? cycle.firstDay
            guard balance.cause == .retroactiveExclusion, balance.outstandingMinor > 0, due >= command.effectiveOn else { continue }
            events.append(
                OverpaymentRecovered(
                    programmeId: command.programmeId, householdId: command.householdId, cycle: cycle, paymentId: balance.paymentId,
                    method: .waived, currency: balance.currency, amountMinor: balance.outstandingMinor, recoveredOn: command.decidedOn,
                    decidedBy: command.decidedBy))
        }
        return events
    }

    /// Decides ``RecordOverpaymentRecovery``.
    /// - Parameter command: the command.
    /// - Returns: `OverpaymentRecovered`.
    /// - Throws: ``DomainRejection`` `no_outstanding_overpayment`, `currency_mismatch`, `evidence_required`.
    public func decide(_ command: RecordOverpaymentRecovery) throws(DomainRejection) -> [any DomainEvent] {
        guard let balance = overpayments[command.cycle], command.amountMinor > 0, command.amountMinor <= balance.outstandingMinor else {
            throw DomainRejection(
                .noOutstandingOverpayment,
                rule:
                    "a recovery is positive and at most what is outstanding for \(command.cycle) (\(overpayments[command.cycle]?.outstandingMinor ?? 0))",
                field: "amountMinor", value: String(command.amountMinor))
        }
        guard command.currency == balance.currency else {
            throw DomainRejection(
                .currencyMismatch, rule: "a recovery is in the overpayment's currency \(balance.currency)", field: "currency",
                value: command.currency.code)
        }
        if command.method == .deductionFromBenefit, command.deductedInCycle == nil {
            throw DomainRejection(
                .evidenceRequired, rule: "a deduction names the cycle that carried it", field: "deductedInCycle", value: "absent")
        }
        if [.cashRepayment, .providerRecall].contains(command.method), command.recoveryRef == nil {
            throw DomainRejection(
                .evidenceRequired, rule: "a \(command.method.rawValue) cites its receipt or provider reference", field: "recoveryRef", value: "absent"
            )
        }
        return [
            OverpaymentRecovered(
                programmeId: command.programmeId, householdId: command.householdId, cycle: command.cycle, paymentId: balance.paymentId,
                method: command.method, currency: command.currency, amountMinor: command.amountMinor, recoveredOn: command.recoveredOn,
                deductedInCycle: command.deductedInCycle, recoveryRef: command.recoveryRef, decidedBy: command.decidedBy)
        ]
    }
}
