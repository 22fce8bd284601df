import EventStore

/// A published benefit schedule: the monthly entitlement of a household from its composition.
///
/// `entitlement = min(cap, sizeTable[head's sex][min(size, n) − 1] + base + per-member components)`,
/// each part counting only when the schedule has it (benefit-schedule-published.v1.json). The size
/// table by the head's sex reproduces Iraq's SPN schedule exactly (calibration.md §6: male-headed
/// 125,000 / 175,000 / 225,000 / 275,000 and female-headed 125,000 / 200,000 / 275,000 / 325,000 IQD
/// for sizes 1 / 2 / 3 / 4+); the base with per-member, per-child, per-elderly and per-disabled
/// amounts and a cap expresses linear schedules. A per-member component counts at most
/// `maxCountedMembers` members and appears only when it counts someone; a total above the cap gets a
/// negative `capAdjustment` component. All arithmetic is checked ``Money``.
public struct BenefitSchedule: Sendable, Hashable {
    /// The publication.
    public let published: BenefitSchedulePublished

    /// The schedule of a publication.
    /// - Parameter published: the `BenefitSchedulePublished` event.
    public init(_ published: BenefitSchedulePublished) {
        self.published = published
    }

    /// The schedule version.
    public var version: Int { published.scheduleVersion }

    /// The monthly entitlement of a household.
    /// - Parameter composition: the household on the effective date.
    /// - Returns: the entitlement with its components.
    /// - Throws: ``DomainRejection`` `no_head_of_household` (the table's row needs the head's sex, and
    ///   every enrolment a head), or `amount_overflow` when an amount leaves the ledger's bounds.
    public func entitlement(for composition: HouseholdComposition) throws(DomainRejection) -> Entitlement {
        guard let head = composition.head else {
            throw DomainRejection(
                .noHeadOfHousehold, rule: "schedule v\(version) reads the head's sex on \(composition.date)", field: "householdId",
                value: "no head")
        }
        let currency = published.currency
        var components: [EntitlementComponent] = []
        if let table = published.sizeTableByHeadSex {
            let row = head.sex == .female ? table.female : table.male
            guard !row.isEmpty else {
                throw DomainRejection(
                    .scheduleIncomplete, rule: "schedule v\(version) has a size table row for \(head.sex.rawValue)-headed households",
                    field: "sizeTableByHeadSex", value: "empty")
            }
            components.append(EntitlementComponent(component: .sizeTable, amountMinor: row[min(composition.size, row.count) - 1]))
        }
        if let base = published.baseAmountMinor {
            components.append(EntitlementComponent(component: .base, amountMinor: base))
        }
        if let perMember = published.memberComponents {
            let limit = perMember.maxCountedMembers ?? Int.max
            let members = composition.members
            let counted: [(EntitlementComponentCode, Int64?, Int)] = [
                (.perMember, perMember.perMemberAmountMinor, members.count),
                (.perChild, perMember.perChildAmountMinor, members.filter { m in perMember.childUnderAge.map { m.age < $0 } ?? false }.count),
                (.perElderly, perMember.perElderlyAmountMinor, members.filter { m in perMember.elderlyFromAge.map { m.age >= $0 } ?? false }.count),
                (.perDisabled, perMember.perDisabledAmountMinor, members.filter { $0.disability != .noDisability }.count),
            ]
            for (code, unit, count) in counted {
                guard let unit, count > 0 else { continue }
                let n = min(count, limit)
                let amount = try DomainRejection.money { () throws(MoneyError) in
                    try Money(minorUnits: unit, currency: currency).multiplied(by: Int64(n), field: "components.\(code.rawValue)")
                }
                components.append(EntitlementComponent(component: code, amountMinor: amount.minorUnits, count: n, unitAmountMinor: unit))
            }
        }
        var total = try DomainRejection.money { () throws(MoneyError) in
            try Money.sum(components.map { Money(minorUnits: $0.amountMinor, currency: currency) }, in: currency, field: "monthlyAmountMinor")
        }
        if let cap = published.capAmountMinor, total.minorUnits > cap {
            let adjustment = try DomainRejection.money { () throws(MoneyError) in
                try Money(minorUnits: cap, currency: currency).subtracting(total, field: "components.capAdjustment")
            }
            components.append(EntitlementComponent(component: .capAdjustment, amountMinor: adjustment.minorUnits))
            total = Money(minorUnits: cap, currency: currency)
        }
        for component in components {
            try DomainRejection.checkEventBounds(
                Money(minorUnits: component.amountMinor, currency: currency), field: "components.\(component.component.rawValue)")
        }
        try DomainRejection.checkEventBounds(total, field: "monthlyAmountMinor")
        return Entitlement(
            scheduleVersion: version, currency: currency, headSex: head.sex, householdSize: composition.size, components: components,
            monthlyAmountMinor: total.minorUnits)
    }
}
