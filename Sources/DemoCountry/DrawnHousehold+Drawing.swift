import Benefits
import DaftarJSON
import EventStore

extension DrawnHousehold {
    /// The reference date ages are drawn for.
    static let referenceDate = BusinessDate(year: 2024, month: 6, day: 1)!

    /// Draws household `index` of the country with `seed`: the same pair always gives the same household,
    /// whatever the country's size.
    /// - Parameters:
    ///   - index: 0-based position.
    ///   - seed: the country's seed.
    public static func draw(index: Int, seed: UInt64) -> DrawnHousehold {
        var random = DemoRandom(seed: seed, stream: 1, index: UInt64(index))
        let governorate = CountryCalibration.governorates[random.pick(weights: CountryCalibration.governorates.map(\.weightPerMille))]
        let tag = String(governorate.code.dropFirst(3))
        let number = String(index + 1).leftPadded(to: 8)
        let householdId = HouseholdID("HH-\(tag)\(number)")
        let district = DistrictCode("\(governorate.code)-\(String(random.uniform(1...governorate.districts)).leftPadded(to: 2))")
        let residence: Residence = random.chance(perMillion: CountryCalibration.urbanPerMillion) ? .urban : .rural
        let sizeBin = random.pick(weights: CountryCalibration.householdSizePerMille)
        let size = sizeBin < 9 ? sizeBin + 1 : random.uniform(10...13)
        let members = drawMembers(size: size, tag: tag, number: number, random: &random)
        let registeredOn = referenceDate.adding(days: random.uniform(0...110))
        let source: RegistrationSource = [.socialResearcherVisit, .onlineSelfRegistration, .welfareOfficeApplication, .legacyRegistryImport][
            random.pick(weights: [60, 20, 15, 5])]
        let assessedOn = BusinessDate(year: 2024, month: 10, day: 1)!.adding(days: random.uniform(0...39))

        // What the researcher finds.
        let education: EducationLevel = [.noSchooling, .primary, .secondaryOrHigher][random.pick(weights: [30, 40, 30])]
        let salary =
            members.contains { $0.workStatus == .employed } && random.chance(perMillion: 600_000)
            || members.contains { $0.workStatus == .retired } && random.chance(perMillion: 800_000)
        let rooms = random.uniform(1...4) + (size > 6 ? 1 : 0)
        let crowded = size > 3 * rooms
        let car = random.chance(perMillion: salary ? 350_000 : 200_000)
        let dwelling = random.chance(perMillion: 700_000)
        let dependants = members.filter { $0.age < 15 || $0.age >= 65 }.count
        let dependencyMicro = roundedQuotient(Int64(dependants) * 1_000_000, Int64(size))
        let logMicro = CountryCalibration.logMicro[min(size, 20) - 1]
        let indicators = HouseholdAssessed.Indicators(
            logHouseholdSize: decimal(micro: logMicro), dependencyRatio: decimal(micro: dependencyMicro), headEducationLevel: education,
            memberEarnsSalaryOrPension: salary, crowdingOver3PerRoom: crowded, ownsCar: car, ownsDwelling: dwelling,
            ruralResidence: residence == .rural)
        let w = CountryCalibration.weightsMicro
        let educationLevel: Int64 = education == .noSchooling ? 0 : education == .primary ? 1 : 2
        var predicted = w[.logHouseholdSize]! * logMicro / 1_000_000 + w[.dependencyRatio]! * dependencyMicro / 1_000_000
        predicted += w[.headEducationLevel]! * educationLevel
        if salary { predicted += w[.memberEarnsSalaryOrPension]! }
        if crowded { predicted += w[.crowdingOver3PerRoom]! }
        if car { predicted += w[.ownsCar]! }
        if dwelling { predicted += w[.ownsDwelling]! }
        if residence == .rural { predicted += w[.ruralResidence]! }
        let consumption = predicted + governorate.consumptionShiftMicro + random.normalMicro(sigmaMicro: CountryCalibration.pmtErrorSigmaMicro)
        return DrawnHousehold(
            index: index, householdId: householdId, governorate: governorate, district: district, residence: residence, members: members,
            registeredOn: registeredOn, registrationSource: source, assessedOn: assessedOn, indicators: indicators, predictedMicro: predicted,
            consumptionLessInterceptMicro: consumption)
    }

    static func drawMembers(size: Int, tag: String, number: String, random: inout DemoRandom) -> [DrawnPerson] {
        func person(_ i: Int, _ sex: Sex, _ age: Int, _ relationship: Relationship, _ marital: MaritalStatus, _ work: WorkStatus) -> DrawnPerson {
            let days = age * 365 + age / 4 + random.uniform(0...364)
            return DrawnPerson(
                personId: PersonID("P-\(tag)\(number)\(String(i + 1).leftPadded(to: 2))"), sex: sex, age: age,
                birthDate: BusinessDate(daysSinceEpoch: referenceDate.daysSinceEpoch - days), relationship: relationship, maritalStatus: marital,
                workStatus: work, disability: .noDisability, orphanhood: .notOrphan)
        }
        let female = random.chance(perMillion: CountryCalibration.femaleHeadedPerMillion)
        let headAge = random.chance(perMillion: 880_000) ? random.uniform(20...59) : elderAge(&random)
        let marital: MaritalStatus
        if female {
            marital = [.widowed, .divorced, .abandoned, .spouseImprisoned, .spouseMissing, .neverMarried, .married][
                random.pick(weights: [55, 15, 6, 3, 3, 10, 8])]
        } else if size >= 2 {
            marital = [.married, .widowed, .divorced, .neverMarried][random.pick(weights: [88, 5, 3, 4])]
        } else {
            marital = [.neverMarried, .widowed, .divorced][random.pick(weights: [50, 35, 15])]
        }
        var members = [person(0, female ? .female : .male, headAge, .head, marital, work(headAge, female: female, role: .head, &random))]
        if marital == .married && size >= 2 {
            let age = max(18, headAge - random.uniform(0...8) + (female ? 6 : 0))
            members.append(person(1, female ? .male : .female, age, .spouse, .married, work(age, female: !female, role: .spouse, &random)))
        }
        while members.count < size {
            let band = random.pick(weights: [162, 359, 100, 350, 29])
            let age = [random.uniform(0...4), random.uniform(5...14), random.uniform(15...17), random.uniform(18...59), elderAge(&random)][band]
            let isFemale = !random.chance(perMillion: 496_000)
            let relationship: Relationship
            if age >= 60 {
                relationship = isFemale ? .mother : .father
            } else if headAge - age >= 16 {
                relationship = headAge >= 60 && age < 18 ? .grandchild : isFemale ? .daughter : .son
            } else {
                relationship = age < 18 ? .otherRelative : isFemale ? .sister : .brother
            }
            let status: MaritalStatus
            if age < 18 {
                status = .neverMarried
            } else if age >= 60 {
                status = random.chance(perMillion: 700_000) ? .widowed : .married
            } else {
                status = [.neverMarried, .married, .divorced, .widowed][random.pick(weights: [85, 10, 3, 2])]
            }
            members.append(person(members.count, isFemale ? .female : .male, age, relationship, status, work(age, female: isFemale, role: .other, &random)))
        }
        for i in members.indices {
            let age = members[i].age
            let perMillion = age < 15 ? 25_000 : age < 60 ? 52_000 : age < 65 ? 150_000 : 200_000
            if random.chance(perMillion: perMillion) { members[i].disability = random.chance(perMillion: 300_000) ? .severe : .moderate }
            if age < 18 {
                if members[0].sex == .female && members[0].maritalStatus == .widowed {
                    members[i].orphanhood = .paternal
                } else if random.chance(perMillion: 10_000) {
                    members[i].orphanhood = .paternal
                }
            }
        }
        return members
    }

    enum Role { case head, spouse, other }

    static func elderAge(_ random: inout DemoRandom) -> Int {
        random.chance(perMillion: 360_000) ? random.uniform(60...64) : random.uniform(65...85)
    }

    static func work(_ age: Int, female: Bool, role: Role, _ random: inout DemoRandom) -> WorkStatus {
        if age < 15 { return .child }
        if age < 18 { return [.student, .unemployed, .employed][random.pick(weights: [80, 10, 10])] }
        if age >= 60 { return [.retired, .unableToWork, female ? .homeMaker : .selfEmployed][random.pick(weights: [35, 50, 15])] }
        switch role {
        case .head where !female:
            return [.employed, .selfEmployed, .unemployed, .unableToWork][random.pick(weights: [45, 25, 25, 5])]
        case .head:
            return [.homeMaker, .unemployed, .employed, .unableToWork, .selfEmployed][random.pick(weights: [40, 35, 12, 8, 5])]
        case .spouse:
            return female ? [.homeMaker, .employed, .unemployed][random.pick(weights: [80, 12, 8])] : [.employed, .unemployed][random.pick(weights: [50, 50])]
        case .other:
            return [.student, .employed, .unemployed, female ? .homeMaker : .selfEmployed, .selfEmployed][random.pick(weights: [20, 30, 25, 20, 5])]
        }
    }

    /// `a / b` rounded half-even, for b > 0.
    static func roundedQuotient(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        let r = a % b
        if 2 * r > b || (2 * r == b && q % 2 == 1) { return q + 1 }
        return q
    }

    /// A JSON decimal from millionths: `1098612` → `1.098612`, `12200000` → `12.2`.
    public static func decimal(micro: Int64) -> DecimalNumber {
        DecimalNumber(JSONNumber(literal: microText(micro))!)
    }

    /// Millionths as decimal text, trailing zeros dropped.
    public static func microText(_ micro: Int64) -> String {
        let sign = micro < 0 ? "-" : ""
        let magnitude = micro.magnitude
        var fraction = String(magnitude % 1_000_000).leftPadded(to: 6)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(magnitude / 1_000_000) + (fraction.isEmpty ? "" : "." + fraction)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
