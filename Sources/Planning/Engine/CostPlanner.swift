import Benefits
import EventStore
import Foundation

/// The cohort projection: a programme's cost month by month, by governorate and component, from its
/// caseload as known at a pinned ledger position, under a scenario.
///
/// **Method.** Each household of the cohort is followed month by month:
/// - its members age (a birthday counts from the month it falls in: ages are read on the month's
///   last day), so a child turning 18 leaves a per-child component, and an adult turning 65 gains a
///   per-elderly one, in that month; under a rule that needs a category (`pmtAndCategory`), a
///   household that no longer meets any stops being paid that month;
/// - the schedule in force on the month's first day applies (future-dated versions take effect on
///   their date), changed by the scenario and indexed;
/// - top-ups already granted for the month are paid, and the scenario's;
/// - a temporary enrolment stops after its end date; suspended and excluded households are not paid,
///   except that an exclusion under appeal comes back with the observed share of appeals upheld.
///
/// Flows are expected values, not draws: in governorate *g*, with monthly exit rate *x* (exits and
/// individual exclusions per payable household-month over the trailing window) and entry rate *e*,
/// month *i* (0 for `from`) is weighted by `(1 − x + e)^(i+1)`: the first month projected has had
/// one month of flows, and entrants resemble the governorate's caseload. Households a scenario admits
/// (a threshold, an expansion) are weighted by the take-up curve from their first month, and leave at
/// the same rates from then. Payments fail with the observed rate (the scheduled amount whose last
/// attempt failed, over the amount scheduled), and the administrative share is added to the net.
///
/// **Numbers.** Amounts are summed exactly in integer ledger units per month, governorate, component
/// and weight class; each sum is multiplied by its weight and rounded once, half to even
/// (``Rate/apply(to:field:)``). Rates are `Decimal`s rounded half to even to 12 places when derived.
/// The same cohort and scenario give the same ``PlanResult``, byte for byte, however the work is split.
public struct CostPlanner: Sendable {
    /// The version of the method; a published plan records it, and ``PlanResult``s of different versions may differ.
    public static let methodVersion = 1
    /// The most months a plan projects.
    public static let maximumMonths = 120

    /// The cohort at the pin.
    public var cohort: Cohort
    /// The scenario.
    public var scenario: Scenario
    /// The first month projected.
    public var from: PaymentCycle
    /// Months projected.
    public var months: Int
    /// The first month of the fiscal year, 1 = January.
    public var fiscalYearStartMonth: Int

    /// A planner.
    /// - Parameters:
    ///   - cohort: the programme and its households at the pin.
    ///   - scenario: the changes and assumptions; ``Scenario/baseline(currency:)`` for none.
    ///   - from: the first month projected.
    ///   - months: months projected, 1 … ``maximumMonths``.
    ///   - fiscalYearStartMonth: the fiscal year's first month, 1 … 12.
    public init(cohort: Cohort, scenario: Scenario, from: PaymentCycle, months: Int, fiscalYearStartMonth: Int = 1) {
        self.cohort = cohort
        self.scenario = scenario
        self.from = from
        self.months = months
        self.fiscalYearStartMonth = fiscalYearStartMonth
    }

    /// Projects the plan.
    /// - Returns: the plan's cells, sorted, with the assumptions used and the budget.
    /// - Throws: ``PlanningError`` `invalid_option` (months, fiscal year start), `no_programme`,
    ///   `currency_mismatch`, `no_schedule` (no schedule in force in a month), `invalid_scenario`;
    ///   nothing is computed then.
    public func run() async throws(PlanningError) -> PlanResult {
        let plan = try prepare()
        let households = cohort.households
        let chunks = 2
        let size = (households.count + chunks - 1) / max(chunks, 1)
        let accumulators = await withTaskGroup(of: CellAccumulator.self) { group in
            for chunk in 0..<chunks {
                let range = min(households.count, chunk * size)..<min(households.count, (chunk + 1) * size)
                group.addTask {
                    var accumulator = CellAccumulator(classes: plan.classes.count, months: plan.cycles.count, governorates: plan.governorates.count)
                    for index in range { plan.accumulate(households[index], index: index, into: &accumulator) }
                    return accumulator
                }
            }
            var all: [CellAccumulator] = []
            for await accumulator in group { all.append(accumulator) }
            return all
        }
        var total = CellAccumulator(classes: plan.classes.count, months: plan.cycles.count, governorates: plan.governorates.count)
        for accumulator in accumulators { total.merge(accumulator) }
        total.integrate()
        return try plan.result(total, households: households)
    }

    /// Checks the inputs and fixes everything that does not depend on a household.
    func prepare() throws(PlanningError) -> PlannedMonths {
        guard (1...Self.maximumMonths).contains(months) else {
            throw PlanningError(code: "invalid_option", field: "months", rule: "range", message: "months must be 1 … \(Self.maximumMonths), got \(months)")
        }
        guard (1...12).contains(fiscalYearStartMonth) else {
            throw PlanningError(
                code: "invalid_option", field: "fiscalYearStart", rule: "range", message: "the fiscal year starts in a month 1 … 12, got \(fiscalYearStartMonth)")
        }
        guard let definition = cohort.programme.definition else {
            throw PlanningError(code: "no_programme", field: "programme", rule: "defined", message: "the programme is not defined at the pin")
        }
        guard scenario.currency == definition.currency else {
            throw PlanningError(
                code: "currency_mismatch", field: "currency", rule: "programmeCurrency",
                message: "the scenario is in \(scenario.currency.code) but the programme pays in \(definition.currency.code)")
        }
        return try PlannedMonths(planner: self, definition: definition)
    }
}
