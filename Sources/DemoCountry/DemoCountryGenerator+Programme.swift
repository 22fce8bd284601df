import Benefits
import EventStore

extension DemoCountryGenerator {
    static let minister = DemoCountryGenerator.metadata("user:minister.molsa", role: "minister", reason: "programme-rules")

    /// The intercept b0 such that 17.5 % of the pilot's persons consume below the poverty line
    /// (calibration §7), millionths: ln(137,000) less the persons-weighted 17.5 % quantile of
    /// consumption less intercept.
    static func calibratedInterceptMicro(seed: UInt64) -> Int64 {
        var pilot: [(value: Int64, persons: Int)] = []
        pilot.reserveCapacity(pilotHouseholds)
        var persons = 0
        for index in 0..<pilotHouseholds {
            let h = DrawnHousehold.draw(index: index, seed: seed)
            pilot.append((h.consumptionLessInterceptMicro, h.size))
            persons += h.size
        }
        pilot.sort { $0.value < $1.value || ($0.value == $1.value && $0.persons < $1.persons) }
        let target = persons * CountryCalibration.povertyHeadcountPerMillion / 1_000_000
        var below = 0
        for entry in pilot {
            below += entry.persons
            if below >= target { return CountryCalibration.cutoffMicro - entry.value }
        }
        return CountryCalibration.cutoffMicro - pilot.last!.value
    }

    func defineProgramme() async throws {
        let id = Self.programmeId
        let start = BusinessDate(year: 2024, month: 10, day: 1)!
        let intercept = Self.calibratedInterceptMicro(seed: configuration.seed)
        summary.interceptMicro = intercept
        try await emit(
            DefineProgramme(
                programmeId: id, country: CountryCode("IQ"), currency: .iqd, timeZone: .baghdad, legalBasis: Self.law, startsOn: start,
                objectionWindowMonths: 1), Self.minister)
        try await emit(
            PublishTargetingFormula(
                programmeId: id, formulaVersion: 1, effectiveFrom: start, intercept: DrawnHousehold.decimal(micro: intercept),
                weights: CountryCalibration.weightsMicro.mapValues { DrawnHousehold.decimal(micro: $0) }), Self.minister)
        try await emit(
            PublishEligibilityRule(
                programmeId: id, ruleVersion: 1, effectiveFrom: start, legalBasis: Self.law, formulaVersion: 1,
                pmtThreshold: DrawnHousehold.decimal(micro: CountryCalibration.cutoffMicro + Self.thresholdOffsetMicro), combination: .pmtAndCategory,
                categories: [
                    .init(category: .marriedUnemployed), .init(category: .widow), .init(category: .divorcedWoman), .init(category: .prisonerWife),
                    .init(category: .singleWoman, minAge: 35), .init(category: .orphan, maxAge: 18), .init(category: .abandonedWife),
                    .init(category: .disabledPerson), .init(category: .elderlyUnableToWork, minAge: 60),
                ]), Self.minister)
        try await emit(
            PublishBenefitSchedule(
                programmeId: id, scheduleVersion: 1, effectiveFrom: start, legalBasis: Self.law, currency: .iqd,
                sizeTableByHeadSex: .init(female: CountryCalibration.benefitFemaleHeaded, male: CountryCalibration.benefitMaleHeaded)),
            Self.minister)
    }

    /// The fiscal year's budget: the enrolled caseload's monthly entitlement × 12, plus 10 % for
    /// top-ups and growth, in whole millions of dinars.
    func allocateBudget(fiscalYear: Int, decidedOn: BusinessDate) async throws {
        let annual = max(summary.enrolledMonthlyEntitlement, 1) * 12 * 11 / 10
        let amount = (annual + 999_999) / 1_000_000 * 1_000_000
        try await emit(
            AllocateBudget(
                programmeId: Self.programmeId, fiscalYear: fiscalYear, kind: .initial, currency: .iqd, amountMinor: amount, decidedOn: decidedOn,
                decisionRef: EvidenceReference("budget-law:\(fiscalYear)")),
            Self.metadata("user:finance.mof", role: "finance-ministry", reason: "budget-law"))
    }
}
