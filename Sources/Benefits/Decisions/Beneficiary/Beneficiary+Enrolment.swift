import EventStore

extension Beneficiary {
    /// Decides ``DetermineEligibility`` under the rule in force on the effective date, from the
    /// household's latest assessment under the rule's formula and its composition on that date.
    ///
    /// The outcome is a fact either way: an ineligible household gets `EligibilityDetermined` with its
    /// reasons. An exclusion in force makes the household ineligible (`exclusionInForce`).
    /// - Parameters:
    ///   - command: the command.
    ///   - household: the household's registry record.
    ///   - programme: the programme.
    /// - Returns: `EligibilityDetermined`.
    /// - Throws: ``DomainRejection`` `unknown_household`, `effective_date_before_registration`, `unknown_programme`,
    ///   `no_rule_in_force`, `not_assessed`, `scale_mismatch`.
    public func decide(_ command: DetermineEligibility, household: Household, programme: Programme) throws(DomainRejection) -> [any DomainEvent] {
        try household.requireRegistered(command.householdId, on: command.effectiveOn, field: "effectiveOn")
        guard programme.isDefined else { throw .unknownProgramme(command.programmeId) }
        let rule = try Beneficiary.rule(of: programme, on: command.effectiveOn)
        let assessment = try Beneficiary.assessment(of: household, command.householdId, command.programmeId, rule: rule, on: command.effectiveOn)
        var (outcome, categories, reasons) = rule.determine(score: assessment.score, composition: household.composition(on: command.effectiveOn))
        if status(on: command.effectiveOn) == .excluded || status == .excluded {
            outcome = .ineligible
            reasons.append(.exclusionInForce)
        }
        return [
            EligibilityDetermined(
                programmeId: command.programmeId, householdId: command.householdId, ruleVersion: rule.version,
                formulaVersion: rule.published.formulaVersion, score: assessment.score, scoreScale: assessment.scoreScale, outcome: outcome,
                categoriesMet: categories, ineligibilityReasons: reasons.isEmpty ? nil : reasons, effectiveOn: command.effectiveOn)
        ]
    }

    /// Decides ``Enrol``: a household found eligible under the rule in force on the effective date is
    /// enrolled with the entitlement the schedule in force computes from its composition on that date.
    /// A temporarily enrolled household may be enrolled regularly.
    /// - Parameters:
    ///   - command: the command.
    ///   - household: the household's registry record.
    ///   - programme: the programme.
    /// - Returns: `BeneficiaryEnrolled`.
    /// - Throws: ``DomainRejection`` `unknown_household`, `effective_date_before_registration`, `unknown_programme`,
    ///   `effective_date_before_programme_start`, `already_enrolled`, `household_suspended`, `household_excluded`,
    ///   `no_rule_in_force`, `not_eligible`, `payee_not_member`, `no_schedule_in_force`, `no_head_of_household`,
    ///   `currency_mismatch`, `amount_overflow`.
    public func decide(_ command: Enrol, household: Household, programme: Programme) throws(DomainRejection) -> [any DomainEvent] {
        try household.requireRegistered(command.householdId, on: command.effectiveOn, field: "effectiveOn")
        guard let definition = programme.definition else { throw .unknownProgramme(command.programmeId) }
        guard command.effectiveOn >= definition.startsOn else {
            throw DomainRejection(
                .effectiveDateBeforeProgrammeStart, rule: "effectiveOn is on or after the programme's start (\(definition.startsOn))",
                field: "effectiveOn", value: command.effectiveOn.description)
        }
        switch status {
        case .notEnrolled, .exited, .temporarilyEnrolled: break
        case .enrolled, .suspended:
            throw DomainRejection(
                .alreadyEnrolled, rule: "a household is enrolled once", field: "householdId", value: "\(command.householdId) (\(status))")
        case .excluded:
            throw Beneficiary.refusal(status, command.householdId, rule: "an excluded household is reinstated, not enrolled")
        }
        let rule = try Beneficiary.rule(of: programme, on: command.effectiveOn)
        guard let determination = latestDetermination, determination.outcome == .eligible, determination.ruleVersion == rule.version,
            determination.effectiveOn <= command.effectiveOn
        else {
            let found = latestDetermination.map { d in
                d.outcome == .eligible
                    ? "eligible under rule v\(d.ruleVersion) on \(d.effectiveOn)"
                    : "ineligible (\((d.ineligibilityReasons ?? []).map(\.rawValue).joined(separator: ",")))"
            }
            throw DomainRejection(
                .notEligible, rule: "\(rule.summary): a determination 'eligible' under the rule in force on \(command.effectiveOn)",
                field: "householdId", value: "\(command.householdId): \(found ?? "not determined")")
        }
        let (composition, entitlement) = try Beneficiary.entitlement(
            of: household, programme: programme, payee: command.payeePersonId, on: command.effectiveOn)
        return [
            BeneficiaryEnrolled(
                programmeId: command.programmeId, householdId: command.householdId, ruleVersion: rule.version,
                scheduleVersion: entitlement.scheduleVersion, effectiveOn: command.effectiveOn, payeePersonId: command.payeePersonId,
                headSex: entitlement.headSex, householdSize: composition.size, currency: entitlement.currency,
                monthlyAmountMinor: entitlement.monthlyAmountMinor, components: entitlement.components)
        ]
    }

    /// Decides ``RecalculateEntitlement``: the entitlement from the schedule in force and the
    /// composition on the effective date, recorded when it differs from the one in force.
    /// - Parameters:
    ///   - command: the command.
    ///   - household: the household's registry record.
    ///   - programme: the programme.
    /// - Returns: `EntitlementChanged`, or nothing when the entitlement is unchanged.
    /// - Throws: ``DomainRejection`` `unknown_household`, `effective_date_before_registration`, `not_enrolled`,
    ///   `household_excluded`, `effective_date_too_early`, `unknown_programme`, `no_schedule_in_force`,
    ///   `no_head_of_household`, `currency_mismatch`, `amount_overflow`.
    public func decide(_ command: RecalculateEntitlement, household: Household, programme: Programme) throws(DomainRejection)
        -> [any DomainEvent]
    {
        try household.requireRegistered(command.householdId, on: command.effectiveOn, field: "effectiveOn")
        try requireEnrolled(command.householdId, allowSuspended: true, rule: "an entitlement is recalculated while enrolled")
        try requireOnOrAfterEnrolment(command.effectiveOn, field: "effectiveOn")
        guard programme.isDefined else { throw .unknownProgramme(command.programmeId) }
        let (composition, new) = try Beneficiary.entitlement(of: household, programme: programme, payee: nil, on: command.effectiveOn)
        guard let previous = entitlement(on: command.effectiveOn), previous != new else { return [] }
        let cause: EntitlementChanged.Cause =
            command.cause
            ?? (previous.scheduleVersion != new.scheduleVersion
                ? .scheduleChanged : previous.headSex != new.headSex ? .headChanged : .compositionChanged)
        return [
            EntitlementChanged(
                programmeId: command.programmeId, householdId: command.householdId, scheduleVersion: new.scheduleVersion,
                effectiveOn: command.effectiveOn, cause: cause, previousMonthlyAmountMinor: previous.monthlyAmountMinor, headSex: new.headSex,
                householdSize: composition.size, currency: new.currency, monthlyAmountMinor: new.monthlyAmountMinor, components: new.components)
        ]
    }

    /// The rule in force, or `no_rule_in_force`.
    static func rule(of programme: Programme, on date: BusinessDate, field: String = "effectiveOn") throws(DomainRejection) -> EligibilityRule {
        guard let rule = programme.rule(inForceOn: date) else {
            throw DomainRejection(.noRuleInForce, rule: "an eligibility rule is in force on the date", field: field, value: date.description)
        }
        return rule
    }

    /// The latest assessment under the rule's formula on or before `date`, on the rule's scale.
    static func assessment(
        of household: Household, _ householdId: HouseholdID, _ programmeId: ProgrammeID, rule: EligibilityRule, on date: BusinessDate
    ) throws(DomainRejection) -> HouseholdAssessed {
        guard let assessment = household.latestAssessment(programmeId: programmeId, formulaVersion: rule.published.formulaVersion, on: date) else {
            throw DomainRejection(
                .notAssessed, rule: "\(rule.summary) reads an assessment under formula v\(rule.published.formulaVersion) on or before \(date)",
                field: "householdId", value: householdId.rawValue)
        }
        guard assessment.scoreScale == rule.published.scoreScale else {
            throw DomainRejection(
                .scaleMismatch, rule: "\(rule.summary) is on \(rule.published.scoreScale.rawValue)", field: "householdId",
                value: "score on \(assessment.scoreScale.rawValue)")
        }
        return assessment
    }

    /// The composition on `date` and the entitlement the schedule in force computes from it; checks the payee, if given.
    static func entitlement(of household: Household, programme: Programme, payee: PersonID?, on date: BusinessDate) throws(DomainRejection) -> (
        HouseholdComposition, Entitlement
    ) {
        let composition = household.composition(on: date)
        if let payee, !composition.contains(payee) {
            throw DomainRejection(.payeeNotMember, rule: "the payee is a member on \(date)", field: "payeePersonId", value: payee.rawValue)
        }
        guard let schedule = programme.schedule(inForceOn: date) else {
            throw DomainRejection(
                .noScheduleInForce, rule: "a benefit schedule is in force on the date", field: "effectiveOn", value: date.description)
        }
        guard schedule.published.currency == programme.currency else {
            throw DomainRejection(
                .currencyMismatch, rule: "schedule v\(schedule.version) is in the programme's currency \(programme.currency?.code ?? "?")",
                field: "currency", value: schedule.published.currency.code)
        }
        return (composition, try schedule.entitlement(for: composition))
    }
}
