import Benefits
import EventStore

/// A registered person's synthetic personal data: what the vault keeps and events never carry.
public struct SyntheticPerson: Sendable, Hashable {
    /// The pseudonymous id events use, `P-BG0000001201`.
    public var personId: PersonID
    /// Given name, father's given name and family name, in Arabic.
    public var fullName: String
    /// 12 ASCII digits: `19` and ten digits unique to the person in the country of that seed.
    public var nationalId: String
    /// `+9647…`, for about two adults in three.
    public var phone: String?
    public var birthDate: BusinessDate
}

/// A partner ministry's registry as the demo country draws it: its code (as `daftar match` knows it),
/// the exclusion reason its hits lead to, and the registry it holds.
public struct DemoPartner: Sendable, Hashable {
    public let code: String
    public let reason: ExclusionReason
    public let registry: SourceRegistry
}

extension DemoCountryGenerator {
    /// The seven partners, in the order of ``CountryCalibration/exclusionsPer10k``.
    public static let partners: [DemoPartner] = [
        .init(code: "banks", reason: .crossMatchBankLoan, registry: .centralBankLoans),
        .init(code: "fuel-licences", reason: .crossMatchFuelStationOrGenerator, registry: .fuelStationsAndGenerators),
        .init(code: "payroll", reason: .crossMatchGovernmentSalary, registry: .governmentPayroll),
        .init(code: "pension", reason: .crossMatchStatePension, registry: .statePensions),
        .init(code: "traffic", reason: .crossMatchVehicleOwnership, registry: .vehicleRegistry),
        .init(code: "civil-status", reason: .deceased, registry: .civilStatusDeaths),
        .init(code: "commerce", reason: .crossMatchCommercialRegistration, registry: .commercialRegistry),
    ]

    /// The bank loan above which a household is excluded (the rule's threshold), IQD.
    public static let loanThresholdMinor: Int64 = 50_000_000
    /// The first model year the rule counts as a recent vehicle (the traffic directorate holds 2018–2025).
    public static let recentModelYear = 2018
    /// Enrolled households the bank holds with a loan below the rule's threshold, per 10,000 (assumption):
    /// they match, and the rule proposes nothing for them.
    public static let smallLoansPer10k = 15

    /// The programme's cross-match exclusion rule for the seven partners (calibration §8's reasons),
    /// every criterion effective from the partner's extract: a bank loan above
    /// ``loanThresholdMinor``; a fuel station, gas-filling plant or generator; a government or
    /// security-forces salary; a state pension; a vehicle of ``recentModelYear`` or later; a recorded death; a commercial registration.
    /// - Parameter version: the rule's version (1 for the first).
    public static func crossMatchExclusionRule(version: Int = 1) -> PublishCrossMatchExclusionRule {
        typealias Criterion = CrossMatchExclusionRulePublished.Criterion
        let criteria: [Criterion] = [
            .init(
                sourceRegistry: .centralBankLoans, indicator: .loanAboveThreshold, thresholdAmountMinor: loanThresholdMinor, reason: .crossMatchBankLoan,
                effective: .snapshotDate),
            .init(sourceRegistry: .fuelStationsAndGenerators, indicator: .ownsFuelStation, reason: .crossMatchFuelStationOrGenerator, effective: .snapshotDate),
            .init(
                sourceRegistry: .fuelStationsAndGenerators, indicator: .ownsGasFillingPlant, reason: .crossMatchFuelStationOrGenerator, effective: .snapshotDate),
            .init(sourceRegistry: .fuelStationsAndGenerators, indicator: .ownsGenerator, reason: .crossMatchFuelStationOrGenerator, effective: .snapshotDate),
            .init(sourceRegistry: .governmentPayroll, indicator: .onGovernmentPayroll, reason: .crossMatchGovernmentSalary, effective: .snapshotDate),
            .init(sourceRegistry: .governmentPayroll, indicator: .onSecurityForcesPayroll, reason: .crossMatchGovernmentSalary, effective: .snapshotDate),
            .init(sourceRegistry: .statePensions, indicator: .receivesStatePension, reason: .crossMatchStatePension, effective: .snapshotDate),
            .init(
                sourceRegistry: .vehicleRegistry, indicator: .ownsRecentVehicle, vehicleModelYearFrom: recentModelYear, reason: .crossMatchVehicleOwnership,
                effective: .snapshotDate),
            .init(sourceRegistry: .civilStatusDeaths, indicator: .recordedDeceased, reason: .deceased, effective: .snapshotDate),
            .init(
                sourceRegistry: .commercialRegistry, indicator: .holdsCommercialRegistration, reason: .crossMatchCommercialRegistration,
                effective: .snapshotDate),
        ]
        return PublishCrossMatchExclusionRule(
            programmeId: programmeId, ruleVersion: version, effectiveFrom: BusinessDate(year: 2025, month: 1, day: 1)!, legalBasis: law,
            currency: .iqd, criteria: criteria)
    }

    // MARK: Personal data

    static let maleGivenNames = [
        "محمد", "علي", "حسين", "حسن", "أحمد", "عباس", "جعفر", "كاظم", "مصطفى", "عمر", "يوسف", "كريم", "حيدر", "سجاد", "مهدي", "عبدالله",
        "إبراهيم", "خالد", "سعد", "قاسم",
    ]
    static let femaleGivenNames = [
        "فاطمة", "زينب", "مريم", "نور", "زهراء", "سارة", "رقية", "هدى", "أمل", "سعاد", "خديجة", "بتول", "رنا", "آمنة", "شيماء", "حوراء",
    ]
    static let familyNames = [
        "الجبوري", "الساعدي", "التميمي", "الدليمي", "العبيدي", "الخفاجي", "الزبيدي", "الشمري", "الربيعي", "الكعبي", "البياتي", "الحسيني",
        "الموسوي", "العزاوي", "الجنابي", "المالكي", "الطائي", "السامرائي", "الحمداني", "اللامي",
    ]

    /// The national id of member `member` (0-based, the head first) of household `index`: `19` and ten
    /// digits, a seed-derived offset added to `index × 16 + member` modulo 10¹⁰, so distinct for every
    /// person of a country (at most 50,000,000 households of at most 13 members).
    public static func nationalId(household index: Int, member: Int, seed: UInt64) -> String {
        var random = DemoRandom(seed: seed, stream: 3, index: 0)
        let modulus: UInt64 = 10_000_000_000
        let offset = random.next() % modulus
        let n = (UInt64(index) * 16 + UInt64(member) + offset) % modulus
        return "19" + String(n).leftPadded(to: 10)
    }

    /// The synthetic personal data of every member of a household, the head first: names (the
    /// household's family name; sons and daughters of a male head carry his given name as their
    /// father's), national ids, phones and the drawn birth dates.
    /// - Parameters:
    ///   - household: the drawn household.
    ///   - seed: the country's seed.
    public static func personalData(of household: DrawnHousehold, seed: UInt64) -> [SyntheticPerson] {
        var random = DemoRandom(seed: seed, stream: 4, index: UInt64(household.index))
        let family = familyNames[random.below(familyNames.count)]
        var givenNames: [String] = []
        var out: [SyntheticPerson] = []
        for (i, p) in household.members.enumerated() {
            let names = p.sex == .male ? maleGivenNames : femaleGivenNames
            let given = names[random.below(names.count)]
            givenNames.append(given)
            let ofHead = (p.relationship == .son || p.relationship == .daughter) && household.head.sex == .male
            let father = ofHead ? givenNames[0] : maleGivenNames[random.below(maleGivenNames.count)]
            var phone: String?
            if p.age >= 18, random.chance(perMillion: 650_000) {
                let carrier = ["7", "8", "9", "5"][random.pick(weights: [40, 35, 10, 15])]
                phone = "+9647\(carrier)" + String(random.below(100_000_000)).leftPadded(to: 8)
            }
            out.append(
                SyntheticPerson(
                    personId: p.personId, fullName: "\(given) \(father) \(family)", nationalId: nationalId(household: household.index, member: i, seed: seed),
                    phone: phone, birthDate: p.birthDate))
        }
        return out
    }

    /// Every registered person of the country (enrolled or not) as the vault's import CSV:
    /// `person_id,full_name,national_id,phone,address,birth_date`, one row per person in household
    /// order, no address. The same for a seed and size, whatever else the configuration says.
    public func personsCSV() -> String {
        var out = "person_id,full_name,national_id,phone,address,birth_date\n"
        for index in 0..<configuration.households {
            let household = DrawnHousehold.draw(index: index, seed: configuration.seed)
            for p in Self.personalData(of: household, seed: configuration.seed) {
                out += "\(p.personId),\(p.fullName),\(p.nationalId),\(p.phone ?? ""),,\(p.birthDate)\n"
            }
        }
        return out
    }

    // MARK: Partner files

    /// The households enrolled at the end of the run, in enrolment order (after ``generate(_:)``).
    public var enrolledCaseload: [HouseholdID] { enrolledMembers.map(\.id) }

    var enrolledMembers: [CaseloadMember] { caseload.filter { ledger.households[$0.id]?.beneficiary.status == .enrolled } }

    /// What each partner holds, after ``generate(_:)``: partner code → CSV `national_id,indicator`
    /// (``DemoCountryGenerator/partners``).
    ///
    /// Each household enrolled at the end is held by at most one partner, drawn at calibration §8's
    /// rate for its reason (``CountryCalibration/exclusionsPer10k``), through its head, with an
    /// indicator `daftar match partner` reads: a loan `loanAboveThreshold:<60–249 m>:50000000`, a fuel
    /// station, gas-filling plant or generator, a government (or security-forces) salary with its
    /// amount, a state pension of 400,000–999,999, a recent vehicle `ownsRecentVehicle:<2018–2025>`, a recorded death, a commercial
    /// registration. The bank also holds ``smallLoansPer10k`` households with loans below the rule's
    /// threshold. Each partner holds as many ids again of persons not in the registry (`29…`). The same
    /// for a seed and configuration.
    public func partnerFiles() -> [String: String] {
        let weights = CountryCalibration.exclusionsPer10k.map(\.per10k) + [10_000 - CountryCalibration.exclusionsPer10k.reduce(0) { $0 + $1.per10k }]
        var rows: [[String]] = Array(repeating: [], count: Self.partners.count)
        for member in enrolledMembers {
            var random = DemoRandom(seed: configuration.seed, stream: 5, index: UInt64(member.index))
            let r = random.pick(weights: weights)
            let id = Self.nationalId(household: member.index, member: 0, seed: configuration.seed)
            if r < Self.partners.count {
                rows[r].append("\(id),\(Self.indicator(Self.partners[r].reason, &random))")
            } else if random.chance(perMillion: Self.smallLoansPer10k * 100) {
                rows[0].append("\(id),loanAboveThreshold:\(Int64(15 + random.below(30)) * 1_000_000):10000000")
            }
        }
        var files: [String: String] = [:]
        for (k, partner) in Self.partners.enumerated() {
            var random = DemoRandom(seed: configuration.seed, stream: 6, index: UInt64(k))
            var outsiders = Set<String>()
            var lines = rows[k]
            while outsiders.count < max(rows[k].count, 5) {
                let id = "29" + String(random.below(10_000_000_000)).leftPadded(to: 10)
                guard outsiders.insert(id).inserted else { continue }
                lines.append("\(id),\(Self.indicator(partner.reason, &random))")
            }
            files[partner.code] = "national_id,indicator\n" + lines.map { $0 + "\n" }.joined()
        }
        return files
    }

    /// A partner's indicator for a person it holds, in `daftar match partner`'s format.
    static func indicator(_ reason: ExclusionReason, _ random: inout DemoRandom) -> String {
        switch reason {
        case .crossMatchBankLoan: "loanAboveThreshold:\(Int64(60 + random.below(190)) * 1_000_000):\(loanThresholdMinor)"
        case .crossMatchFuelStationOrGenerator: ["ownsFuelStation", "ownsGasFillingPlant", "ownsGenerator"][random.pick(weights: [30, 10, 60])]
        case .crossMatchGovernmentSalary:
            "\(random.chance(perMillion: 750_000) ? "onGovernmentPayroll" : "onSecurityForcesPayroll"):\(Int64(500 + random.below(2000)) * 1_000)"
        case .crossMatchStatePension: "receivesStatePension:\(400_000 + random.below(600_000))"
        case .crossMatchVehicleOwnership: "ownsRecentVehicle:\(2018 + random.below(8))"
        case .deceased: "recordedDeceased"
        default: "holdsCommercialRegistration"
        }
    }
}
