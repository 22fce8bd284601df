import Benefits
import EventStore

extension DemoCountryGenerator {
    static let determinedOn = BusinessDate(year: 2024, month: 11, day: 20)!
    static let enrolledOn = BusinessDate(year: 2024, month: 12, day: 1)!
    /// Eligible households left on the waiting list, millionths (assumption).
    static let waitingListPerMillion = 30_000

    /// One household: registration, members, assessment, eligibility, and enrolment when eligible.
    /// A household not enrolled is forgotten at once: nothing later reads it.
    func register(_ h: DrawnHousehold) async throws {
        count(h)
        let researcher = "user:researcher.\(h.areaTag.lowercased()).\(String(h.index % 97 + 1).leftPadded(to: 4))"
        let visit = Self.metadata(researcher, role: "social-researcher", reason: "registration")
        try await emit(
            RegisterHousehold(
                householdId: h.householdId, governorate: GovernorateCode(h.governorate.code), district: h.district, residence: h.residence,
                registrationSource: h.registrationSource, registeredOn: h.registeredOn, registeredBy: ActorID(researcher)), visit)
        for p in h.members {
            try await emit(
                AddMember(
                    householdId: h.householdId, personId: p.personId, sex: p.sex, birthDate: p.birthDate, relationship: p.relationship,
                    maritalStatus: p.maritalStatus, workStatus: p.workStatus, disability: p.disability, orphanhood: p.orphanhood,
                    effectiveOn: h.registeredOn), visit)
        }
        try await emit(
            AssessHousehold(
                householdId: h.householdId, programmeId: Self.programmeId, assessedOn: h.assessedOn, indicators: h.indicators,
                assessedBy: ActorID(researcher)), Self.metadata(researcher, role: "social-researcher", reason: "pmt-assessment"))
        let system = Self.metadata("system:eligibility", role: "system", reason: "eligibility-determination")
        try await emit(DetermineEligibility(programmeId: Self.programmeId, householdId: h.householdId, effectiveOn: Self.determinedOn), system)
        let beneficiary = ledger.households[h.householdId]?.beneficiary
        guard beneficiary?.latestDetermination?.outcome == .eligible else {
            ledger.forget(h.householdId)
            return
        }
        summary.eligible += 1
        guard !random.chance(perMillion: Self.waitingListPerMillion) else {
            ledger.forget(h.householdId)
            return
        }
        let manager = Self.metadata("user:manager.\(h.areaTag.lowercased()).07", role: "programme-manager", reason: "enrolment")
        try await emit(
            Enrol(programmeId: Self.programmeId, householdId: h.householdId, effectiveOn: Self.enrolledOn, payeePersonId: h.head.personId), manager)
        let entitlement = ledger.households[h.householdId]?.beneficiary.entitlement(on: Self.enrolledOn)
        summary.enrolled += 1
        summary.enrolledPersons += h.size
        if h.isFemaleHeaded { summary.enrolledFemaleHeaded += 1 }
        summary.enrolledMonthlyEntitlement += entitlement?.monthlyAmountMinor ?? 0
        caseload.append(CaseloadMember(id: h.householdId, index: h.index, tag: h.areaTag, head: h.head.personId, size: h.size))
    }

    func count(_ h: DrawnHousehold) {
        summary.households += 1
        summary.persons += h.size
        summary.householdsByGovernorate[h.governorate.code, default: 0] += 1
        summary.householdsBySize[min(h.size, 10) - 1] += 1
        if h.isFemaleHeaded { summary.femaleHeaded += 1 }
        if h.consumptionLessInterceptMicro + summary.interceptMicro < CountryCalibration.cutoffMicro { summary.personsBelowPovertyLine += h.size }
        for p in h.members {
            if p.sex == .male { summary.males += 1 }
            if p.disability != .noDisability { summary.personsWithDisability += 1 }
            if p.age >= 65 { summary.personsAged65Plus += 1 }
            summary.personsByAgeBand[p.age < 5 ? 0 : p.age < 15 ? 1 : p.age < 18 ? 2 : p.age < 60 ? 3 : 4] += 1
        }
    }
}
