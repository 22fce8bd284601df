import EventStore

extension Programme {
    /// Decides ``PublishCrossMatchExclusionRule``.
    ///
    /// Each criterion must be able to meet a hit: a threshold amount only on an indicator whose hits
    /// carry an amount (loans, salaries, pensions), a model year only on `ownsRecentVehicle`; and no
    /// criterion repeats another's registry, indicator and thresholds (the later one could never be
    /// the first met).
    /// - Parameter command: the command.
    /// - Returns: `CrossMatchExclusionRulePublished`.
    /// - Throws: ``DomainRejection`` `unknown_programme`, `version_not_next`, `effective_date_before_previous_version`,
    ///   `effective_date_before_programme_start`, `currency_mismatch`, `criterion_inconsistent`, `amount_overflow`.
    public func decide(_ command: PublishCrossMatchExclusionRule) throws(DomainRejection) -> [any DomainEvent] {
        try requireNextVersion(
            command.programmeId, version: command.ruleVersion, field: "ruleVersion", effectiveFrom: command.effectiveFrom,
            published: crossMatchRules.map { ($0.ruleVersion, $0.effectiveFrom) })
        try requireCurrency(command.currency, field: "currency")
        guard (1...50).contains(command.criteria.count) else {
            throw DomainRejection(
                .criterionInconsistent, rule: "a cross-match exclusion rule has 1 to 50 criteria", field: "criteria",
                value: "\(command.criteria.count) criteria")
        }
        typealias Key = (SourceRegistry, CrossMatchIndicator, Int64?, Int?)
        var seen: [(Key, Int)] = []
        for (i, criterion) in command.criteria.enumerated() {
            let field = "criteria[\(i)]"
            if let threshold = criterion.thresholdAmountMinor {
                guard CrossMatchExclusionRulePublished.Criterion.amountIndicators.contains(criterion.indicator) else {
                    throw DomainRejection(
                        .criterionInconsistent, rule: "a threshold amount applies to loans, salaries and pensions, whose hits carry an amount",
                        field: "\(field).thresholdAmountMinor", value: criterion.indicator.rawValue)
                }
                try DomainRejection.checkEventBounds(Money(minorUnits: threshold, currency: command.currency), field: "\(field).thresholdAmountMinor")
            }
            if criterion.vehicleModelYearFrom != nil, criterion.indicator != .ownsRecentVehicle {
                throw DomainRejection(
                    .criterionInconsistent, rule: "a model year applies to ownsRecentVehicle", field: "\(field).vehicleModelYearFrom",
                    value: criterion.indicator.rawValue)
            }
            let key: Key = (criterion.sourceRegistry, criterion.indicator, criterion.thresholdAmountMinor, criterion.vehicleModelYearFrom)
            if let earlier = seen.first(where: { $0.0 == key }) {
                throw DomainRejection(
                    .criterionInconsistent, rule: "criterion \(i) repeats criterion \(earlier.1), so it could never be the first met", field: field,
                    value: "\(criterion.sourceRegistry.rawValue)/\(criterion.indicator.rawValue)")
            }
            seen.append((key, i))
        }
        return [
            CrossMatchExclusionRulePublished(
                programmeId: command.programmeId, ruleVersion: command.ruleVersion, effectiveFrom: command.effectiveFrom,
                legalBasis: command.legalBasis, currency: command.currency, criteria: command.criteria)
        ]
    }
}
