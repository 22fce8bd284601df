import EventStore
import Foundation

extension Programme {
    /// Decides ``DeclareEmergencyTopUp``.
    ///
    /// A top-up that also enrols near-eligible households temporarily needs a relaxed threshold on
    /// the scale of the rule in force on the declaration date, above that rule's threshold, and an
    /// end date after the declaration.
    /// - Parameter command: the command.
    /// - Returns: `EmergencyTopUpDeclared`.
    /// - Throws: ``DomainRejection`` `unknown_programme`, `duplicate_identifier`, `currency_mismatch`,
    ///   `parameter_out_of_range` (amount, cycles, areas), `amount_overflow`, `no_rule_in_force`, `scale_mismatch`,
    ///   `relaxed_threshold_invalid`.
    public func decide(_ command: DeclareEmergencyTopUp) throws(DomainRejection) -> [any DomainEvent] {
        guard let definition else { throw .unknownProgramme(command.programmeId) }
        guard topUps[command.topUpId] == nil else {
            throw DomainRejection(
                .duplicateIdentifier, rule: "a top-up id is declared once", field: "topUpId", value: command.topUpId.rawValue)
        }
        try requireCurrency(command.currency, field: "currency")
        guard command.amountMinor > 0 else {
            throw DomainRejection(.parameterOutOfRange, rule: "a top-up amount is positive", field: "amountMinor", value: String(command.amountMinor))
        }
        try DomainRejection.checkEventBounds(Money(minorUnits: command.amountMinor, currency: command.currency), field: "amountMinor")
        guard !command.cycles.isEmpty, Set(command.cycles).count == command.cycles.count else {
            throw DomainRejection(
                .parameterOutOfRange, rule: "a top-up lists at least one cycle, each once", field: "cycles", value: "\(command.cycles.count) cycles")
        }
        let country = definition.country.rawValue
        guard !command.areas.isEmpty,
            command.areas.allSatisfy({ $0.rawValue == country || $0.rawValue.hasPrefix(country + "-") })
        else {
            throw DomainRejection(
                .parameterOutOfRange, rule: "a top-up lists at least one area of \(country)", field: "areas",
                value: command.areas.map(\.rawValue).joined(separator: ","))
        }
        switch (command.beneficiaries, command.temporaryEnrolment) {
        case (.enrolledHouseholds, nil):
            break
        case (.enrolledHouseholds, .some):
            throw DomainRejection(
                .relaxedThresholdInvalid, rule: "a temporary enrolment is declared with beneficiaries enrolledAndTemporary",
                field: "temporaryEnrolment", value: "given")
        case (.enrolledAndTemporary, nil):
            throw DomainRejection(
                .relaxedThresholdInvalid, rule: "enrolledAndTemporary declares a relaxed threshold and an end date", field: "temporaryEnrolment",
                value: "absent")
        case (.enrolledAndTemporary, .some(let temporary)):
            guard let rule = rule(inForceOn: command.declaredOn) else {
                throw DomainRejection(
                    .noRuleInForce, rule: "an eligibility rule is in force on the declaration date", field: "declaredOn",
                    value: command.declaredOn.description)
            }
            guard temporary.scoreScale == rule.published.scoreScale else {
                throw DomainRejection(
                    .scaleMismatch, rule: "the relaxed threshold is on the scale of eligibility rule v\(rule.version)",
                    field: "temporaryEnrolment.scoreScale", value: temporary.scoreScale.rawValue)
            }
            let upper: Decimal = temporary.scoreScale == .lnMonthlyPerCapitaConsumption ? 20 : 100
            guard temporary.relaxedThreshold.decimal > rule.published.pmtThreshold.decimal,
                temporary.relaxedThreshold.isWithin(0, upper), temporary.relaxedThreshold.fitsFractionDigits
            else {
                throw DomainRejection(
                    .relaxedThresholdInvalid, rule: "the relaxed threshold is above \(rule.summary) and within the scale",
                    field: "temporaryEnrolment.relaxedThreshold", value: temporary.relaxedThreshold.description)
            }
            guard temporary.endsOn > command.declaredOn else {
                throw DomainRejection(
                    .relaxedThresholdInvalid, rule: "a temporary enrolment ends after its declaration (\(command.declaredOn))",
                    field: "temporaryEnrolment.endsOn", value: temporary.endsOn.description)
            }
        }
        return [
            EmergencyTopUpDeclared(
                programmeId: command.programmeId, topUpId: command.topUpId, shock: command.shock, basis: command.basis, currency: command.currency,
                amountMinor: command.amountMinor, cycles: command.cycles.sorted(), areas: command.areas, beneficiaries: command.beneficiaries,
                temporaryEnrolment: command.temporaryEnrolment, declaredOn: command.declaredOn, legalBasis: command.legalBasis)
        ]
    }
}
