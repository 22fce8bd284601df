import Benefits
import DaftarJSON
import Foundation

extension PlanResult {
    /// The plan as a JSON document, for publication and for other programs.
    ///
    /// Deterministic: write it with DaftarJSON's `canonicalText` for the same bytes every time (members
    /// sorted, no whitespace). Amounts are integers in ledger units; households are JSON numbers with
    /// exactly three decimals (`1234.500`); rates and shares are decimal strings (`"0.05"`), as in
    /// scenario files. Members:
    /// - `format` (`"daftar-plan/1"`), `programme`, `currency`, `scenario` (the name), `pin`, `from`,
    ///   `months`, `fiscalYearStartMonth`, `administrativeShare`;
    /// - `assumptions`: `[{governorate, exitRate, entryRate, failureRate}]`, sorted by governorate;
    /// - `rows`: `[{month, governorate, component, households, scheduledMinor, failedMinor,
    ///   administrationMinor, costMinor}]`, in the order of ``rows``;
    /// - `fiscalYears`: ``fiscalYearTotals`` as `[{fiscalYear, label, months, costByComponent,
    ///   scheduledMinor, failedMinor, administrationMinor, costMinor, averageHouseholds}]`, with
    ///   `budgetMinor` and `budgetMinusCostMinor`, `gdpMinor` and `costShareOfGdp`, `revenueMinor`
    ///   and `costShareOfRevenue` when known;
    /// - `monthlyBudgetMinor` (by `YYYY-MM`), `gdpMinor` and `revenueMinor` (by fiscal year), `totalCostMinor`;
    /// - `digestHeader` and `digest` (see ``digest``).
    public var json: JSONValue {
        func int(_ value: Int64) -> JSONValue { .number(JSONNumber(value)) }
        func households(_ value: Decimal) -> JSONValue {
            let text = ReportFormatting.fixed(value, places: 3)
            return JSONNumber(literal: text).map(JSONValue.number) ?? .string(text)
        }
        func byYear(_ values: [Int: Int64]) -> JSONValue {
            .object(Dictionary(uniqueKeysWithValues: values.map { (String($0.key), int($0.value)) }))
        }
        let assumptionsJSON: [JSONValue] = assumptions.map { a in
            .object([
                "governorate": .string(a.governorate.rawValue), "exitRate": .string(a.exitRate.description),
                "entryRate": .string(a.entryRate.description), "failureRate": .string(a.failureRate.description),
            ])
        }
        let rowsJSON: [JSONValue] = rows.map { r in
            .object([
                "month": .string(r.month.description), "governorate": .string(r.governorate.rawValue), "component": .string(r.component.rawValue),
                "households": households(r.households), "scheduledMinor": int(r.scheduledMinor), "failedMinor": int(r.failedMinor),
                "administrationMinor": int(r.administrationMinor), "costMinor": int(r.costMinor),
            ])
        }
        let totals = fiscalYearTotals
        let yearsJSON: [JSONValue] = totals.map { t in
            var o: [String: JSONValue] = [
                "fiscalYear": int(Int64(t.fiscalYear)), "label": .string(t.label), "months": int(Int64(t.months)),
                "costByComponent": .object(Dictionary(uniqueKeysWithValues: t.costByComponent.map { ($0.key.rawValue, int($0.value)) })),
                "scheduledMinor": int(t.scheduledMinor), "failedMinor": int(t.failedMinor), "administrationMinor": int(t.administrationMinor),
                "costMinor": int(t.costMinor), "averageHouseholds": households(t.averageHouseholds),
            ]
            if let b = t.budgetMinor { o["budgetMinor"] = int(b) }
            if let d = t.budgetMinusCostMinor { o["budgetMinusCostMinor"] = int(d) }
            if let g = t.gdpMinor { o["gdpMinor"] = int(g) }
            if let s = t.costShareOfGdp { o["costShareOfGdp"] = .string(s.description) }
            if let r = t.revenueMinor { o["revenueMinor"] = int(r) }
            if let s = t.costShareOfRevenue { o["costShareOfRevenue"] = .string(s.description) }
            return .object(o)
        }
        return .object([
            "format": "daftar-plan/1",
            "programme": .string(programmeId.rawValue),
            "currency": .string(currency.code),
            "scenario": .string(scenario),
            "pin": int(pin),
            "from": .string(from.description),
            "months": int(Int64(months)),
            "fiscalYearStartMonth": int(Int64(fiscalYearStartMonth)),
            "administrativeShare": .string(administrativeShare.description),
            "assumptions": .array(assumptionsJSON),
            "rows": .array(rowsJSON),
            "fiscalYears": .array(yearsJSON),
            "monthlyBudgetMinor": .object(Dictionary(uniqueKeysWithValues: monthlyBudgetMinor.map { ($0.key.description, int($0.value)) })),
            "gdpMinor": byYear(gdpMinor),
            "revenueMinor": byYear(revenueMinor),
            "totalCostMinor": int(totalCostMinor),
            "digestHeader": .string(digestHeader),
            "digest": .string(digest),
        ])
    }

    /// ``json`` with the scenario's own document (``Scenario/json``) as member `scenarioDocument`, so that
    /// a published plan carries everything it was computed from but the ledger itself.
    /// - Parameter scenario: the scenario the plan projects; its name should be ``scenario``.
    /// - Returns: the document.
    public func json(embedding scenario: Scenario) -> JSONValue {
        guard case .object(var members) = json else { return json }
        members["scenarioDocument"] = scenario.json
        return .object(members)
    }
}
