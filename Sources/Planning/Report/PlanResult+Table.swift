import Benefits
import Foundation

extension PlanResult {
    /// Words for a component in tables.
    static func componentLabel(_ component: PaymentComponentCode) -> String {
        switch component {
        case .sizeTable: return "Size table"
        case .base: return "Base"
        case .perMember: return "Per member"
        case .perChild: return "Per child"
        case .perElderly: return "Per elderly member"
        case .perDisabled: return "Per disabled member"
        case .capAdjustment: return "Cap adjustment"
        case .emergencyTopUp: return "Emergency top-up"
        case .oneOffGrant: return "One-off grant"
        case .arrears: return "Arrears"
        case .overpaymentDeduction: return "Overpayment deduction"
        }
    }

    /// The plan as a table for a terminal: one column per fiscal year, one row per payment component
    /// with its cost (scheduled − failed + administration) in the major unit of the currency, then
    /// the rows Total, Households (average per month), Months (projected in the year), and, when
    /// known, Budget, Budget − cost, % of GDP and % of revenue (two decimals, of the projected
    /// months' cost). A dash marks a cell with no value.
    ///
    /// Amounts are exact: the ledger units written in the major unit with every fractional digit of
    /// the currency (`1,250,000` IQD, `12.50` USD), integer digits grouped.
    /// - Parameter groupingSeparator: put between groups of three integer digits; `","` by default.
    /// - Returns: the lines, each ending with a line feed.
    public func table(groupingSeparator: String = ",") -> String {
        let totals = fiscalYearTotals
        func money(_ minor: Int64?) -> String {
            minor.map { ReportFormatting.major($0, currency, groupingSeparator: groupingSeparator) } ?? "—"
        }
        func percent(_ share: Decimal?) -> String {
            share.map { ReportFormatting.fixed($0 * 100, places: 2, groupingSeparator: groupingSeparator) + " %" } ?? "—"
        }
        var body: [[String]] = []
        let components = PaymentComponentCode.allCases.filter { c in totals.contains { $0.costByComponent[c] != nil } }
        for component in components {
            body.append([Self.componentLabel(component)] + totals.map { money($0.costByComponent[component] ?? 0) })
        }
        body.append(["Total"] + totals.map { money($0.costMinor) })
        body.append(
            ["Households (average per month)"]
                + totals.map { ReportFormatting.fixed($0.averageHouseholds, places: 1, groupingSeparator: groupingSeparator) })
        body.append(["Months"] + totals.map { String($0.months) })
        if totals.contains(where: { $0.budgetMinor != nil }) {
            body.append(["Budget"] + totals.map { money($0.budgetMinor) })
            body.append(["Budget − cost"] + totals.map { money($0.budgetMinusCostMinor) })
        }
        if totals.contains(where: { $0.gdpMinor != nil }) { body.append(["% of GDP"] + totals.map { percent($0.costShareOfGdp) }) }
        if totals.contains(where: { $0.revenueMinor != nil }) {
            body.append(["% of revenue"] + totals.map { percent($0.costShareOfRevenue) })
        }
        let header = ["Cost (\(currency.code))"] + totals.map(\.label)
        let title =
            "\(scenario) — programme \(programmeId), ledger position \(pin), \(months) month\(months == 1 ? "" : "s") from \(from), "
            + "administration \(ReportFormatting.fixed(administrativeShare.value * 100, places: 2)) %"
        return title + "\n" + Self.layOut(header: header, body: body)
    }

    /// The scenarios side by side (`daftar plan compare A B …`): the total cost of each fiscal year for
    /// each plan, in the major unit, and under every plan but the first its difference from the first
    /// (`+` for more, `-` for less). Fiscal years are labelled as the first plan labels them; a plan
    /// that does not reach a year shows a dash, and so does a difference between plans in different currencies.
    /// - Parameters:
    ///   - results: the plans; the first is the reference (usually the baseline).
    ///   - groupingSeparator: put between groups of three integer digits; `","` by default.
    /// - Returns: the lines, each ending with a line feed; empty for no plans.
    public static func comparison(_ results: [PlanResult], groupingSeparator: String = ",") -> String {
        guard let first = results.first else { return "" }
        let perPlan = results.map { r in Dictionary(uniqueKeysWithValues: r.fiscalYearTotals.map { ($0.fiscalYear, $0.costMinor) }) }
        let years = Set(perPlan.flatMap(\.keys)).sorted()
        let mixed = results.contains { $0.currency != first.currency }
        var body: [[String]] = []
        for (index, result) in results.enumerated() {
            let name = mixed ? "\(result.scenario) (\(result.currency.code))" : result.scenario
            body.append(
                [name]
                    + years.map { year in
                        perPlan[index][year].map { ReportFormatting.major($0, result.currency, groupingSeparator: groupingSeparator) } ?? "—"
                    })
            guard index > 0 else { continue }
            body.append(
                ["  − \(first.scenario)"]
                    + years.map { year in
                        guard result.currency == first.currency, let a = perPlan[index][year], let b = perPlan[0][year] else { return "—" }
                        let difference = a &- b
                        let text = ReportFormatting.major(difference, result.currency, groupingSeparator: groupingSeparator)
                        return difference > 0 ? "+" + text : text
                    })
        }
        let header = ["Total cost" + (mixed ? "" : " (\(first.currency.code))")] + years.map(first.fiscalYearLabel)
        return "Total cost by fiscal year\n" + layOut(header: header, body: body)
    }

    /// Columns aligned with two spaces between them: the first left-aligned, the others right-aligned.
    static func layOut(header: [String], body: [[String]]) -> String {
        let all = [header] + body
        let columns = all.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in all.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for c in 0..<columns {
                let cell = c < cells.count ? cells[c] : ""
                parts.append(ReportFormatting.pad(cell, widths[c], right: c > 0))
            }
            var text = parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text + "\n"
        }
        let rule = String(repeating: "─", count: widths.reduce(0, +) + 2 * max(0, columns - 1)) + "\n"
        return line(header) + rule + body.map(line).joined()
    }
}
