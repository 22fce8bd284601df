import Benefits
import EventStore
import Foundation

/// A plan made ready to run: its months and their regimes, the governorates, the weight classes and
/// their factors, and which households each scenario change admits. Everything here is the same for
/// every household; ``accumulate(_:index:into:)`` then handles one household.
struct PlannedMonths: Sendable {
    /// A group of households weighted alike: the cohort, exclusions under appeal, or the entrants of one change.
    struct WeightClass: Sendable {
        /// The first month the class is paid.
        var start: Int
        /// The take-up weight by months since `start` (1 for the cohort).
        var weight: @Sendable (Int) -> Decimal
    }

    /// A scenario top-up, by month index.
    struct TopUp: Sendable {
        var areas: [AreaCode]
        var basis: TopUpBasis
        var amountMinor: Int64
        /// The months paid, ascending and without repeats.
        var months: [Int]
    }

    /// The accumulator's index of the emergency top-up component.
    static let topUpComponent = CellAccumulator.componentIndex[.emergencyTopUp]!

    let planner: CostPlanner
    let currency: Currency
    let cycles: [PaymentCycle]
    let regimes: [PlanningRegime]
    /// The regime of each month (an index into `regimes`).
    let regimeOfMonth: [Int]
    /// Months where the regime changes.
    let regimeBoundaries: [Int]
    let relevantAges: [Int]
    let governorates: [GovernorateCode]
    let governorateIndex: [GovernorateCode: Int]
    let assumptions: [PlanResult.Assumption]
    /// `(1 − x + e)^(n+1)` by governorate and n, the months since a class's start.
    let growth: [[Decimal]]
    let failure: [Rate]
    let classes: [WeightClass]
    /// For each entrant class (from 2), the scenario change that makes it: a threshold or an expansion.
    let entrantChanges: [ScenarioChange]
    let topUps: [TopUp]
    let ceiling: [Int64?]
    /// Whether some month has a ceiling, so paid segments are kept for rationing.
    let keepsSegments: Bool

    init(planner: CostPlanner, definition: ProgrammeDefined) throws(PlanningError) {
        self.planner = planner
        currency = definition.currency
        let scenario = planner.scenario
        let cycles = PlanResult.cycles(from: planner.from, months: planner.months)
        self.cycles = cycles
        func index(of month: PaymentCycle) -> Int {
            max(0, Self.monthIndex(year: month.year, month: month.month, from: planner.from))
        }

        // Regimes: the schedule in force, the scenario's changes from their month, indexation.
        var regimes: [PlanningRegime] = []
        var regimeOfMonth: [Int] = []
        var ages = Set<Int>()
        let scheduleChanges = scenario.changes.enumerated().compactMap { (n, change) -> (Int, PaymentCycle, ScheduleChange)? in
            if case .benefitSchedule(let from, let parts) = change { return (n, from, parts) }
            return nil
        }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        let indexations = scenario.changes.compactMap { change -> (PaymentCycle, Rate)? in
            if case .indexation(let from, let rate) = change { return (from, rate) }
            return nil
        }
        for month in cycles {
            let date = month.firstDay
            guard var published = planner.cohort.programme.schedule(inForceOn: date)?.published else {
                throw PlanningError(
                    code: "no_schedule", field: "from", rule: "scheduleInForce", message: "no benefit schedule is in force on \(date) at the pin")
            }
            for (_, from, parts) in scheduleChanges where from <= month { published = PlanningRegime.merge(published, parts) }
            var factor: Decimal = 1
            for (from, rate) in indexations where from <= month {
                var steps = 1
                var m = from.next
                while let current = m, current <= month {
                    if current.month == planner.fiscalYearStartMonth { steps += 1 }
                    m = current.next
                }
                for _ in 0..<steps { factor = PlanningDecimal.product(factor, 1 + rate.value) }
            }
            let indexed = try PlanningRegime.indexed(published, by: factor)
            let regime = PlanningRegime(
                published: published, index: factor, schedule: BenefitSchedule(indexed), rule: planner.cohort.programme.rule(inForceOn: date))
            ages.formUnion(regime.relevantAges)
            if let last = regimes.last, last.isSame(as: regime) {
                regimeOfMonth.append(regimes.count - 1)
            } else {
                regimes.append(regime)
                regimeOfMonth.append(regimes.count - 1)
            }
        }
        self.regimes = regimes
        self.regimeOfMonth = regimeOfMonth
        regimeBoundaries = (1..<max(1, cycles.count)).filter { regimeOfMonth[$0] != regimeOfMonth[$0 - 1] }
        relevantAges = ages.sorted()

        // Governorates: every one the cohort has a household in, and those a scenario names.
        var known = Set(planner.cohort.households.map(\.governorate))
        for change in scenario.changes {
            if case .expansion(_, let list, _) = change { known.formUnion(list) }
        }
        governorates = known.sorted()
        governorateIndex = Dictionary(uniqueKeysWithValues: governorates.enumerated().map { ($1, $0) })

        // Rates: observed over the trailing window of months the programme paid, unless the scenario gives them.
        let window = (1...scenario.trailingWindowMonths).compactMap { back -> PaymentCycle? in
            var m: PaymentCycle? = planner.from
            for _ in 0..<back { m = m.flatMap(Self.previous) }
            return m
        }
        var byGovernorate: [GovernorateCode: ObservedFlows] = [:]
        var national = ObservedFlows()
        for month in window {
            guard let flows = planner.cohort.flows[month], flows.values.contains(where: { $0.payableHouseholds > 0 }) else { continue }
            for (g, f) in flows {
                byGovernorate[g, default: ObservedFlows()] = byGovernorate[g, default: ObservedFlows()] + f
                national = national + f
            }
        }
        var assumptions: [PlanResult.Assumption] = []
        var growth: [[Decimal]] = []
        var failure: [Rate] = []
        for g in governorates {
            let f = byGovernorate[g].flatMap { $0.payableHouseholds > 0 ? $0 : nil } ?? national
            let households = Int64(f.payableHouseholds)
            let exit = scenario.rates.exit?.value ?? PlanningDecimal.ratio(Int64(f.exits + f.exclusions), households)
            let entry = scenario.rates.entry?.value ?? PlanningDecimal.ratio(Int64(f.entries), households)
            let failed = scenario.rates.failure?.value ?? PlanningDecimal.ratio(f.failedMinor, f.scheduledMinor)
            assumptions.append(
                PlanResult.Assumption(
                    governorate: g, exitRate: PlanningDecimal.rate(exit), entryRate: PlanningDecimal.rate(entry), failureRate: PlanningDecimal.rate(failed)))
            var row: [Decimal] = []
            var factor: Decimal = 1
            let step = PlanningDecimal.rounded(1 - exit + entry)
            for _ in 0..<cycles.count {
                factor = PlanningDecimal.product(factor, step)
                row.append(factor)
            }
            growth.append(row)
            failure.append(PlanningDecimal.rate(failed))
        }
        self.assumptions = assumptions
        self.growth = growth
        self.failure = failure

        // Classes: the cohort; exclusions under appeal; each change that admits households.
        let upheld = PlanningDecimal.ratio(Int64(national.appealsUpheld), Int64(national.appealsDecided))
        var classes = [WeightClass(start: 0, weight: { _ in 1 }), WeightClass(start: 0, weight: { _ in upheld })]
        var entrantChanges: [ScenarioChange] = []
        var topUps: [TopUp] = []
        var ceiling = [Int64?](repeating: nil, count: cycles.count)
        for change in scenario.changes {
            switch change {
            case .pmtThreshold(let from, _, let takeUp), .expansion(let from, _, let takeUp):
                guard from <= cycles.last! else { continue }
                let start = index(of: from)
                classes.append(WeightClass(start: start, weight: { n in takeUp.share(monthsSince: n).value }))
                entrantChanges.append(change)
            case .emergencyTopUp(let areas, let basis, let amount, let months):
                let paid = Set(months.filter { $0 >= planner.from }.map(index(of:)).filter { $0 < cycles.count })
                topUps.append(TopUp(areas: areas, basis: basis, amountMinor: amount, months: paid.sorted()))
            case .budgetCeiling(let from, let limit):
                for (i, month) in cycles.enumerated() where month >= from {
                    let year = PlanResult.fiscalYear(of: month, startMonth: planner.fiscalYearStartMonth)
                    switch limit {
                    case .monthly(let amount): ceiling[i] = amount
                    case .annual(let byYear): ceiling[i] = byYear[year].map { $0 / 12 }
                    case .allocation: ceiling[i] = planner.cohort.programme.budgets[Programme.BudgetLine(fiscalYear: year)].map { $0 / 12 }
                    }
                }
            case .benefitSchedule, .indexation: break
            }
        }
        self.classes = classes
        self.entrantChanges = entrantChanges
        self.topUps = topUps
        self.ceiling = ceiling
        keepsSegments = ceiling.contains { $0 != nil }
    }

    /// Months from `from` to the given month: 0 for `from` itself, negative before it.
    static func monthIndex(year: Int, month: Int, from: PaymentCycle) -> Int {
        (year - from.year) * 12 + month - from.month
    }

    static func previous(_ cycle: PaymentCycle) -> PaymentCycle? {
        cycle.month == 1 ? PaymentCycle(year: cycle.year - 1, month: 12) : PaymentCycle(year: cycle.year, month: cycle.month - 1)
    }

    /// The weight of a class in a month and governorate: take-up times growth since the class's start.
    func factor(_ weightClass: Int, _ month: Int, _ governorate: Int) -> Decimal {
        let c = classes[weightClass]
        guard month >= c.start else { return 0 }
        return PlanningDecimal.product(c.weight(month - c.start), growth[governorate][month - c.start])
    }
}
