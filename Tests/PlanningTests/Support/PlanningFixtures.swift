import Benefits
import DaftarJSON
import EventStore
import Foundation
import Planning

/// Hand-built programmes and cohorts for the planner's method tests.
enum PlanningFixtures {
    static let programme = ProgrammeID("iq-test")
    static let law = LegalBasis("IQ-LAW-11-2014")

    static func date(_ text: String) -> BusinessDate { try! BusinessDate(parsing: text) }
    static func month(_ text: String) -> PaymentCycle { PaymentCycle(year: Int(text.prefix(4))!, month: Int(text.suffix(2))!)! }
    static func number(_ text: String) -> DecimalNumber { DecimalNumber(JSONNumber(literal: text)!) }
    static func rate(_ text: String) -> Rate { try! Rate(parsing: text) }

    static let defined = ProgrammeDefined(
        programmeId: programme, country: CountryCode("IQ"), programmeKind: .unconditionalCashTransfer, currency: .iqd, paymentFrequency: .monthly,
        timeZone: .baghdad, legalBasis: law, startsOn: date("2024-01-01"), objectionWindowMonths: 1)

    /// A rule: eligible below `threshold`, with the given combination and categories.
    static func rule(threshold: String, combination: EligibilityRulePublished.Combination = .pmtOnly, categories: [EligibilityRulePublished.Criterion] = [])
        -> EligibilityRulePublished
    {
        EligibilityRulePublished(
            programmeId: programme, ruleVersion: 1, effectiveFrom: date("2024-01-01"), legalBasis: law, formulaVersion: 1,
            scoreScale: .lnMonthlyPerCapitaConsumption, pmtThreshold: number(threshold), combination: combination, categories: categories)
    }

    /// A flat schedule paying `base` a household a month.
    static func flat(_ base: Int64, version: Int = 1, from: String = "2024-01-01") -> BenefitSchedulePublished {
        BenefitSchedulePublished(
            programmeId: programme, scheduleVersion: version, effectiveFrom: date(from), legalBasis: law, currency: .iqd, baseAmountMinor: base)
    }

    /// Iraq's SPN size table by head's sex (calibration §6).
    static let sizeTable = BenefitSchedulePublished(
        programmeId: programme, scheduleVersion: 1, effectiveFrom: date("2024-01-01"), legalBasis: law, currency: .iqd,
        sizeTableByHeadSex: .init(female: [125_000, 200_000, 275_000, 325_000], male: [125_000, 175_000, 225_000, 275_000]))

    static func programme(_ events: [any DomainEvent]) -> Programme {
        Programme(events: [defined] + events)
    }

    static func member(_ id: String, _ sex: Sex, born: String, relationship: Relationship = .otherRelative) -> CohortMember {
        CohortMember(personId: PersonID(id), sex: sex, birthDate: date(born), relationship: relationship)
    }

    /// A household with a head and `others` members, in a governorate.
    static func household(
        _ n: Int, governorate: String = "IQ-BG", standing: CohortStanding = .enrolled, score: String? = "11.5", others: [CohortMember] = []
    ) -> CohortHousehold {
        let id = String(format: "%08d", n)
        let head = member("P-\(id)-01", .male, born: "1980-05-10", relationship: .head)
        return CohortHousehold(
            householdId: HouseholdID("HH-\(id)"), governorate: GovernorateCode(governorate), district: DistrictCode("\(governorate)-01"),
            standing: standing, score: score.map { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX"))! }, headPersonId: head.personId,
            members: [head] + others)
    }

    /// A scenario with every rate fixed at zero, so only the method remains.
    static func fixed(_ name: String = "fixed", changes: [ScenarioChange] = [], administrativeShare: String = "0") -> Scenario {
        Scenario(
            name: name, currency: .iqd, administrativeShare: rate(administrativeShare),
            rates: .init(exit: .zero, entry: .zero, failure: .zero), changes: changes)
    }

    /// The plan's total of a column over rows matching a predicate.
    static func sum(_ result: PlanResult, _ value: (PlanRow) -> Int64, where predicate: (PlanRow) -> Bool = { _ in true }) -> Int64 {
        result.rows.filter(predicate).reduce(0) { $0 + value($1) }
    }
}
