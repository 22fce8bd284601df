import ArgumentParser
import DaftarJSON
import EventStore
import Foundation
import Postgres

/// `daftar audit`: queries over the ledger for auditors, through the read-only `audit` views.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Audit queries over the ledger.", subcommands: [Events.self])

    struct Events: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Events in ledger order, filtered; as JSON lines or CSV (UTF-8 with BOM, for spreadsheets).")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only this actor (kind:id).") var actor: String?
        @Option(help: "Only this event type.") var type: String?
        @Option(help: "Recorded on or after this date (YYYY-MM-DD, UTC).") var from: String?
        @Option(help: "Recorded on or before this date (YYYY-MM-DD, UTC).") var to: String?
        @Option(help: "Only events of this programme (payload programmeId).") var programme: String?
        @Option(help: "Only events in this area: a governorate (IQ-BG) or district (IQ-BG-07) code in the payload.") var area: String?
        @Option(help: "json or csv.") var format: String = "json"

        static let columns = [
            "ledger_seq", "position", "recorded_at", "effective_at", "stream_id", "stream_version", "event_id", "event_type",
            "schema_version", "actor", "actor_role", "reason", "rule_version", "evidence", "legal_basis", "correlation_id", "causation_id",
            "idempotency_key", "hash", "data",
        ]

        func run() async throws {
            try await reportingErrors {
                guard ["json", "csv"].contains(format) else {
                    throw CLIError(code: "invalid_input", message: "format: must be json or csv", field: "format", rule: "enum")
                }
                let fromDate = try from.map { try BusinessDate(parsing: $0, field: "from") }
                let toDate = try to.map { try BusinessDate(parsing: $0, field: "to") }
                let uri = try await database.connect()
                let conn = try await PostgresConnection.connect(uri)
                if format == "csv" {
                    FileHandle.standardOutput.write(Data([0xEF, 0xBB, 0xBF]))
                    Terminal.emit(Self.columns.joined(separator: ","))
                }
                var after = (xid: "0", position: Int64(0))
                var count = 0
                while true {
                    let page = try await conn.query(
                        """
                        SELECT ledger_seq, position, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                               to_char(effective_at, 'YYYY-MM-DD'), stream_id, stream_version, event_id::text, event_type, schema_version,
                               actor, actor_role, reason, rule_version, evidence, legal_basis, correlation_id, causation_id,
                               idempotency_key, encode(hash, 'hex'), data::text, xid::text
                        FROM audit.events e
                        WHERE (e.xid, e.position) > ($1::xid8, $2::bigint)
                          AND ($3::text IS NULL OR actor = $3)
                          AND ($4::text IS NULL OR event_type = $4)
                          AND ($5::date IS NULL OR recorded_at >= $5::date)
                          AND ($6::date IS NULL OR recorded_at < $6::date + 1)
                          AND ($7::text IS NULL OR data->>'programmeId' = $7)
                          AND ($8::text IS NULL OR data->>'governorate' = $8 OR data->>'district' = $8
                               OR data->>'toGovernorate' = $8 OR data->>'toDistrict' = $8)
                        ORDER BY e.xid, e.position
                        LIMIT 5000
                        """,
                        [after.xid, after.position, actor, type, fromDate?.description, toDate?.description, programme, area])
                    guard let last = page.rows.last else { break }
                    var out = ""
                    for row in page.rows {
                        out += format == "csv" ? Self.csvLine(row) : Self.jsonLine(row)
                        out += "\n"
                    }
                    FileHandle.standardOutput.write(Data(out.utf8))
                    count += page.count
                    after = (last[20] ?? "0", Int64(last[1] ?? "0") ?? 0)
                }
                await conn.close()
                Terminal.note("\(count) event(s)")
            }
        }

        static func csvLine(_ row: PostgresRow) -> String {
            (0..<columns.count).map { i in
                guard let v = row[i] else { return "" }
                if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                    return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                }
                return v
            }.joined(separator: ",")
        }

        static func jsonLine(_ row: PostgresRow) -> String {
            var fields: [String] = []
            for (i, name) in columns.enumerated() {
                guard let v = row[i] else { continue }
                let key = JSONValue.string(name).canonicalText
                switch name {
                case "data": fields.append("\(key):\(v)")
                case "ledger_seq", "position", "stream_version", "schema_version": fields.append("\(key):\(v)")
                default: fields.append("\(key):\(JSONValue.string(v).canonicalText)")
                }
            }
            return "{" + fields.joined(separator: ",") + "}"
        }
    }
}
