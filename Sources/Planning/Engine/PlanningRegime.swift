import Benefits
import EventStore
import Foundation

/// The rules that hold in one month of a plan: the benefit schedule (the one in force, changed by
/// the scenario, indexed) and the eligibility rule in force. Months with the same regime share it.
struct PlanningRegime: Sendable {
    /// The schedule as the scenario makes it, before indexation.
    var published: BenefitSchedulePublished
    /// The indexation factor, 1 without indexation.
    var index: Decimal
    /// The schedule after indexation.
    var schedule: BenefitSchedule
    /// The rule in force, if any.
    var rule: EligibilityRule?

    /// Whether two months share the regime.
    func isSame(as other: PlanningRegime) -> Bool {
        published == other.published && index == other.index && rule == other.rule
    }

    /// The ages at which a member's birthday may change the entitlement or a category under this regime.
    var relevantAges: Set<Int> {
        var ages: Set<Int> = [18]
        if let components = published.memberComponents {
            if let age = components.childUnderAge { ages.insert(age) }
            if let age = components.elderlyFromAge { ages.insert(age) }
        }
        for criterion in rule?.published.categories ?? [] {
            if let age = criterion.minAge { ages.insert(age) }
            if let age = criterion.maxAge { ages.insert(age) }
        }
        return ages
    }

    /// `published` with `change` applied: each part given replaces the one in force.
    static func merge(_ published: BenefitSchedulePublished, _ change: ScheduleChange) -> BenefitSchedulePublished {
        var next = published
        if let table = change.sizeTable { next.sizeTableByHeadSex = table }
        if let base = change.baseAmountMinor { next.baseAmountMinor = base }
        if let members = change.memberComponents { next.memberComponents = members }
        if let cap = change.capAmountMinor { next.capAmountMinor = cap }
        return next
    }

    /// `published` with every amount multiplied by `factor`, each rounded half to even to the ledger unit.
    static func indexed(_ published: BenefitSchedulePublished, by factor: Decimal) throws(PlanningError) -> BenefitSchedulePublished {
        guard factor != 1 else { return published }
        let rate: Rate
        do { rate = try Rate(factor, field: "indexation") } catch {
            throw PlanningError(code: "invalid_scenario", field: "indexation", rule: "precision", message: "the indexation factor \(factor) has too many digits")
        }
        func scale(_ amount: Int64?, _ field: String) throws(PlanningError) -> Int64? {
            guard let amount else { return nil }
            do { return try rate.apply(to: Money(minorUnits: amount, currency: published.currency), field: field).minorUnits } catch {
                throw PlanningError(code: "amount_overflow", field: field, rule: "range", message: "\(field) indexed by \(factor) leaves 64-bit range")
            }
        }
        var next = published
        if let table = published.sizeTableByHeadSex {
            var female: [Int64] = []
            var male: [Int64] = []
            for amount in table.female { female.append(try scale(amount, "sizeTable.female")!) }
            for amount in table.male { male.append(try scale(amount, "sizeTable.male")!) }
            next.sizeTableByHeadSex = .init(female: female, male: male)
        }
        next.baseAmountMinor = try scale(published.baseAmountMinor, "baseAmountMinor")
        if var members = published.memberComponents {
            members.perMemberAmountMinor = try scale(members.perMemberAmountMinor, "perMemberAmountMinor")
            members.perChildAmountMinor = try scale(members.perChildAmountMinor, "perChildAmountMinor")
            members.perElderlyAmountMinor = try scale(members.perElderlyAmountMinor, "perElderlyAmountMinor")
            members.perDisabledAmountMinor = try scale(members.perDisabledAmountMinor, "perDisabledAmountMinor")
            next.memberComponents = members
        }
        next.capAmountMinor = try scale(published.capAmountMinor, "capAmountMinor")
        return next
    }
}
