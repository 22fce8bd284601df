import Benefits
import DaftarJSON
import DaftarTesting
import DemoCountry
import EventStore
import Testing

/// The generator: deterministic, calibrated, schema-valid, and true to the domain's invariants.
@Suite struct DemoCountryTests {
    @Test func theSameSeedGivesTheSameBytesAndAnotherSeedAnotherCountry() async throws {
        let (_, a) = try await generateCountry(seed: 7, households: 120, months: 6)
        let (_, b) = try await generateCountry(seed: 7, households: 120, months: 6)
        let (_, c) = try await generateCountry(seed: 8, households: 120, months: 6)
        let text = { (r: [AppendRequest]) in r.flatMap(\.importLines).joined(separator: "\n") }
        #expect(text(a) == text(b))
        #expect(text(a) != text(c))
        #expect(a.first?.idempotencyKey == "demo-7-120x6/1")
    }

    @Test func badOptionsAreRefusedNamingTheOption() {
        #expect(throws: DemoCountryError.self) { try DemoCountryConfiguration(seed: 1, households: 0, months: 12) }
        let months = #expect(throws: DemoCountryError.self) { try DemoCountryConfiguration(seed: 1, households: 10, months: 121) }
        #expect(months?.field == "months")
        let households = #expect(throws: DemoCountryError.self) { try DemoCountryConfiguration(seed: 1, households: -5, months: 1) }
        #expect(households?.field == "households")
    }

    /// Calibration tolerances are stated for 100,000 households; at 8,000 a share's sampling error is
    /// √(100,000 / 8,000) ≈ 3.5 times larger, so each tolerance is the larger of the stated one and
    /// three standard errors at this size.
    @Test func theDrawnPopulationMatchesTheCalibration() async throws {
        let n = 8000
        let (s, requests) = try await generateCountry(seed: 11, households: n, months: 1)
        func within(_ count: Int, of total: Int, _ share: Double, _ stated: Double, _ what: String) {
            let observed = Double(count) / Double(total)
            let tolerance = max(stated, 3 * (share * (1 - share) / Double(total)).squareRoot())
            #expect(abs(observed - share) <= tolerance, "\(what): \(observed) vs \(share) ± \(tolerance)")
        }
        for g in CountryCalibration.governorates {
            within(s.householdsByGovernorate[g.code] ?? 0, of: n, Double(g.weightPerMille) / 1000, 0.01, g.code)
        }
        #expect(CountryCalibration.governorates.reduce(0) { $0 + $1.weightPerMille } == 1000)
        for (i, perMille) in CountryCalibration.householdSizePerMille.enumerated() {
            within(s.householdsBySize[i], of: n, Double(perMille) / 1000, 0.01, "size bin \(i + 1)")
        }
        let mean = Double(s.persons) / Double(n)
        #expect(abs(mean - 5.7) <= 0.15, "mean household size \(mean)")
        within(s.femaleHeaded, of: n, 0.1133, 0.01, "female-headed")
        let bands = [0.1116, 0.2474, 0.069, 0.515, 0.057]
        let stated = [0.01, 0.01, 0.01, 0.015, 0.01]
        for i in 0..<5 { within(s.personsByAgeBand[i], of: s.persons, bands[i], stated[i], "age band \(i)") }
        within(s.personsAged65Plus, of: s.persons, 0.0366, 0.005, "65+")
        within(s.personsWithDisability, of: s.persons, 0.05, 0.005, "disability")
        let ratio = Double(s.males) / Double(s.persons - s.males) * 100
        #expect(abs(ratio - 100.9) <= max(1.0, 3 * 200 / Double(s.persons).squareRoot()), "males per 100 females \(ratio)")
        within(s.personsBelowPovertyLine, of: s.persons, 0.175, 0.015, "poverty headcount")

        // Every enrolment pays the §6 table exactly: by the head's sex and the size, capped at 4.
        var heads: [String: (female: Bool, size: Int)] = [:]
        var checked = 0
        for event in requests.flatMap({ $0.streams.flatMap(\.events) }) {
            let household = event.data["householdId"]?.stringValue ?? ""
            if event.type == "MemberAdded" {
                var entry = heads[household] ?? (false, 0)
                entry.size += 1
                if event.data["relationship"] == "head" { entry.female = event.data["sex"] == "female" }
                heads[household] = entry
            } else if event.type == "BeneficiaryEnrolled", let head = heads[household] {
                let table = head.female ? CountryCalibration.benefitFemaleHeaded : CountryCalibration.benefitMaleHeaded
                #expect(event.data["monthlyAmountMinor"] == .number(JSONNumber(table[min(head.size, 4) - 1])), "\(household)")
                checked += 1
            }
        }
        #expect(checked == s.enrolled)
        #expect(checked > n / 10)
    }

    @Test func theDomainsInvariantsHoldOverTheLog() async throws {
        let (s, requests) = try await generateCountry(seed: 3, households: 3000, months: 9)
        let events = requests.flatMap { r in r.streams.flatMap { st in st.events.map { (st.stream, $0) } } }
        var scheduledStreams = Set<String>()
        var excludedFrom: [String: String] = [:]  // household → first cycle it may not be paid for
        var overpaid = 0
        for (stream, e) in events {
            let household = e.data["householdId"]?.stringValue ?? ""
            switch e.type {
            case "PaymentScheduled":
                #expect(scheduledStreams.insert(stream).inserted, "one payment per household and cycle: \(stream)")
                if let from = excludedFrom[household], let cycle = e.data["cycle"]?.stringValue {
                    #expect(cycle < from, "\(household) paid for \(cycle) after an exclusion effective \(from)")
                }
            case "PaymentIssued", "PaymentConfirmed", "PaymentFailed", "PaymentReversed":
                #expect(scheduledStreams.contains(stream), "\(e.type) without a schedule in \(stream)")
            case "BeneficiaryExcluded":
                excludedFrom[household] = String(e.data["effectiveOn"]?.stringValue?.prefix(7) ?? "")
            case "ExclusionReversed":
                excludedFrom[household] = nil
            case "OverpaymentIdentified":
                overpaid += 1
            default: break
            }
        }
        #expect(s.excluded > 0)
        #expect(s.retroactiveExclusions > 0)
        #expect(overpaid == s.overpaymentsIdentified)
        #expect(overpaid > 0)
        #expect(s.reinstated > 0)
        #expect(s.topUpGrants > 0)
        #expect(s.paymentsFailed > 0 && s.paymentsReissued > 0)
        let failedShare = Double(s.paymentsFailed) / Double(s.paymentsScheduled)
        #expect(failedShare > 0.01 && failedShare < 0.03)
        #expect(events.contains { $0.1.type == "EmergencyTopUpDeclared" })
        #expect(events.filter { $0.1.type == "PaymentCycleClosed" }.count == 9)
    }

    @Test func everyEventValidatesAndTheCountryImportsOnceIntoAStore() async throws {
        let (summary, requests) = try await generateCountry(seed: 5, households: 150, months: 5)
        let catalogue = try BenefitsCatalogue()
        for request in requests { try request.validate(limits: EventStoreLimits(), catalogue: catalogue) }
        // The NDJSON lines, as `daftar events import` reads them.
        let lines = try requests.flatMap(\.importLines).map { try ImportLine(json: Array($0.utf8)).request }
        #expect(lines.count == summary.events)
        let db = try await TestCluster.newDatabase()
        let store = EventStore(pool: db.pool(), catalogue: catalogue)
        var appended = 0
        for start in stride(from: 0, to: lines.count, by: 2000) {
            appended += try await store.bulkAppend(Array(lines[start..<min(start + 2000, lines.count)])).appendedEvents
        }
        #expect(appended == summary.events)
        // The same country through the demo's path, into another database: whole requests, then again.
        let otherDatabase = try await TestCluster.newDatabase()
        let other = EventStore(pool: otherDatabase.pool(), catalogue: catalogue)
        let first = try await other.bulkAppend(requests)
        #expect(first.appendedEvents == summary.events)
        let second = try await other.bulkAppend(requests)
        #expect(second.appendedEvents == 0)
        #expect(second.duplicateRequests == requests.count)
    }

    /// A regression pin: the default country stays byte for byte what it was. The digests were
    /// computed with `digest(_:)` on the generator as it stood before configurable top-ups and
    /// schedule changes were added (commit 0a32fc5), and hard-coded here; idempotency keys and
    /// stored demo databases depend on these bytes. A change of the default country's draws,
    /// commands or order shows up here first. Should it ever be intended, recompute the digests
    /// and say why in the commit. Re-pinned since: cross-match runs record `startedBy`
    /// (`CrossMatchRunRecorded` v2) and their proposals `runStartedBy` (`ExclusionProposed` v2);
    /// the draws, commands and order are unchanged.
    @Test func theDefaultCountryIsPinnedByteForByte() async throws {
        let pinned: [(seed: UInt64, households: Int, months: Int, digest: String, requests: Int)] = [
            (7, 120, 6, "9a4ce704417de9f1", 1610),
            (3, 400, 9, "92ef8627c842f9f7", 6643),
            (1, 60, 2, "b5bab4c915580c4c", 758),
        ]
        for pin in pinned {
            let (_, requests) = try await generateCountry(seed: pin.seed, households: pin.households, months: pin.months)
            #expect(requests.count == pin.requests, "\(pin.seed) \(pin.households)x\(pin.months)")
            #expect(digest(requests) == pin.digest, "\(pin.seed) \(pin.households)x\(pin.months)")
        }
    }
}
