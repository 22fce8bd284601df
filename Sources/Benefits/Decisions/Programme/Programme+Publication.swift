import EventStore
import Foundation

extension Programme {
    /// Decides ``DefineProgramme``.
    /// - Parameter command: the command.
    /// - Returns: `ProgrammeDefined`.
    /// - Throws: ``DomainRejection`` `programme_already_defined`, `parameter_out_of_range` (objection window 1–12 months).
    public func decide(_ command: DefineProgramme) throws(DomainRejection) -> [any DomainEvent] {
        guard !isDefined else {
            throw DomainRejection(
                .programmeAlreadyDefined, rule: "a programme id is defined once", field: "programmeId", value: command.programmeId.rawValue)
        }
        guard (1...12).contains(command.objectionWindowMonths) else {
            throw DomainRejection(
                .parameterOutOfRange, rule: "the objection window is 1 to 12 months", field: "objectionWindowMonths",
                value: String(command.objectionWindowMonths))
        }
        return [
            ProgrammeDefined(
                programmeId: command.programmeId, country: command.country, programmeKind: command.programmeKind, currency: command.currency,
                paymentFrequency: command.paymentFrequency, timeZone: command.timeZone, legalBasis: command.legalBasis, startsOn: command.startsOn,
                objectionWindowMonths: command.objectionWindowMonths)
        ]
    }

    /// Decides ``PublishTargetingFormula``.
    /// - Parameter command: the command.
    /// - Returns: `TargetingFormulaPublished`.
    /// - Throws: ``DomainRejection`` `unknown_programme`, `version_not_next`, `effective_date_before_previous_version`,
    ///   `effective_date_before_programme_start`, `parameter_out_of_range` (weights −10…10, intercept −100…100,
    ///   at most six fractional digits, at least one weight).
    public func decide(_ command: PublishTargetingFormula) throws(DomainRejection) -> [any DomainEvent] {
        try requireNextVersion(
            command.programmeId, version: command.formulaVersion, field: "formulaVersion", effectiveFrom: command.effectiveFrom,
            published: formulas.map { ($0.formulaVersion, $0.effectiveFrom) })
        guard !command.weights.isEmpty else {
            throw DomainRejection(.parameterOutOfRange, rule: "a formula weighs at least one indicator", field: "weights", value: "none")
        }
        guard command.intercept.isWithin(-100, 100), command.intercept.fitsFractionDigits else {
            throw DomainRejection(
                .parameterOutOfRange, rule: "the intercept lies in −100…100 with at most 6 fractional digits", field: "intercept",
                value: command.intercept.description)
        }
        for code in command.weights.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            let weight = command.weights[code]!
            guard weight.isWithin(-10, 10), weight.fitsFractionDigits else {
                throw DomainRejection(
                    .parameterOutOfRange, rule: "a weight lies in −10…10 with at most 6 fractional digits", field: "weights.\(code.rawValue)",
                    value: weight.description)
            }
        }
        return [
            TargetingFormulaPublished(
                programmeId: command.programmeId, formulaVersion: command.formulaVersion, effectiveFrom: command.effectiveFrom,
                scoreScale: command.scoreScale, intercept: command.intercept, weights: command.weights, decisionRef: command.decisionRef)
        ]
    }

    /// Decides ``PublishEligibilityRule``; the rule's scale is its formula's.
    /// - Parameter command: the command.
    /// - Returns: `EligibilityRulePublished`.
    /// - Throws: ``DomainRejection`` `unknown_programme`, `version_not_next`, `effective_date_before_previous_version`,
    ///   `effective_date_before_programme_start`, `unknown_formula_version`, `parameter_out_of_range` (threshold),
    ///   `categories_inconsistent`, `criterion_age_missing`.
    public func decide(_ command: PublishEligibilityRule) throws(DomainRejection) -> [any DomainEvent] {
        try requireNextVersion(
            command.programmeId, version: command.ruleVersion, field: "ruleVersion", effectiveFrom: command.effectiveFrom,
            published: rules.map { ($0.ruleVersion, $0.effectiveFrom) })
        guard let formula = formulas.first(where: { $0.formulaVersion == command.formulaVersion }) else {
            throw DomainRejection(
                .unknownFormulaVersion, rule: "the rule reads a published formula version", field: "formulaVersion",
                value: String(command.formulaVersion))
        }
        let upper: Decimal = formula.scoreScale == .lnMonthlyPerCapitaConsumption ? 20 : 100
        guard command.pmtThreshold.isWithin(0, upper), command.pmtThreshold.fitsFractionDigits else {
            throw DomainRejection(
                .parameterOutOfRange, rule: "the threshold lies in 0…\(upper) with at most 6 fractional digits", field: "pmtThreshold",
                value: command.pmtThreshold.description)
        }
        let categories = command.categories.map(\.category)
        let consistent =
            Set(categories).count == categories.count
            && (command.combination == .pmtOnly ? categories.isEmpty : !categories.isEmpty)
        guard consistent else {
            throw DomainRejection(
                .categoriesInconsistent, rule: "pmtOnly lists no category, the other combinations at least one, each once",
                field: "categories", value: "\(command.combination.rawValue) with \(categories.count) categories")
        }
        for (i, criterion) in command.categories.enumerated() {
            let needsMin = [.singleWoman, .elderlyUnableToWork].contains(criterion.category) && criterion.minAge == nil
            let needsMax = criterion.category == .orphan && criterion.maxAge == nil
            if needsMin || needsMax {
                throw DomainRejection(
                    .criterionAgeMissing, rule: "\(criterion.category.rawValue) needs \(needsMin ? "minAge" : "maxAge")",
                    field: "categories[\(i)]", value: criterion.category.rawValue)
            }
        }
        return [
            EligibilityRulePublished(
                programmeId: command.programmeId, ruleVersion: command.ruleVersion, effectiveFrom: command.effectiveFrom,
                legalBasis: command.legalBasis, formulaVersion: command.formulaVersion, scoreScale: formula.scoreScale,
                pmtThreshold: command.pmtThreshold, combination: command.combination, categories: command.categories)
        ]
    }

    /// Decides ``PublishBenefitSchedule``.
    /// - Parameter command: the command.
    /// - Returns: `BenefitSchedulePublished`.
    /// - Throws: ``DomainRejection`` `unknown_programme`, `version_not_next`, `effective_date_before_previous_version`,
    ///   `effective_date_before_programme_start`, `currency_mismatch`, `schedule_incomplete`, `amount_overflow`.
    public func decide(_ command: PublishBenefitSchedule) throws(DomainRejection) -> [any DomainEvent] {
        try requireNextVersion(
            command.programmeId, version: command.scheduleVersion, field: "scheduleVersion", effectiveFrom: command.effectiveFrom,
            published: schedules.map { ($0.scheduleVersion, $0.effectiveFrom) })
        try requireCurrency(command.currency, field: "currency")
        guard command.sizeTableByHeadSex != nil || command.baseAmountMinor != nil else {
            throw DomainRejection(
                .scheduleIncomplete, rule: "a schedule has a size table by head's sex or a base amount", field: "sizeTableByHeadSex",
                value: "absent")
        }
        var amounts: [(String, Int64)] = []
        if let table = command.sizeTableByHeadSex {
            for (sex, row) in [("female", table.female), ("male", table.male)] {
                guard (1...20).contains(row.count) else {
                    throw DomainRejection(
                        .scheduleIncomplete, rule: "each row of the size table has 1 to 20 amounts", field: "sizeTableByHeadSex.\(sex)",
                        value: "\(row.count) amounts")
                }
                amounts += row.enumerated().map { ("sizeTableByHeadSex.\(sex)[\($0.offset)]", $0.element) }
            }
        }
        if let base = command.baseAmountMinor { amounts.append(("baseAmountMinor", base)) }
        if let cap = command.capAmountMinor { amounts.append(("capAmountMinor", cap)) }
        if let m = command.memberComponents {
            let units: [(String, Int64?)] = [
                ("perMemberAmountMinor", m.perMemberAmountMinor), ("perChildAmountMinor", m.perChildAmountMinor),
                ("perElderlyAmountMinor", m.perElderlyAmountMinor), ("perDisabledAmountMinor", m.perDisabledAmountMinor),
            ]
            guard units.contains(where: { $0.1 != nil }) else {
                throw DomainRejection(
                    .scheduleIncomplete, rule: "member components give at least one per-member amount", field: "memberComponents",
                    value: "no amount")
            }
            if m.perChildAmountMinor != nil, m.childUnderAge == nil {
                throw DomainRejection(
                    .scheduleIncomplete, rule: "a per-child amount needs childUnderAge", field: "memberComponents.childUnderAge", value: "absent")
            }
            if m.perElderlyAmountMinor != nil, m.elderlyFromAge == nil {
                throw DomainRejection(
                    .scheduleIncomplete, rule: "a per-elderly amount needs elderlyFromAge", field: "memberComponents.elderlyFromAge",
                    value: "absent")
            }
            amounts += units.compactMap { name, unit in unit.map { ("memberComponents.\(name)", $0) } }
        }
        for (field, amount) in amounts {
            guard amount >= 0 else {
                throw DomainRejection(.parameterOutOfRange, rule: "schedule amounts are not negative", field: field, value: String(amount))
            }
            try DomainRejection.checkEventBounds(Money(minorUnits: amount, currency: command.currency), field: field)
        }
        return [
            BenefitSchedulePublished(
                programmeId: command.programmeId, scheduleVersion: command.scheduleVersion, effectiveFrom: command.effectiveFrom,
                legalBasis: command.legalBasis, currency: command.currency, sizeTableByHeadSex: command.sizeTableByHeadSex,
                baseAmountMinor: command.baseAmountMinor, memberComponents: command.memberComponents, capAmountMinor: command.capAmountMinor)
        ]
    }

    /// Decides ``AllocateBudget``.
    /// - Parameter command: the command.
    /// - Returns: `BudgetAllocated`.
    /// - Throws: ``DomainRejection`` `unknown_programme`, `currency_mismatch`, `parameter_out_of_range` (amount ≤ 0),
    ///   `amount_overflow`, `budget_below_zero`.
    public func decide(_ command: AllocateBudget) throws(DomainRejection) -> [any DomainEvent] {
        guard isDefined else { throw .unknownProgramme(command.programmeId) }
        try requireCurrency(command.currency, field: "currency")
        guard command.amountMinor > 0 else {
            throw DomainRejection(.parameterOutOfRange, rule: "an allocation is positive", field: "amountMinor", value: String(command.amountMinor))
        }
        let amount = Money(minorUnits: command.amountMinor, currency: command.currency)
        try DomainRejection.checkEventBounds(amount, field: "amountMinor")
        let line = BudgetLine(fiscalYear: command.fiscalYear, governorate: command.governorate)
        let current = Money(minorUnits: budgets[line] ?? 0, currency: command.currency)
        let after = try DomainRejection.money { () throws(MoneyError) in
            command.kind == .reduction
                ? try current.subtracting(amount, field: "amountMinor") : try current.adding(amount, field: "amountMinor")
        }
        guard !after.isNegative else {
            throw DomainRejection(
                .budgetBelowZero, rule: "a reduction leaves the \(command.fiscalYear) budget at zero or more (now \(current))",
                field: "amountMinor", value: amount.description)
        }
        return [
            BudgetAllocated(
                programmeId: command.programmeId, fiscalYear: command.fiscalYear, kind: command.kind, currency: command.currency,
                amountMinor: command.amountMinor, governorate: command.governorate, decidedOn: command.decidedOn,
                decisionRef: command.decisionRef)
        ]
    }

    /// Refuses an undefined programme, a version that is not the next, or an effective date before the
    /// latest version's or the programme's start.
    func requireNextVersion(
        _ programmeId: ProgrammeID, version: Int, field: String, effectiveFrom: BusinessDate, published: [(Int, BusinessDate)]
    ) throws(DomainRejection) {
        guard let definition else { throw .unknownProgramme(programmeId) }
        let next = (published.map(\.0).max() ?? 0) + 1
        guard version == next else {
            throw DomainRejection(.versionNotNext, rule: "the next \(field) is \(next)", field: field, value: String(version))
        }
        if let latest = published.map(\.1).max(), effectiveFrom < latest {
            throw DomainRejection(
                .effectiveDateBeforePreviousVersion, rule: "version \(version) takes effect on or after version \(next - 1) (\(latest))",
                field: "effectiveFrom", value: effectiveFrom.description)
        }
        guard effectiveFrom >= definition.startsOn else {
            throw DomainRejection(
                .effectiveDateBeforeProgrammeStart, rule: "effectiveFrom is on or after the programme's start (\(definition.startsOn))",
                field: "effectiveFrom", value: effectiveFrom.description)
        }
    }

    /// Refuses an amount in another currency than the programme's.
    func requireCurrency(_ currency: Currency, field: String) throws(DomainRejection) {
        guard let own = self.currency, own == currency else {
            throw DomainRejection(
                .currencyMismatch, rule: "amounts are in the programme's currency \(self.currency?.code ?? "?")", field: field,
                value: currency.code)
        }
    }
}
