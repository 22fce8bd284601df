import Benefits
import EventStore
import Foundation

extension PlannedMonths {
    /// The plan's rows from the accumulated sums: each class's sum times its weight, rounded once per
    /// cell; failures and administration on the total (``carryRounding(_:)``); a budget ceiling
    /// rationed poorest first.
    func result(_ sums: CellAccumulator, households: [CohortHousehold]) throws(PlanningError) -> PlanResult {
        var sums = sums
        var rows: [PlanRow] = []
        var rank: [Int]?
        for month in cycles.indices {
            var monthRows = try rowsOf(month, sums)
            if let limit = ceiling[month], monthRows.reduce(0, { $0 &+ $1.costMinor }) > limit {
                if rank == nil {
                    // Sorted once: one household's segments never share a month, so each month's
                    // paid segments keep this order.
                    let order = Self.rank(households)
                    sums.segments.sort { order[$0.household] < order[$1.household] }
                    rank = order
                }
                ration(month, limit: limit, sums: &sums)
                monthRows = try rowsOf(month, sums)
            }
            rows += monthRows
        }
        try carryRounding(&rows)
        var budget: [PaymentCycle: Int64] = [:]
        for (i, cycle) in cycles.enumerated() {
            let year = PlanResult.fiscalYear(of: cycle, startMonth: planner.fiscalYearStartMonth)
            if let limit = ceiling[i] {
                budget[cycle] = limit
            } else if let allocated = planner.cohort.programme.budgets[Programme.BudgetLine(fiscalYear: year)] {
                budget[cycle] = allocated / 12
            }
        }
        let programmeId = planner.cohort.programme.definition?.programmeId ?? ProgrammeID("unknown")
        return PlanResult(
            programmeId: programmeId, currency: currency, scenario: planner.scenario.name, pin: planner.cohort.pin, from: planner.from,
            months: cycles.count, fiscalYearStartMonth: planner.fiscalYearStartMonth, administrativeShare: planner.scenario.administrativeShare,
            assumptions: assumptions, rows: rows, monthlyBudgetMinor: budget, gdpMinor: planner.scenario.gdpMinor,
            revenueMinor: planner.scenario.revenueMinor)
    }

    /// The rows of one month.
    func rowsOf(_ month: Int, _ sums: CellAccumulator) throws(PlanningError) -> [PlanRow] {
        var rows: [PlanRow] = []
        for (g, governorate) in governorates.enumerated() {
            let factors = classes.indices.map { factor($0, month, g) }
            for (c, component) in CellAccumulator.components.enumerated() {
                var scheduled: Int64 = 0
                var households: Decimal = 0
                for k in classes.indices where factors[k] != 0 {
                    let amount = sums.amount(k, month, g, c)
                    let count = sums.count(k, month, g, c)
                    guard amount != 0 || count != 0 else { continue }
                    scheduled = try add(scheduled, try apply(factors[k], to: amount, field: "scheduled"))
                    households += factors[k] * Decimal(count)
                }
                guard scheduled != 0 || households != 0 else { continue }
                let failed = try apply(failure[g].value, to: scheduled, field: "failed")
                let administration = try apply(planner.scenario.administrativeShare.value, to: scheduled - failed, field: "administration")
                rows.append(
                    PlanRow(
                        month: cycles[month], governorate: governorate, component: component, households: PlanningDecimal.rounded(households, places: 3),
                        scheduledMinor: scheduled, failedMinor: failed, administrationMinor: administration))
            }
        }
        return rows
    }

    /// Rounds failures and administration with the remainder carried from row to row: each row's
    /// amount is the rounded running total of the exact products minus the rounded total before it.
    /// So any run of consecutive rows (a month, a fiscal year, the whole plan) is within one ledger
    /// unit of the exact product of its sum, as the standard costing formula computes it, where
    /// rounding each row alone could drift by half a unit a row.
    func carryRounding(_ rows: inout [PlanRow]) throws(PlanningError) {
        var failedExact: Decimal = 0
        var failedRounded: Int64 = 0
        var administrationExact: Decimal = 0
        var administrationRounded: Int64 = 0
        let index = governorateIndex
        for i in rows.indices {
            let g = index[rows[i].governorate]!
            failedExact += Decimal(rows[i].scheduledMinor) * failure[g].value
            let failedTotal = try integer(failedExact)
            rows[i].failedMinor = failedTotal - failedRounded
            failedRounded = failedTotal
            administrationExact += Decimal(rows[i].scheduledMinor - rows[i].failedMinor) * planner.scenario.administrativeShare.value
            let administrationTotal = try integer(administrationExact)
            rows[i].administrationMinor = administrationTotal - administrationRounded
            administrationRounded = administrationTotal
        }
    }

    /// A decimal rounded half to even to an integer.
    func integer(_ value: Decimal) throws(PlanningError) -> Int64 {
        let rounded = PlanningDecimal.rounded(value, places: 0)
        guard let result = Int64(rounded.description) else {
            throw PlanningError(code: "amount_overflow", field: "cost", rule: "range", message: "a total leaves 64-bit range")
        }
        return result
    }

    func apply(_ factor: Decimal, to amount: Int64, field: String) throws(PlanningError) -> Int64 {
        do {
            return try Rate(factor, field: field).apply(to: Money(minorUnits: amount, currency: currency), field: field).minorUnits
        } catch {
            throw PlanningError(code: "amount_overflow", field: field, rule: "range", message: "\(field): \(error)")
        }
    }

    func add(_ a: Int64, _ b: Int64) throws(PlanningError) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw PlanningError(code: "amount_overflow", field: "scheduled", rule: "range", message: "a sum leaves 64-bit range") }
        return sum
    }

    /// Households in the order a ceiling pays them: poorest (lowest score) first, unscored last, then by id.
    static func rank(_ households: [CohortHousehold]) -> [Int] {
        let order = households.indices.sorted { a, b in
            switch (households[a].score, households[b].score) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return households[a].householdId < households[b].householdId
            }
        }
        var rank = [Int](repeating: 0, count: households.count)
        for (position, index) in order.enumerated() { rank[index] = position }
        return rank
    }

    /// Takes households out of `month`, richest first, until its cost is within `limit`: the poorest
    /// are paid first, and the first household that no longer fits ends the month's payments.
    ///
    /// A household's expected cost is its amount times its weight, net of failures, plus
    /// administration, in fixed point (billionths) so that the cut is the same on every machine.
    ///
    /// `sums.segments` must already be in ``rank(_:)`` order (``result(_:households:)`` sorts them once).
    func ration(_ month: Int, limit: Int64, sums: inout CellAccumulator) {
        let paid = sums.segments.filter { $0.start <= month && month < $0.end }
        var spent: Int64 = 0
        var full = false
        for segment in paid {
            let components = segment.paid(in: month)
            if !full {
                let net = factor(segment.weightClass, month, segment.governorate) * (1 - failure[segment.governorate].value)
                    * (1 + planner.scenario.administrativeShare.value)
                let billionths = NSDecimalNumber(decimal: PlanningDecimal.rounded(net * 1_000_000_000, places: 0)).int64Value
                let amount = components.reduce(Int64(0)) { $0 &+ $1.1 }
                let product = amount.multipliedFullWidth(by: billionths)
                let cost = Int64(1_000_000_000).dividingFullWidth(product).quotient
                if spent &+ cost <= limit {
                    spent &+= cost
                    continue
                }
                full = true
            }
            sums.remove(segment.weightClass, month, segment.governorate, components: components)
        }
    }
}
