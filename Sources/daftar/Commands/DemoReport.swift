import Foundation
import Postgres

/// The part of `daftar demo`'s report read back from the reporting views, as a programme manager or
/// the finance ministry would see it: coverage by governorate, monthly cost by component, budget
/// execution and exclusions by reason.
enum DemoReport {
    /// The report's lines for `programme`.
    static func lines(_ conn: PostgresConnection, programme: String) async throws -> [String] {
        var out: [String] = []
        let latest = try await conn.query("SELECT max(month)::text FROM reporting.coverage WHERE programme_id = $1", [programme]).rows.first?[0]
        if let latest {
            out.append("Coverage on \(latest) by governorate (reporting.coverage):")
            let rows = try await conn.query(
                """
                SELECT governorate, sum(enrolled_households), sum(enrolled_persons), sum(registered_households),
                       sum(eligible_not_enrolled_households), sum(excluded_households)
                FROM reporting.coverage WHERE programme_id = $1 AND month = $2::date
                GROUP BY governorate ORDER BY sum(enrolled_households) DESC, governorate
                """, [programme, latest]
            ).rows
            let widest = rows.compactMap { Int64($0[1] ?? "") }.max() ?? 1
            out.append("  governorate  enrolled  persons  registered  coverage  eligible-not-enrolled  excluded")
            for row in rows {
                let enrolled = Int64(row[1] ?? "") ?? 0
                let registered = Int64(row[3] ?? "") ?? 0
                let share = registered == 0 ? "–" : String(format: "%.1f %%", Double(enrolled) * 100 / Double(registered))
                let bar = String(repeating: "█", count: Int(max(0, enrolled * 24 / max(widest, 1))))
                out.append(
                    "  " + [
                        (row[0] ?? "").padding(11), grouped(enrolled).leftPadding(8), grouped(Int64(row[2] ?? "") ?? 0).leftPadding(8),
                        grouped(registered).leftPadding(11), share.leftPadding(9), grouped(Int64(row[4] ?? "") ?? 0).leftPadding(22),
                        grouped(Int64(row[5] ?? "") ?? 0).leftPadding(9),
                    ].joined(separator: " ") + "  " + bar)
            }
        }
        out.append("")
        out.append("Monthly cost paid (confirmed − reversed), IQD, by component (reporting.cost):")
        let cost = try await conn.query(
            """
            SELECT to_char(month, 'YYYY-MM'), component, sum(confirmed_minor - reversed_minor)::bigint
            FROM reporting.cost WHERE programme_id = $1 GROUP BY 1, 2 ORDER BY 1, 2
            """, [programme]
        ).rows
        let components = Array(Set(cost.compactMap { $0[1] })).sorted()
        var byMonth: [String: [String: Int64]] = [:]
        for row in cost { byMonth[row[0] ?? "", default: [:]][row[1] ?? ""] = Int64(row[2] ?? "") ?? 0 }
        out.append("  month    " + components.map { $0.leftPadding(16) }.joined(separator: " ") + "            total")
        for month in byMonth.keys.sorted() {
            let values = components.map { byMonth[month]?[$0] ?? 0 }
            out.append("  \(month)  " + values.map { grouped($0).leftPadding(16) }.joined(separator: " ") + grouped(values.reduce(0, +)).leftPadding(17))
        }
        out.append("")
        out.append("Budget execution (reporting.budget_execution):")
        for row in try await conn.query(
            """
            SELECT fiscal_year, allocated_minor, paid_minor, recovered_minor, net_cost_minor, coalesce((execution_rate * 100)::numeric(6,1)::text, '–')
            FROM reporting.budget_execution WHERE programme_id = $1 ORDER BY fiscal_year
            """, [programme]
        ).rows {
            out.append(
                "  \(row[0] ?? ""): allocated \(grouped(Int64(row[1] ?? "") ?? 0)) IQD, paid \(grouped(Int64(row[2] ?? "") ?? 0)), "
                    + "recovered \(grouped(Int64(row[3] ?? "") ?? 0)), net \(grouped(Int64(row[4] ?? "") ?? 0)) — \(row[5] ?? "–") % executed")
        }
        out.append("")
        out.append("Standing now (reporting.eligibility):")
        for row in try await conn.query(
            """
            SELECT status, coalesce(status_reason, ''), count(*) FROM reporting.eligibility
            WHERE programme_id = $1 AND status IN ('enrolled', 'suspended', 'excluded', 'exited')
            GROUP BY 1, 2 ORDER BY 1, 3 DESC
            """, [programme]
        ).rows {
            let reason = (row[1] ?? "").hasPrefix("temporary:") ? "temporary (emergency top-up)" : (row[1] ?? "")
            out.append("  \((row[0] ?? "").padding(9)) \(reason.padding(34)) \(grouped(Int64(row[2] ?? "") ?? 0).leftPadding(7))")
        }
        return out
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { result.append(",") }
            result.append(c)
        }
        return (value < 0 ? "-" : "") + result
    }
}

extension String {
    func leftPadding(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
