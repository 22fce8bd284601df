import EventStore

extension Beneficiary {
    /// Decides ``GrantTopUp``: a household enrolled on the grant date, living in one of the declared
    /// areas then, is granted the top-up for the declared cycles that have not ended; a per-member
    /// top-up counts the members on the grant date.
    /// - Parameters:
    ///   - command: the command.
    ///   - household: the household's registry record (area, members).
    ///   - programme: the programme (the declaration).
    /// - Returns: `TopUpGranted`.
    /// - Throws: ``DomainRejection`` `unknown_programme`, `unknown_top_up`, `unknown_household`, `effective_date_too_early`,
    ///   `top_up_already_granted`, `not_enrolled`, `household_suspended`, `household_excluded`, `outside_declared_areas`,
    ///   `top_up_ended`, `amount_overflow`.
    public func decide(_ command: GrantTopUp, household: Household, programme: Programme) throws(DomainRejection) -> [any DomainEvent] {
        let declaration = try Beneficiary.declaration(command.topUpId, of: programme, command.programmeId, on: command.grantedOn, field: "grantedOn")
        try household.requireRegistered(command.householdId, on: command.grantedOn, field: "grantedOn")
        try requirePayable(command.householdId, on: command.grantedOn, rule: "a top-up goes to households enrolled on the grant date")
        return [try grant(declaration, to: household, command.householdId, on: command.grantedOn)]
    }

    /// Decides ``GrantTemporaryEnrolment``: a near-eligible household (score not below the rule's
    /// threshold but below the top-up's relaxed one) in a declared area is enrolled until the top-up's
    /// end date with the entitlement of the schedule in force, and granted the top-up.
    /// - Parameters:
    ///   - command: the command.
    ///   - household: the household's registry record.
    ///   - programme: the programme.
    /// - Returns: `TemporaryEnrolmentGranted`, then `TopUpGranted` unless the top-up was granted before.
    /// - Throws: ``DomainRejection`` `unknown_programme`, `unknown_top_up`, `effective_date_too_early`,
    ///   `temporary_enrolment_not_offered`, `unknown_household`, `effective_date_before_registration`, `already_enrolled`,
    ///   `household_suspended`, `household_excluded`, `outside_declared_areas`, `no_rule_in_force`, `not_assessed`, `scale_mismatch`,
    ///   `eligible_for_regular_enrolment`, `not_eligible`, `payee_not_member`, `no_schedule_in_force`, `no_head_of_household`,
    ///   `amount_overflow`.
    public func decide(_ command: GrantTemporaryEnrolment, household: Household, programme: Programme) throws(DomainRejection)
        -> [any DomainEvent]
    {
        let declaration = try Beneficiary.declaration(
            command.topUpId, of: programme, command.programmeId, on: command.effectiveOn, field: "effectiveOn")
        guard declaration.beneficiaries == .enrolledAndTemporary, let temporary = declaration.temporaryEnrolment,
            command.effectiveOn <= temporary.endsOn
        else {
            throw DomainRejection(
                .temporaryEnrolmentNotOffered,
                rule: "top-up \(command.topUpId) offers temporary enrolment until \(declaration.temporaryEnrolment?.endsOn.description ?? "—")",
                field: "effectiveOn", value: command.effectiveOn.description)
        }
        try household.requireRegistered(command.householdId, on: command.effectiveOn, field: "effectiveOn")
        switch status {
        case .notEnrolled, .exited: break
        default: throw Beneficiary.refusal(status, command.householdId, rule: "temporary enrolment is for households not enrolled")
        }
        try Beneficiary.requireArea(of: household, command.householdId, in: declaration, on: command.effectiveOn)
        let rule = try Beneficiary.rule(of: programme, on: command.effectiveOn)
        let assessment = try Beneficiary.assessment(of: household, command.householdId, command.programmeId, rule: rule, on: command.effectiveOn)
        guard assessment.scoreScale == temporary.scoreScale else {
            throw DomainRejection(
                .scaleMismatch, rule: "the relaxed threshold of \(command.topUpId) is on \(temporary.scoreScale.rawValue)", field: "householdId",
                value: "score on \(assessment.scoreScale.rawValue)")
        }
        guard !rule.isBelowThreshold(assessment.score) else {
            throw DomainRejection(
                .eligibleForRegularEnrolment, rule: "\(rule.summary): a household below it is enrolled regularly", field: "householdId",
                value: "\(command.householdId): score \(assessment.score)")
        }
        guard assessment.score.decimal < temporary.relaxedThreshold.decimal else {
            throw DomainRejection(
                .notEligible, rule: "top-up \(command.topUpId): score < relaxed threshold \(temporary.relaxedThreshold)", field: "householdId",
                value: "\(command.householdId): score \(assessment.score)")
        }
        let (composition, entitlement) = try Beneficiary.entitlement(
            of: household, programme: programme, payee: command.payeePersonId, on: command.effectiveOn)
        var events: [any DomainEvent] = [
            TemporaryEnrolmentGranted(
                programmeId: command.programmeId, householdId: command.householdId, topUpId: command.topUpId, score: assessment.score,
                scoreScale: assessment.scoreScale, relaxedThreshold: temporary.relaxedThreshold, scheduleVersion: entitlement.scheduleVersion,
                effectiveOn: command.effectiveOn, endsOn: temporary.endsOn, payeePersonId: command.payeePersonId, headSex: entitlement.headSex,
                householdSize: composition.size, currency: entitlement.currency, monthlyAmountMinor: entitlement.monthlyAmountMinor,
                components: entitlement.components)
        ]
        if topUps[command.topUpId] == nil, let granted = try? grant(declaration, to: household, command.householdId, on: command.effectiveOn) {
            events.append(granted)
        }
        return events
    }

    /// Decides ``EndTemporaryEnrolment``: after its end date, a temporary enrolment ends with an exit
    /// effective the day after.
    /// - Parameter command: the command.
    /// - Returns: `BeneficiaryExited` with reason `temporaryEnrolmentEnded`.
    /// - Throws: ``DomainRejection`` `temporary_enrolment_not_ended`.
    public func decide(_ command: EndTemporaryEnrolment) throws(DomainRejection) -> [any DomainEvent] {
        guard case .temporarilyEnrolled(_, let endsOn) = enrolment, status == enrolment || status == .suspended,
            command.decidedOn > endsOn
        else {
            let until: String
            if case .temporarilyEnrolled(_, let endsOn) = enrolment { until = "ends \(endsOn)" } else { until = "\(status)" }
            throw DomainRejection(
                .temporaryEnrolmentNotEnded, rule: "a temporary enrolment ends after its end date", field: "householdId",
                value: "\(command.householdId) (\(until))")
        }
        return [
            BeneficiaryExited(
                programmeId: command.programmeId, householdId: command.householdId, reason: .temporaryEnrolmentEnded,
                effectiveOn: endsOn.adding(days: 1), decidedBy: command.decidedBy)
        ]
    }

    /// The grant of a declared top-up to this household on `date`.
    func grant(_ declaration: EmergencyTopUpDeclared, to household: Household, _ householdId: HouseholdID, on date: BusinessDate)
        throws(DomainRejection) -> TopUpGranted
    {
        guard topUps[declaration.topUpId] == nil else {
            throw DomainRejection(
                .topUpAlreadyGranted, rule: "a top-up is granted once per household", field: "topUpId", value: declaration.topUpId.rawValue)
        }
        try Beneficiary.requireArea(of: household, householdId, in: declaration, on: date)
        let cycles = declaration.cycles.filter { $0 >= date.paymentCycle }.sorted()
        guard !cycles.isEmpty else {
            throw DomainRejection(
                .topUpEnded, rule: "top-up \(declaration.topUpId) has cycles from \(date.paymentCycle) on", field: "grantedOn",
                value: date.description)
        }
        let members = household.composition(on: date).size
        let unit = Money(minorUnits: declaration.amountMinor, currency: declaration.currency)
        let perCycle: Money
        switch declaration.basis {
        case .perHousehold: perCycle = unit
        case .perMember:
            perCycle = try DomainRejection.money { () throws(MoneyError) in try unit.multiplied(by: Int64(members), field: "amountPerCycleMinor") }
        }
        try DomainRejection.checkEventBounds(perCycle, field: "amountPerCycleMinor")
        guard perCycle.minorUnits > 0 else {
            throw DomainRejection(
                .nothingToPay, rule: "a per-member top-up counts at least one member", field: "householdId", value: householdId.rawValue)
        }
        return TopUpGranted(
            programmeId: declaration.programmeId, topUpId: declaration.topUpId, householdId: householdId, basis: declaration.basis,
            memberCount: declaration.basis == .perMember ? members : nil, currency: declaration.currency, amountPerCycleMinor: perCycle.minorUnits,
            cycles: cycles, grantedOn: date)
    }

    /// The declaration of a top-up, on or after its declaration date.
    static func declaration(_ topUpId: TopUpID, of programme: Programme, _ programmeId: ProgrammeID, on date: BusinessDate, field: String)
        throws(DomainRejection) -> EmergencyTopUpDeclared
    {
        guard programme.isDefined else { throw .unknownProgramme(programmeId) }
        guard let declaration = programme.topUps[topUpId] else {
            throw DomainRejection(.unknownTopUp, rule: "the top-up was declared", field: "topUpId", value: topUpId.rawValue)
        }
        guard date >= declaration.declaredOn else {
            throw .tooEarly(date, field: field, notBefore: declaration.declaredOn, what: "the top-up's declaration")
        }
        return declaration
    }

    /// Refuses a household that lives outside the declared areas on `date`.
    static func requireArea(of household: Household, _ householdId: HouseholdID, in declaration: EmergencyTopUpDeclared, on date: BusinessDate)
        throws(DomainRejection)
    {
        guard let area = household.area(on: date), declaration.areas.contains(where: { area.lies(in: $0) }) else {
            throw DomainRejection(
                .outsideDeclaredAreas,
                rule: "top-up \(declaration.topUpId) covers \(declaration.areas.map(\.rawValue).joined(separator: ", "))",
                field: "householdId", value: "\(householdId) in \(household.area(on: date)?.district.rawValue ?? "no area")")
        }
    }
}
