import Postgres

extension PersonVault {
    /// Decrypts the national ids of many persons at once, for cross-matching (one access-log entry per
    /// call, action `match-export`, with the count returned).
    ///
    /// Reads in one repeatable-read transaction. Persons who are erased or not in the vault are left out:
    /// compare the result's ids with those asked for to find them.
    /// - Parameters:
    ///   - personIds: the pseudonymous person ids (repeats are read once).
    ///   - actor: who exports (`kind:id`, e.g. `system:crossmatch`).
    ///   - purpose: why (a code, e.g. `crossmatch:cbi-loans:2026-03`); required.
    /// - Returns: `(personId, nationalId)` in the order first asked for; national ids are 12 ASCII digits.
    /// - Throws: ``PersonalDataError`` `purpose_required`, `invalid_input` (field `personIds[i]`),
    ///   `master_key`, `decryption_failed`; ``PostgresError``.
    public func nationalIds(of personIds: [String], actor: String, purpose: String) async throws -> [(personId: String, nationalId: String)] {
        try Self.checkActor(actor)
        try Self.checkPurpose(purpose)
        var unique: [String] = []
        var seen: Set<String> = []
        for (i, id) in personIds.enumerated() {
            _ = try PersonDetails.checkPersonId(id, field: "personIds[\(i)]")
            if seen.insert(id).inserted { unique.append(id) }
        }
        return try await pool.withConnection { conn in
            try await conn.transaction(isolation: .repeatableRead) { conn in
                var found: [String: String] = [:]
                for start in stride(from: 0, to: unique.count, by: Self.importBatch) {
                    let batch = Array(unique[start..<min(start + Self.importBatch, unique.count)])
                    let rows = try await conn.query(
                        """
                        SELECT person_id, ciphertext, wrapped_key, key_id FROM pii.persons
                        WHERE person_id = ANY($1::text[]) AND erased_at IS NULL
                        """, [PostgresArray(batch)])
                    for row in rows.rows {
                        let id = try row.decode(String.self, 0)
                        let details = try await open(
                            ciphertext: try row.decode(PostgresBytes.self, 1).bytes, wrappedKey: try row.decode(PostgresBytes.self, 2).bytes,
                            keyId: try row.decode(String.self, 3), personId: id)
                        found[id] = details.nationalId
                    }
                }
                try await Self.log(conn, actor: actor, purpose: purpose, personId: nil, action: .matchExport, outcome: "ok", count: found.count)
                return unique.compactMap { id in found[id].map { (personId: id, nationalId: $0) } }
            }
        }
    }
}
