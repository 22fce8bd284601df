import Benefits
import EventStore
import Foundation

extension PlannedMonths {
    /// The class a household is weighted in and the months it may be paid, or `nil` when it is not paid at all.
    func admission(of household: CohortHousehold) -> (weightClass: Int, start: Int, end: Int)? {
        switch household.standing {
        case .enrolled:
            return (0, 0, cycles.count)
        case .temporarilyEnrolled(let endsOn):
            let end = cycles.firstIndex { $0.firstDay > endsOn } ?? cycles.count
            return end > 0 ? (0, 0, end) : nil
        case .excluded(let appealPending):
            return appealPending ? (1, 0, cycles.count) : nil
        case .suspended:
            return nil
        case .candidate:
            guard let score = household.score else { return nil }
            for (k, change) in entrantChanges.enumerated() {
                let weightClass = k + 2
                let start = classes[weightClass].start
                guard start < cycles.count, let rule = regimes[regimeOfMonth[start]].rule else { continue }
                let composition = household.composition(on: cycles[start].lastDay)
                guard let scaled = DecimalNumber(score) else { continue }
                let before = rule.determine(score: scaled, composition: composition).outcome == .eligible
                switch change {
                case .pmtThreshold(_, let threshold, _):
                    guard let limit = DecimalNumber(threshold) else { continue }
                    var published = rule.published
                    published.pmtThreshold = limit
                    let after = EligibilityRule(published).determine(score: scaled, composition: composition).outcome == .eligible
                    if after && !before { return (weightClass, start, cycles.count) }
                case .expansion(_, let list, _):
                    if before && list.contains(household.governorate) { return (weightClass, start, cycles.count) }
                default:
                    continue
                }
            }
            return nil
        }
    }

    /// Adds one household's payments, month by month, to the accumulator.
    ///
    /// The months are cut where something may change: the household's first and last month, a new
    /// regime, or a member's birthday at an age that matters. Within a cut, the household is paid the
    /// same components; each cut costs one evaluation of the schedule.
    func accumulate(_ household: CohortHousehold, index: Int, into accumulator: inout CellAccumulator) {
        guard let (weightClass, start, end) = admission(of: household), let g = governorateIndex[household.governorate] else { return }
        var cuts = [start, end]
        for boundary in regimeBoundaries where boundary > start && boundary < end { cuts.append(boundary) }
        let first = cycles[0]
        for member in household.members {
            // A birthday counts in its month (ages are read on the month's last day); 29 February
            // counts in March in a common year, so both months are cut for it.
            let leapDay = member.birthDate.month == 2 && member.birthDate.day == 29
            for age in relevantAges {
                let month = Self.monthIndex(year: member.birthDate.year + age, month: member.birthDate.month, from: first)
                if month > start && month < end { cuts.append(month) }
                if leapDay && month + 1 > start && month + 1 < end { cuts.append(month + 1) }
            }
        }
        cuts.sort()
        var ordered: [Int] = []
        ordered.reserveCapacity(cuts.count)
        for cut in cuts where ordered.last != cut { ordered.append(cut) }
        let applicableTopUps = topUps.filter { change in change.areas.contains { lies(household, in: $0) } }
        let topUp = Self.topUpComponent
        for (s, e) in zip(ordered, ordered.dropFirst()) {
            let regime = regimes[regimeOfMonth[s]]
            let composition = household.composition(on: cycles[s].lastDay)
            if let rule = regime.rule, rule.published.combination == .pmtAndCategory, rule.categoriesMet(by: composition).isEmpty { continue }
            guard let entitlement = try? regime.schedule.entitlement(for: composition) else { continue }
            var components: [(Int, Int64)] = []
            for component in entitlement.components {
                guard let code = PaymentComponentCode(rawValue: component.component.rawValue), let c = CellAccumulator.componentIndex[code] else { continue }
                accumulator.addRange(weightClass, g, c, s, e, component.amountMinor)
                components.append((c, component.amountMinor))
            }
            accumulator.addHousehold(weightClass, g, s, e)
            var paidTopUps: [(Int, Int, Int64)] = []
            for (cycle, amount) in household.topUps {
                let month = Self.monthIndex(year: cycle.year, month: cycle.month, from: first)
                guard month >= s && month < e else { continue }
                accumulator.addRange(weightClass, g, topUp, month, month + 1, amount)
                paidTopUps.append((month, topUp, amount))
            }
            for change in applicableTopUps {
                let amount = change.basis == .perMember ? change.amountMinor &* Int64(composition.size) : change.amountMinor
                for month in change.months where month >= s && month < e {
                    accumulator.addRange(weightClass, g, topUp, month, month + 1, amount)
                    paidTopUps.append((month, topUp, amount))
                }
            }
            if keepsSegments {
                accumulator.segments.append(
                    PaidSegment(household: index, weightClass: weightClass, governorate: g, start: s, end: e, components: components, topUps: paidTopUps))
            }
        }
    }

    /// Whether the household lives in an area: its governorate, or its district (or the country code).
    func lies(_ household: CohortHousehold, in area: AreaCode) -> Bool {
        let code = area.rawValue
        return household.governorate.rawValue == code || household.district.rawValue == code || household.district.rawValue.hasPrefix(code + "-")
            || household.governorate.rawValue.hasPrefix(code + "-")
    }
}
