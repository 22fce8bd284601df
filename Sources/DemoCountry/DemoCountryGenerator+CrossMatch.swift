import Benefits
import EventStore

extension DemoCountryGenerator {
    /// The largest run: a run and its hits are one request, and a request holds at most 1,000 events.
    static let hitsPerRun = 900
    static let crossMatcher = DemoCountryGenerator.metadata("system:cross-match", role: "system", reason: "cross-match")

    /// How a reason is found: the registry matched, its indicator, its evidence prefix.
    static func source(of reason: ExclusionReason) -> (SourceRegistry, CrossMatchIndicator, String) {
        switch reason {
        case .crossMatchBankLoan: (.centralBankLoans, .loanAboveThreshold, "cbi-loans")
        case .crossMatchFuelStationOrGenerator: (.fuelStationsAndGenerators, .ownsGenerator, "mop-fuel")
        case .crossMatchGovernmentSalary: (.governmentPayroll, .onGovernmentPayroll, "mof-payroll")
        case .crossMatchStatePension: (.statePensions, .receivesStatePension, "pension-fund")
        case .crossMatchVehicleOwnership: (.vehicleRegistry, .ownsRecentVehicle, "traffic-dir")
        case .deceased: (.civilStatusDeaths, .recordedDeceased, "civil-status")
        default: (.commercialRegistry, .holdsCommercialRegistration, "mot-commerce")
        }
    }

    /// Matches the enrolled caseload against seven registries (calibration §8 rates), records each
    /// registry's runs with their hits, proposes an exclusion per hit and decides it: most are
    /// excluded (40 % retroactively, two cycles back, which makes the payments since overpayments),
    /// a few dismissed. Appeals of the excluded go on the agenda.
    func crossMatch(_ m: Int, _ cycle: PaymentCycle) async throws {
        let reasons = CountryCalibration.exclusionsPer10k
        let weights = reasons.map(\.per10k) + [10_000 - reasons.reduce(0) { $0 + $1.per10k }]
        var hitsByReason: [[CaseloadMember]] = Array(repeating: [], count: reasons.count)
        let enrolled = caseload.filter { ledger.households[$0.id]?.beneficiary.status == .enrolled }
        for member in enrolled {
            let r = random.pick(weights: weights)
            if r < reasons.count { hitsByReason[r].append(member) }
        }
        let started = day(cycle, 18)
        let retroactiveFrom = configuration.cycles[max(0, m - 3)].firstDay
        for (r, members) in hitsByReason.enumerated() {
            let reason = reasons[r].reason
            let (registry, indicator, evidencePrefix) = Self.source(of: reason)
            for start in stride(from: 0, to: members.count, by: Self.hitsPerRun) {
                let batch = Array(members[start..<min(start + Self.hitsPerRun, members.count)])
                let runId = CrossMatchRunID(uuid())
                let hits = batch.map { member in
                    hit(member, indicator: indicator, evidence: EvidenceReference("\(evidencePrefix):\(cycle)/\(member.id.rawValue.dropFirst(3))"))
                }
                try await emit(
                    RecordCrossMatchRun(
                        crossMatchRunId: runId, programmeId: Self.programmeId, sourceRegistry: registry,
                        sourceSnapshotOn: cycle.firstDay.adding(days: -1), matchMethod: .hmacNationalId, keyVersion: 1,
                        counts: .init(
                            recordsSubmitted: enrolled.count, recordsInSource: 100_000 + random.below(900_000), hits: hits.count,
                            personsWithHits: Set(hits.compactMap(\.personId)).count, householdsWithHits: hits.count),
                        startedAt: UTCTimestamp(text: "\(started)T01:00:00Z")!, completedAt: UTCTimestamp(text: "\(started)T01:20:00Z")!,
                        startedBy: ActorID(Self.crossMatcher.actor), hits: hits),
                    Self.crossMatcher)
                summary.crossMatchHits += hits.count
                for (member, hit) in zip(batch, hits) {
                    try await decide(member, hit: hit, reason: reason, runId: runId, cycle: cycle, retroactiveFrom: retroactiveFrom)
                }
            }
        }
    }

    func hit(_ member: CaseloadMember, indicator: CrossMatchIndicator, evidence: EvidenceReference) -> RecordCrossMatchRun.Hit {
        var hit = RecordCrossMatchRun.Hit(
            hitId: CrossMatchHitID("HIT-\(member.tag)\(member.id.rawValue.dropFirst(5))"), householdId: member.id, personId: member.head,
            indicator: indicator, evidenceRef: evidence)
        switch indicator {
        case .loanAboveThreshold:
            hit.measuredAmountMinor = Int64(60 + random.below(190)) * 1_000_000
            hit.thresholdAmountMinor = 50_000_000
            hit.currency = .iqd
        case .receivesStatePension:
            hit.measuredAmountMinor = Int64(400 + random.below(600)) * 1_000
            hit.currency = .iqd
        case .ownsRecentVehicle:
            hit.vehicleModelYear = 2018 + random.below(7)
        default: break
        }
        return hit
    }

    func decide(
        _ member: CaseloadMember, hit: RecordCrossMatchRun.Hit, reason: ExclusionReason, runId: CrossMatchRunID, cycle: PaymentCycle,
        retroactiveFrom: BusinessDate
    ) async throws {
        let proposalId = ProposalID("XP-\(member.tag)\(member.id.rawValue.dropFirst(5))")
        let decidedOn = day(cycle, 20)
        let retroactive = random.chance(perMillion: CountryCalibration.retroactivePerMillion)
        let effectiveOn = retroactive ? retroactiveFrom : decidedOn
        try await emit(
            ProposeExclusion(
                proposalId: proposalId, programmeId: Self.programmeId, householdId: member.id, reason: reason,
                proposedBy: ActorID("system:cross-match"), proposedOn: day(cycle, 18), effectiveOn: effectiveOn, evidenceRef: hit.evidenceRef,
                crossMatchRunId: runId, hitIds: [hit.hitId], personId: hit.personId), Self.crossMatcher)
        let manager = "user:manager.\(member.tag.lowercased()).07"
        let metadata = Self.metadata(manager, role: "programme-manager", reason: "cross-match-decision")
        if random.chance(perMillion: 50_000) {
            try await emit(
                DismissExclusionProposal(
                    proposalId: proposalId, programmeId: Self.programmeId, householdId: member.id,
                    reason: [.falsePositiveMatch, .insufficientEvidence][random.pick(weights: [60, 40])], decidedBy: ActorID(manager),
                    decidedOn: decidedOn), metadata)
            summary.proposalsDismissed += 1
            return
        }
        let before = ledger.households[member.id]?.beneficiary.overpayments.count ?? 0
        try await emit(
            Exclude(
                programmeId: Self.programmeId, householdId: member.id, reason: reason, evidenceRef: hit.evidenceRef, decidedBy: ActorID(manager),
                decidedOn: decidedOn, effectiveOn: effectiveOn, proposalId: proposalId, crossMatchRunId: runId, personId: hit.personId,
                legalBasis: Self.law), metadata)
        summary.excludedByReason[reason, default: 0] += 1
        if retroactive { summary.retroactiveExclusions += 1 }
        summary.overpaymentsIdentified += (ledger.households[member.id]?.beneficiary.overpayments.count ?? 0) - before
        guard random.chance(perMillion: CountryCalibration.appealsPerMillion) else { return }
        let filedOn = decidedOn.adding(days: random.uniform(2...25))
        let appealId = AppealID("APL-\(member.tag)\(member.id.rawValue.dropFirst(5))")
        agenda.append(AgendaItem(date: filedOn, sequence: agenda.count, member: member, step: .appeal(appealId)))
        let upheld = random.chance(perMillion: CountryCalibration.reinstatementsPerMillion)
        agenda.append(
            AgendaItem(
                date: filedOn.adding(days: random.uniform(30...90)), sequence: agenda.count, member: member, step: .decision(appealId, upheld: upheld)))
    }

    /// Appeals filed and decided up to `date`, in date order.
    func runAgenda(through date: BusinessDate) async throws {
        let due = agenda.filter { $0.date <= date }.sorted { ($0.date, $0.sequence) < ($1.date, $1.sequence) }
        agenda.removeAll { $0.date <= date }
        for item in due {
            let member = item.member
            let committee = "committee:\(member.tag.lowercased())-01"
            let metadata = Self.metadata(committee, role: "appeals-committee", reason: "appeal")
            switch item.step {
            case .appeal(let appealId):
                try await emit(
                    AppealExclusion(
                        programmeId: Self.programmeId, householdId: member.id, appealId: appealId,
                        grounds: [.crossMatchMismatch, .dataError, .circumstancesChanged][random.pick(weights: [50, 30, 20])],
                        channel: [.welfareOffice, .online, .callCentre][random.pick(weights: [60, 30, 10])], filedOn: item.date),
                    Self.metadata("user:household.\(member.tag.lowercased())", role: "claimant", reason: "appeal"))
                summary.appeals += 1
            case .decision(let appealId, let upheld):
                let exclusion = ledger.households[member.id]?.beneficiary.exclusion
                if upheld, let exclusion {
                    try await emit(
                        ReverseExclusion(
                            programmeId: Self.programmeId, householdId: member.id, reason: .appealUpheld, appealId: appealId,
                            effectiveOn: exclusion.effectiveOn, decidedBy: ActorID(committee), decidedOn: item.date), metadata)
                    summary.reinstated += 1
                    if summary.reinstatedExample == nil { summary.reinstatedExample = member.id }
                } else {
                    try await emit(
                        RejectAppeal(
                            programmeId: Self.programmeId, householdId: member.id, appealId: appealId,
                            reason: [.evidenceConfirmsExclusion, .groundsNotSubstantiated][random.pick(weights: [60, 40])], decidedBy: ActorID(committee),
                            decidedOn: item.date), metadata)
                    summary.appealsRejected += 1
                }
            }
        }
    }

    /// A lower-case version-4 UUID from the generator's draws.
    func uuid() -> String {
        let hex = Array("0123456789abcdef")
        var digits = (0..<32).map { _ in hex[random.below(16)] }
        digits[12] = "4"
        digits[16] = hex[8 + random.below(4)]
        let s = String(digits)
        func part(_ a: Int, _ b: Int) -> Substring { s.dropFirst(a).prefix(b - a) }
        return "\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
    }
}
