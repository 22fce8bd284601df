import Benefits
import Foundation
import Planning
import Testing

/// The terminal tables: one plan by fiscal year and component, and plans compared.
@Suite struct PlanResultTableTests {
    /// The cells of the line starting with `label`, split on runs of two spaces or more.
    static func cells(_ table: String, _ label: String) -> [String] {
        guard let line = table.split(separator: "\n").first(where: { $0.hasPrefix(label + "  ") }) else { return [] }
        return line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func amount(_ cell: String) -> Int64? { Int64(cell.replacingOccurrences(of: ",", with: "")) }

    @Test func theFiscalYearTotalsAreTheSumsOfTheRows() {
        let plan = PlanFixtures.plan()
        let table = plan.table()
        #expect(Self.cells(table, "Cost (IQD)") == ["Cost (IQD)", "FY2025", "FY2026", "FY2027"])
        var expected: [Int: Int64] = [:]
        for row in plan.rows { expected[row.month.year, default: 0] += row.costMinor }
        let totals = Self.cells(table, "Total").dropFirst().compactMap(Self.amount)
        #expect(totals == [expected[2025], expected[2026], expected[2027]].compactMap { $0 })
        // The component rows add up to the total.
        var sums = [Int64](repeating: 0, count: 3)
        for label in ["Size table", "Per child", "Emergency top-up"] {
            let values = Self.cells(table, label).dropFirst().compactMap(Self.amount)
            #expect(values.count == 3, "\(label)")
            for (i, v) in values.enumerated() where i < 3 { sums[i] += v }
        }
        #expect(sums == totals)
        #expect(Self.cells(table, "Months") == ["Months", "2", "12", "2"])
        #expect(Self.cells(table, "Budget") == ["Budget", "80,000,000,000", "480,000,000,000", "80,000,000,000"])
        let margin = Self.cells(table, "Budget − cost").dropFirst().compactMap(Self.amount)
        #expect(margin == zip([80_000_000_000, 480_000_000_000, 80_000_000_000] as [Int64], totals).map { $0 - $1 })
        #expect(Self.cells(table, "% of GDP").count == 4)
        #expect(Self.cells(table, "% of revenue") == ["% of revenue", "—", Self.cells(table, "% of revenue")[2], "—"])
        #expect(table.contains("Households (average per month)"))
    }

    @Test func theHouseholdsAreThoseOfTheWidestComponent() throws {
        let plan = PlanFixtures.plan()
        let fy2027 = try #require(plan.fiscalYearTotals.last)
        // January and February 2027 (months 14 and 15): 114,000.125 + 134,000.125 and 115,000.125 + 135,000.125.
        #expect(fy2027.averageHouseholds == Decimal(string: "249000.25"))
        #expect(Self.cells(plan.table(), "Households (average per month)").last == "249,000.2")
    }

    @Test func fiscalYearsThatDoNotStartInJanuaryAreLabelledWithBothYears() {
        let plan = PlanFixtures.plan(fiscalYearStartMonth: 7)
        #expect(Self.cells(plan.table(), "Cost (IQD)") == ["Cost (IQD)", "FY2025/26", "FY2026/27"])
        #expect(plan.fiscalYearTotals.map(\.months) == [8, 8])
        #expect(plan.fiscalYearLabel(2099) == "FY2099/00")
    }

    @Test func theComparisonShowsEachPlanAndItsDifferenceFromTheFirst() {
        let baseline = PlanFixtures.plan(scenario: "baseline", perChildMinor: 0)
        let grant = PlanFixtures.plan(scenario: "child grant", perChildMinor: 25_000)
        let text = PlanResult.comparison([baseline, grant])
        #expect(Self.cells(text, "Total cost (IQD)") == ["Total cost (IQD)", "FY2025", "FY2026", "FY2027"])
        let a = Self.cells(text, "baseline").dropFirst().compactMap(Self.amount)
        let b = Self.cells(text, "child grant").dropFirst().compactMap(Self.amount)
        let difference = Self.cells(text, "  − baseline").dropFirst().map { $0.replacingOccurrences(of: "+", with: "") }.compactMap(Self.amount)
        #expect(a == baseline.fiscalYearTotals.map(\.costMinor))
        #expect(b == grant.fiscalYearTotals.map(\.costMinor))
        #expect(difference == zip(b, a).map { $0 - $1 })
        #expect(Self.cells(text, "  − baseline").dropFirst().allSatisfy { $0.hasPrefix("+") })
        #expect(PlanResult.comparison([]) == "")
    }
}
