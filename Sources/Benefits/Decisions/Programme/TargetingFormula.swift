import EventStore
import Foundation

/// A published proxy-means-test formula: `score = intercept + Σ weightᵢ × xᵢ` over the indicators
/// it weighs, yes/no indicators counting 1 or 0, rounded half to even to six fractional digits
/// (calibration.md §7; targeting-formula-published.v1.json).
public struct TargetingFormula: Sendable, Hashable {
    /// The publication.
    public let published: TargetingFormulaPublished

    /// The formula of a publication.
    /// - Parameter published: the `TargetingFormulaPublished` event.
    public init(_ published: TargetingFormulaPublished) {
        self.published = published
    }

    /// The formula version.
    public var version: Int { published.formulaVersion }

    /// Checks the indicator values against their ranges and precision.
    /// - Parameter indicators: the values collected.
    /// - Throws: ``DomainRejection`` `indicator_out_of_range` naming the indicator.
    public static func check(_ indicators: HouseholdAssessed.Indicators) throws(DomainRejection) {
        // The ranges of the numeric indicators (household-assessed.v2.json).
        let ranges: [(IndicatorCode, DecimalNumber, Decimal, Decimal)] = [
            (.logHouseholdSize, indicators.logHouseholdSize, 0, 4),
            (.dependencyRatio, indicators.dependencyRatio, 0, 1),
        ]
        for (code, value, lower, upper) in ranges {
            guard value.isWithin(lower, upper), value.fitsFractionDigits else {
                throw DomainRejection(
                    .indicatorOutOfRange, rule: "\(code.rawValue) lies in \(lower)…\(upper) with at most 6 fractional digits",
                    field: "indicators.\(code.rawValue)", value: value.description)
            }
        }
    }

    /// The value of one indicator as the formula counts it, or `nil` when it was not collected.
    static func value(of code: IndicatorCode, in x: HouseholdAssessed.Indicators) -> Decimal? {
        func flag(_ b: Bool?) -> Decimal? { b.map { $0 ? 1 : 0 } }
        switch code {
        case .logHouseholdSize: return x.logHouseholdSize.decimal
        case .dependencyRatio: return x.dependencyRatio.decimal
        case .headEducationLevel: return Decimal(x.headEducationLevel.rawValue)
        case .memberEarnsSalaryOrPension: return flag(x.memberEarnsSalaryOrPension)
        case .crowdingOver3PerRoom: return flag(x.crowdingOver3PerRoom)
        case .ownsCar: return flag(x.ownsCar)
        case .ownsDwelling: return flag(x.ownsDwelling)
        case .ruralResidence: return flag(x.ruralResidence)
        case .memberAtUniversity: return flag(x.memberAtUniversity)
        case .chronicallyIllOrDisabledMember: return flag(x.chronicallyIllOrDisabledMember)
        case .pipedWater: return flag(x.pipedWater)
        case .publicGridElectricity: return flag(x.publicGridElectricity)
        }
    }

    /// The household's score.
    /// - Parameter indicators: the values collected.
    /// - Returns: the score, rounded half to even to six fractional digits.
    /// - Throws: ``DomainRejection`` `indicator_out_of_range`, `indicator_missing` (a weighed indicator
    ///   not collected), or `score_out_of_range` (outside 0…20 for ln consumption, 0…100 for an index).
    public func score(_ indicators: HouseholdAssessed.Indicators) throws(DomainRejection) -> DecimalNumber {
        try TargetingFormula.check(indicators)
        var sum = published.intercept.decimal
        for code in published.weights.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            guard let x = TargetingFormula.value(of: code, in: indicators) else {
                throw DomainRejection(
                    .indicatorMissing, rule: "formula v\(version) weighs \(code.rawValue)", field: "indicators.\(code.rawValue)",
                    value: "absent")
            }
            sum += published.weights[code]!.decimal * x
        }
        let rounded = DecimalNumber.roundedHalfEven(sum)
        let upper: Decimal = published.scoreScale == .lnMonthlyPerCapitaConsumption ? 20 : 100
        guard rounded >= 0, rounded <= upper else {
            throw DomainRejection(
                .scoreOutOfRange, rule: "formula v\(version) scores lie in 0…\(upper) on \(published.scoreScale.rawValue)", field: "indicators",
                value: "score \(rounded)")
        }
        return DecimalNumber.exact(rounded)
    }
}
