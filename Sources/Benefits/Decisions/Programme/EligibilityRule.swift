import EventStore
import Foundation

/// A published eligibility rule: a PMT threshold on a formula's score, combined with the categorical
/// criteria of the law (Law 11/2014 for Iraq's SPN) as ``EligibilityRulePublished/combination`` says.
///
/// A household is below the threshold when its score is strictly less than it. It meets a category
/// when one of its members on the date does:
///
/// | category | a member who is |
/// | --- | --- |
/// | marriedUnemployed | married and unemployed, 18 or older |
/// | widow | a widowed woman |
/// | divorcedWoman | a divorced woman |
/// | prisonerWife | a woman whose husband is imprisoned |
/// | singleWoman | a never-married woman of at least `minAge` (35) |
/// | orphan | an orphan younger than `maxAge` (18): the rule's "under which a person counts as an orphan" |
/// | abandonedWife | a woman abandoned by her husband |
/// | disabledPerson | moderately or severely disabled |
/// | elderlyUnableToWork | unable to work, of at least `minAge` (60) |
///
/// `minAge` and `maxAge` bound the age of the member for every criterion that gives them.
public struct EligibilityRule: Sendable, Hashable {
    /// The publication.
    public let published: EligibilityRulePublished

    /// The rule of a publication.
    /// - Parameter published: the `EligibilityRulePublished` event.
    public init(_ published: EligibilityRulePublished) {
        self.published = published
    }

    /// The rule version.
    public var version: Int { published.ruleVersion }

    /// The threshold as a sentence, for rejections: `eligibility rule v2 (pmtAndCategory): score < 11.827736`.
    public var summary: String {
        "eligibility rule v\(version) (\(published.combination.rawValue)): score < \(published.pmtThreshold)"
    }

    /// Whether a score is below the threshold.
    /// - Parameter score: a score on the rule's scale.
    /// - Returns: `score < pmtThreshold`.
    public func isBelowThreshold(_ score: DecimalNumber) -> Bool {
        score.decimal < published.pmtThreshold.decimal
    }

    /// The rule's categories that the household meets on the composition's date, in the rule's order.
    /// - Parameter composition: the household on the date.
    /// - Returns: the categories met.
    public func categoriesMet(by composition: HouseholdComposition) -> [EligibilityCategory] {
        published.categories.filter { criterion in composition.members.contains { EligibilityRule.meets(criterion, $0) } }.map(\.category)
    }

    static func meets(_ criterion: EligibilityRulePublished.Criterion, _ m: HouseholdComposition.Member) -> Bool {
        if let minAge = criterion.minAge, m.age < minAge { return false }
        if let maxAge = criterion.maxAge, m.age >= maxAge { return false }
        let woman = m.sex == .female
        switch criterion.category {
        case .marriedUnemployed: return m.maritalStatus == .married && m.workStatus == .unemployed && m.age >= 18
        case .widow: return woman && m.maritalStatus == .widowed
        case .divorcedWoman: return woman && m.maritalStatus == .divorced
        case .prisonerWife: return woman && m.maritalStatus == .spouseImprisoned
        case .singleWoman: return woman && m.maritalStatus == .neverMarried
        case .orphan: return m.orphanhood != .notOrphan
        case .abandonedWife: return woman && m.maritalStatus == .abandoned
        case .disabledPerson: return m.disability != .noDisability
        case .elderlyUnableToWork: return m.workStatus == .unableToWork
        }
    }

    /// Applies the rule.
    /// - Parameters:
    ///   - score: the household's score on the rule's scale.
    ///   - composition: the household on the date.
    /// - Returns: the outcome, the categories met, and the reasons when ineligible.
    public func determine(score: DecimalNumber, composition: HouseholdComposition) -> (
        outcome: EligibilityDetermined.Outcome, categoriesMet: [EligibilityCategory], reasons: [EligibilityDetermined.IneligibilityReason]
    ) {
        let below = isBelowThreshold(score)
        let categories = categoriesMet(by: composition)
        var reasons: [EligibilityDetermined.IneligibilityReason] = []
        switch published.combination {
        case .pmtOnly:
            if !below { reasons = [.scoreAboveThreshold] }
        case .pmtAndCategory:
            if !below { reasons.append(.scoreAboveThreshold) }
            if categories.isEmpty { reasons.append(.noQualifyingCategory) }
        case .pmtOrCategory:
            if !below && categories.isEmpty { reasons = [.scoreAboveThreshold, .noQualifyingCategory] }
        }
        return (reasons.isEmpty ? .eligible : .ineligible, categories, reasons)
    }
}
