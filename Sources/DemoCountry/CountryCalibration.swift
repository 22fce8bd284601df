import Benefits

/// The published figures the country is drawn from (../shared/calibration.md), as integers:
/// shares in thousandths or millionths, money in whole dinars.
public enum CountryCalibration {
    /// A governorate: ISO 3166-2 code, share of households in thousandths, districts drawn in it,
    /// and its poverty shift (calibration §5: poorer governorates consume less).
    public struct Governorate: Sendable, Hashable {
        /// ISO 3166-2 code, `IQ-BG`.
        public let code: String
        /// Share of households, thousandths (the 18 sum to 1000).
        public let weightPerMille: Int
        /// Districts drawn uniformly, `IQ-BG-01` …
        public let districts: Int
        /// Added to log consumption, millionths.
        public let consumptionShiftMicro: Int64
    }

    /// §1, with the §5 assumption: Muthanna, Dhi Qar, Qadisiyah and Maysan poorer; Erbil, Sulaymaniyah and Duhok richer.
    public static let governorates: [Governorate] = [
        .init(code: "IQ-BG", weightPerMille: 211, districts: 10, consumptionShiftMicro: 0),
        .init(code: "IQ-NI", weightPerMille: 98, districts: 9, consumptionShiftMicro: 0),
        .init(code: "IQ-BA", weightPerMille: 76, districts: 7, consumptionShiftMicro: 0),
        .init(code: "IQ-DQ", weightPerMille: 55, districts: 5, consumptionShiftMicro: -150_000),
        .init(code: "IQ-AR", weightPerMille: 55, districts: 6, consumptionShiftMicro: 250_000),
        .init(code: "IQ-BB", weightPerMille: 54, districts: 4, consumptionShiftMicro: 0),
        .init(code: "IQ-SU", weightPerMille: 52, districts: 8, consumptionShiftMicro: 250_000),
        .init(code: "IQ-AN", weightPerMille: 47, districts: 8, consumptionShiftMicro: 0),
        .init(code: "IQ-DI", weightPerMille: 43, districts: 6, consumptionShiftMicro: 0),
        .init(code: "IQ-SD", weightPerMille: 42, districts: 8, consumptionShiftMicro: 0),
        .init(code: "IQ-KI", weightPerMille: 42, districts: 4, consumptionShiftMicro: 0),
        .init(code: "IQ-NA", weightPerMille: 38, districts: 3, consumptionShiftMicro: 0),
        .init(code: "IQ-WA", weightPerMille: 36, districts: 6, consumptionShiftMicro: 0),
        .init(code: "IQ-DA", weightPerMille: 35, districts: 4, consumptionShiftMicro: 250_000),
        .init(code: "IQ-QA", weightPerMille: 34, districts: 4, consumptionShiftMicro: -150_000),
        .init(code: "IQ-KA", weightPerMille: 32, districts: 3, consumptionShiftMicro: 0),
        .init(code: "IQ-MA", weightPerMille: 29, districts: 6, consumptionShiftMicro: -150_000),
        .init(code: "IQ-MU", weightPerMille: 21, districts: 4, consumptionShiftMicro: -150_000),
    ]

    /// §2: household sizes 1 … 9 and 10+, thousandths; 10+ is drawn uniformly from 10–13.
    public static let householdSizePerMille = [30, 70, 100, 140, 160, 150, 120, 90, 60, 80]

    /// §3: female-headed households, millionths.
    public static let femaleHeadedPerMillion = 113_300
    /// §3: urban households, millionths.
    public static let urbanPerMillion = 701_700

    /// §6: the monthly benefit by household size 1, 2, 3, 4+ (whole dinars), male-headed.
    public static let benefitMaleHeaded: [Int64] = [125_000, 175_000, 225_000, 275_000]
    /// §6: the monthly benefit by household size 1, 2, 3, 4+ (whole dinars), female-headed.
    public static let benefitFemaleHeaded: [Int64] = [125_000, 200_000, 275_000, 325_000]

    /// §5/§7: ln(137,000), the poverty line and PMT cutoff, millionths.
    public static let cutoffMicro: Int64 = 11_827_736
    /// §5: persons below the poverty line, millionths.
    public static let povertyHeadcountPerMillion = 175_000
    /// §7: error of the PMT against actual consumption, millionths.
    public static let pmtErrorSigmaMicro: Int64 = 250_000

    /// §7 weights, millionths, in the order of ``HouseholdAssessed.Indicators``.
    public static let weightsMicro: [IndicatorCode: Int64] = [
        .logHouseholdSize: -350_000, .dependencyRatio: -300_000, .headEducationLevel: 120_000, .memberEarnsSalaryOrPension: 300_000,
        .crowdingOver3PerRoom: -150_000, .ownsCar: 350_000, .ownsDwelling: 80_000, .ruralResidence: -100_000,
    ]

    /// ln(n) for n = 1 … 20, millionths (rounded half-even), so that no logarithm is computed.
    public static let logMicro: [Int64] = [
        0, 693_147, 1_098_612, 1_386_294, 1_609_438, 1_791_759, 1_945_910, 2_079_442, 2_197_225, 2_302_585,
        2_397_895, 2_484_907, 2_564_949, 2_639_057, 2_708_050, 2_772_589, 2_833_213, 2_890_372, 2_944_439, 2_995_732,
    ]

    /// §8: cross-match exclusions per beneficiary household, per 10,000, by reason.
    public static let exclusionsPer10k: [(reason: ExclusionReason, per10k: Int)] = [
        (.crossMatchBankLoan, 28), (.crossMatchFuelStationOrGenerator, 16), (.crossMatchGovernmentSalary, 200), (.crossMatchStatePension, 100),
        (.crossMatchVehicleOwnership, 130), (.deceased, 67), (.crossMatchCommercialRegistration, 28),
    ]

    /// §6 assumption: payments that fail, millionths.
    public static let failedPaymentsPerMillion = 20_000
    /// Failed payments that can be issued again, millionths.
    public static let retryablePerMillion = 750_000
    /// Confirmed payments later reversed, millionths (assumption).
    public static let reversedPaymentsPerMillion = 2_000
    /// Enrolled households that leave each month, millionths (assumption).
    public static let monthlyExitsPerMillion = 2_500
    /// §9: excluded households that appeal / appeals upheld, millionths.
    public static let appealsPerMillion = 300_000
    public static let reinstatementsPerMillion = 310_000
    /// Retroactive exclusions, share of exclusions, millionths (assumption): effective two cycles back.
    public static let retroactivePerMillion = 400_000
    /// §10: the emergency top-up per member per month, dinars.
    public static let emergencyTopUpPerMember: Int64 = 30_000
}
