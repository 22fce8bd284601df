import Crypto
import Foundation
import Postgres

/// Writes a projection's output into a build's schema, inside the caller's transaction.
///
/// Keyed rows go in with COPY after the partitions' old rows are deleted; additive sums go through a
/// temporary table (COPY) and one `INSERT … ON CONFLICT DO UPDATE` that adds them, and keys whose
/// sums all come to zero are removed.
struct ProjectionWriter {
    let conn: PostgresConnection
    let schema: String

    /// Writes `output`, replacing the keyed rows of `replacing` partitions.
    /// - Parameters:
    ///   - output: the rows and sums.
    ///   - replacing: partition keys whose keyed rows are deleted first (empty in a bulk pass, where
    ///     every partition is written once).
    func write(_ output: ProjectionOutput, replacing: [String]) async throws {
        for table in output.definition.tables {
            switch table.kind {
            case .keyed(let partitionColumn):
                if !replacing.isEmpty {
                    _ = try await conn.query(
                        "DELETE FROM \(schema).\(table.name) WHERE \(partitionColumn) = ANY($1::text[])", [PostgresArray(replacing)])
                }
                if let bytes = output.rows[table.name], !bytes.isEmpty {
                    try await copy(bytes, into: "\(schema).\(table.name)", columns: table.columns)
                }
            case .additive(let keys, let sums):
                guard let byKey = output.sums[table.name], !byKey.isEmpty else { continue }
                var bytes: [UInt8] = []
                for (key, amounts) in byKey where amounts.contains(where: { $0 != 0 }) {
                    var row = CopyTextRow()
                    for k in key { row.append(k) }
                    for a in amounts { row.append(String(a)) }
                    bytes.append(contentsOf: row.bytes)
                    bytes.append(0x0A)
                }
                guard !bytes.isEmpty else { continue }
                let temp = "add_" + Self.shortHash("\(schema).\(table.name)")
                try await conn.execute("CREATE TEMP TABLE IF NOT EXISTS \(temp) (LIKE \(schema).\(table.name)) ON COMMIT DELETE ROWS")
                try await copy(bytes, into: temp, columns: table.columns)
                let keyList = keys.joined(separator: ", ")
                let columnList = (keys + sums).joined(separator: ", ")
                let additions = sums.map { "\($0) = t.\($0) + EXCLUDED.\($0)" }.joined(separator: ", ")
                try await conn.execute(
                    """
                    INSERT INTO \(schema).\(table.name) AS t (\(columnList)) SELECT \(columnList) FROM \(temp)
                    ON CONFLICT (\(keyList)) DO UPDATE SET \(additions)
                    """)
                let match = keys.map { "t.\($0) = x.\($0)" }.joined(separator: " AND ")
                let zero = sums.map { "t.\($0) = 0" }.joined(separator: " AND ")
                try await conn.execute("DELETE FROM \(schema).\(table.name) t USING \(temp) x WHERE \(match) AND \(zero)")
                try await conn.execute("TRUNCATE \(temp)")
            }
        }
    }

    private func copy(_ bytes: [UInt8], into table: String, columns: [String]) async throws {
        _ = try await conn.copyIn("COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN") { writer in
            try await writer.write(bytes)
        }
    }

    /// Records quarantined streams for a build (the first record of a stream stands).
    static func quarantine(_ streams: [QuarantinedStream], build: Int64, on conn: PostgresConnection) async throws {
        for q in streams {
            _ = try await conn.query(
                """
                INSERT INTO projection.quarantine (build_id, stream_id, stream_version, event_id, position, code, message)
                VALUES ($1, $2, $3, $4::uuid, $5, $6, $7) ON CONFLICT DO NOTHING
                """, [build, q.stream, q.streamVersion, q.eventID, q.position, q.code, q.message])
        }
    }

    static func shortHash(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).prefix(5).map { String(format: "%02x", $0) }.joined()
    }
}
