import Benefits
import DaftarJSON
import EventStore
import Foundation

extension PlanResult {
    /// The CSV header line (without its line feed).
    public static let csvHeader = "month,governorate,component,households,scheduled_minor,failed_minor,administration_minor,cost_minor,currency"

    /// The plan's cells as CSV, for spreadsheets.
    ///
    /// - UTF-8, beginning with a byte-order mark (`EF BB BF`) so that spreadsheet programs read it as UTF-8.
    /// - Lines end with a line feed (LF, `0A`) only, the last line included; no carriage returns.
    /// - The header ``csvHeader``, then one line per row of ``rows``, in their order: the month
    ///   (`YYYY-MM`), the governorate code, the component code, the households with exactly three
    ///   decimals (`1234.500`, rounded half to even), the scheduled, failed, administrative and total
    ///   cost in ledger units of the currency (integers, no grouping), and the currency code.
    /// - No field is quoted: every field is a code or a number, none holds a comma, quote or line break.
    public var csv: String { "\u{FEFF}" + csvBody }

    /// ``csv`` without its byte-order mark: the header line and the rows, each ending with LF.
    public var csvBody: String {
        var lines = [Self.csvHeader]
        lines.reserveCapacity(rows.count + 1)
        for row in rows {
            let fields = [
                row.month.description, row.governorate.rawValue, row.component.rawValue, ReportFormatting.fixed(row.households, places: 3),
                String(row.scheduledMinor), String(row.failedMinor), String(row.administrationMinor), String(row.costMinor), currency.code,
            ]
            lines.append(fields.joined(separator: ","))
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The line that pins what the CSV is a plan of: the canonical JSON (DaftarJSON's `canonicalText`:
    /// members sorted by name, no whitespace, so one line whatever the scenario's name) of
    /// `{"currency", "format": "daftar-plan-csv/1", "from", "months", "pin", "programme", "scenario"}`, for example
    /// `{"currency":"IQD","format":"daftar-plan-csv/1","from":"2026-01","months":24,"pin":1834,"programme":"iq-spn","scenario":"baseline"}`.
    public var digestHeader: String {
        let context: JSONValue = .object([
            "format": "daftar-plan-csv/1",
            "programme": .string(programmeId.rawValue),
            "scenario": .string(scenario),
            "pin": .number(JSONNumber(pin)),
            "from": .string(from.description),
            "months": .number(JSONNumber(Int64(months))),
            "currency": .string(currency.code),
        ])
        return context.canonicalText
    }

    /// The plan's digest: the SHA-256, in lowercase hexadecimal, of the UTF-8 bytes of
    /// ``digestHeader``, a line feed, and ``csvBody`` (the CSV file without its three-byte BOM).
    ///
    /// An auditor recomputes it from the published files with standard tools:
    /// ```sh
    /// { jq -r .digestHeader plan.json; tail -c +4 plan.csv; } | sha256sum
    /// ```
    /// (`jq -r` prints the header and a line feed; `tail -c +4` drops the BOM.)
    public var digest: String {
        EventHash.sha256Hex(of: digestHeader + "\n" + csvBody)
    }

    /// Checks the plan against a digest published with it.
    /// - Parameter expected: the published digest (lowercase or uppercase hexadecimal).
    /// - Throws: ``PlanningError`` `digest_mismatch` (field `digest`, rule `digest`) when the plan's ``digest`` differs.
    public func verifyDigest(_ expected: String) throws(PlanningError) {
        let actual = digest
        guard expected.lowercased() == actual else {
            throw PlanningError(
                code: "digest_mismatch", field: "digest", rule: "digest",
                message: "The field digest is \(expected), but the plan's rows give \(actual): the rows or their context differ from those published."
            )
        }
    }
}
