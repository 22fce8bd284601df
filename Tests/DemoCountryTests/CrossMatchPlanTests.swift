import Benefits
import DemoCountry
import EventStore
import Testing

/// `CrossMatchPlan.privateSetIntersection`: the generator leaves the cross-match to the real protocol
/// and hands out the persons for the vault and the partners' files instead.
@Suite struct CrossMatchPlanTests {
    static func psi(seed: UInt64, households: Int, months: Int) throws -> DemoCountryConfiguration {
        try DemoCountryConfiguration(seed: seed, households: households, months: months, crossMatch: .privateSetIntersection)
    }

    static func generate(_ configuration: DemoCountryConfiguration) async throws -> (DemoCountryGenerator, [AppendRequest]) {
        let generator = DemoCountryGenerator(configuration)
        var requests: [AppendRequest] = []
        try await generator.generate { requests += $0 }
        return (generator, requests)
    }

    @Test func theDefaultIsInMemoryWithTheStandardKeysAndPSIHasItsOwn() throws {
        let standard = try DemoCountryConfiguration(seed: 7, households: 120, months: 6)
        #expect(standard.crossMatch == .inMemory)
        #expect(standard.keyPrefix == "demo-7-120x6")
        #expect(try Self.psi(seed: 7, households: 120, months: 6).keyPrefix == "demo-7-120x6-psi")
    }

    @Test func privateSetIntersectionRecordsNoCrossMatchNorAppeals() async throws {
        let (generator, requests) = try await Self.generate(try Self.psi(seed: 7, households: 400, months: 6))
        let types = Set(events(requests).map(\.event.type))
        for type in [
            "CrossMatchRunRecorded", "CrossMatchHitRecorded", "ExclusionProposed", "BeneficiaryExcluded", "ExclusionProposalDismissed", "ExclusionAppealed",
            "OverpaymentIdentified",
        ] {
            #expect(!types.contains(type), "\(type)")
        }
        #expect(types.contains("PaymentConfirmed"))
        #expect(generator.summary.crossMatchHits == 0 && generator.summary.appeals == 0)
        #expect(requests.first?.idempotencyKey == "demo-7-400x6-psi/1")
    }

    @Test func everyRegisteredPersonHasOneRowWithAUnique12DigitNationalId() async throws {
        let (generator, requests) = try await Self.generate(try Self.psi(seed: 9, households: 300, months: 2))
        let lines = generator.personsCSV().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "person_id,full_name,national_id,phone,address,birth_date")
        let rows = lines.dropFirst().filter { !$0.isEmpty }.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.allSatisfy { $0.count == 6 })
        let registered = events(requests).filter { $0.event.type == "MemberAdded" }.count
        #expect(rows.count == generator.summary.persons)
        #expect(rows.count == registered)
        #expect(Set(rows.map { $0[0] }).count == rows.count)
        let ids = rows.map { $0[2] }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.count == 12 && $0.hasPrefix("19") && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        #expect(rows.allSatisfy { $0[1].split(separator: " ").count == 3 && $0[1].unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) } })
        let phones = rows.map { $0[3] }.filter { !$0.isEmpty }
        #expect(!phones.isEmpty && phones.allSatisfy { $0.hasPrefix("+9647") && $0.count == 14 })
        // The same for the seed, another for another seed.
        #expect(DemoCountryGenerator(try Self.psi(seed: 9, households: 300, months: 2)).personsCSV() == generator.personsCSV())
        #expect(DemoCountryGenerator(try Self.psi(seed: 10, households: 300, months: 2)).personsCSV() != generator.personsCSV())
    }

    /// At 20,000 households about 5,400 are enrolled: each rate is held within the larger of §8's
    /// tolerance (±0.002 a reason, ±0.005 in all) and three standard errors at that size.
    @Test func partnerFilesAreDeterministicAndHoldAboutTheCalibratedRates() async throws {
        let configuration = try Self.psi(seed: 4, households: 20_000, months: 1)
        let (generator, _) = try await Self.generate(configuration)
        let files = generator.partnerFiles()
        let (again, _) = try await Self.generate(configuration)
        #expect(again.partnerFiles() == files)
        #expect(Set(files.keys) == Set(DemoCountryGenerator.partners.map(\.code)))

        let caseload = generator.enrolledCaseload.count
        #expect(caseload > 4000)
        let persons = generator.personsCSV().split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let registryIds = Set(persons.map { String($0[2]) })
        func within(_ count: Int, _ per10k: Int, _ stated: Double, _ what: String) {
            let share = Double(per10k) / 10_000
            let observed = Double(count) / Double(caseload)
            let tolerance = max(stated, 3 * (share * (1 - share) / Double(caseload)).squareRoot())
            #expect(abs(observed - share) <= tolerance, "\(what): \(observed) vs \(share) ± \(tolerance)")
        }
        var total = 0
        var heldIds = Set<String>()
        for (partner, (reason, per10k)) in zip(DemoCountryGenerator.partners, CountryCalibration.exclusionsPer10k) {
            #expect(partner.reason == reason)
            let rows = try #require(files[partner.code]).split(separator: "\n").map(String.init)
            #expect(rows.first == "national_id,indicator")
            let data = rows.dropFirst().map { $0.split(separator: ",").map(String.init) }
            #expect(Set(data.map { $0[0] }).count == data.count, "\(partner.code): no id twice")
            let beneficiaries = data.filter { registryIds.contains($0[0]) }
            let others = data.filter { !registryIds.contains($0[0]) }
            #expect(others.count >= beneficiaries.count && others.allSatisfy { $0[0].hasPrefix("29") && $0[0].count == 12 })
            // Those the rule excludes: a bank loan above the threshold; every other partner's holding.
            let excluded = beneficiaries.filter { row in
                guard partner.code == "banks" else { return true }
                return Int64(row[1].split(separator: ":")[1])! > DemoCountryGenerator.loanThresholdMinor
            }
            if partner.code == "banks" { #expect(excluded.count < beneficiaries.count, "some loans fall below the rule") }
            within(excluded.count, per10k, 0.002, partner.code)
            total += excluded.count
            for row in beneficiaries { #expect(heldIds.insert(row[0]).inserted, "a household is held by one partner") }
            for row in data {
                let code = String(row[1].split(separator: ":")[0])
                #expect(CrossMatchIndicator(rawValue: code) != nil, "\(row[1])")
                if code == "receivesStatePension" { #expect(Int(row[1].split(separator: ":")[1])! >= 400_000) }
            }
        }
        within(total, CountryCalibration.exclusionsPer10k.reduce(0) { $0 + $1.per10k }, 0.005, "all")
    }
}
