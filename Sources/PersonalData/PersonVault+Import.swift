import Foundation
import Postgres

extension PersonVault {
    /// The header a person CSV file must have, in this order.
    public static let csvColumns = ["person_id", "full_name", "national_id", "phone", "address", "birth_date"]

    /// The CSV column of each ``PersonDetails`` field, for rejections.
    static let columnOfField = [
        "personId": "person_id", "fullName": "full_name", "nationalId": "national_id", "phone": "phone", "address": "address",
        "birthDate": "birth_date",
    ]

    /// Rows written per INSERT statement.
    static let importBatch = 1_000

    /// Imports persons from CSV text, all or nothing; see ``importCSV(bytes:actor:purpose:)`` for the rules.
    /// - Parameters:
    ///   - text: the file's text (a leading U+FEFF byte order mark is skipped).
    ///   - actor: who imports (`kind:id`).
    ///   - purpose: why (a code).
    /// - Returns: the report: rows read, persons written, every rejected row.
    /// - Throws: as ``importCSV(bytes:actor:purpose:)``.
    public func importCSV(_ text: String, actor: String, purpose: String) async throws -> ImportReport {
        try await importCSV(bytes: Array(text.utf8), actor: actor, purpose: purpose)
    }

    /// Imports persons from a CSV file's bytes, all or nothing.
    ///
    /// The file is UTF-8 (a byte order mark is allowed) in RFC 4180 form, with the header
    /// `person_id,full_name,national_id,phone,address,birth_date`; `phone`, `address` and `birth_date`
    /// may be empty. Every row is checked first; a row is rejected, with the line it starts on, the
    /// column and the rule, for: a wrong number of columns (`row`/`columns`), malformed quoting
    /// (`row`/`quoting`), bytes that are not UTF-8 (`utf8`), a field breaking its rule (as
    /// ``PersonDetails``), or a person id or national id that repeats an earlier row or is already in the
    /// vault (`unique`; an erased person's id is not reused). When any row is rejected, nothing is
    /// written; otherwise every row is written in one transaction. Either way the access log gets one
    /// entry for the file (action `import`, outcome `ok` or `rejected`, the count of persons written).
    /// - Parameters:
    ///   - bytes: the file.
    ///   - actor: who imports (`kind:id`).
    ///   - purpose: why (a code, e.g. `registry-load`).
    /// - Returns: the report.
    /// - Throws: ``PersonalDataError`` `invalid_input` on `header` (rule `header`) when the first line is not
    ///   the header, on `actor`, `purpose_required`; `duplicate_person` when a concurrent import or add
    ///   wrote one of the persons meanwhile (nothing was written); `master_key`; ``PostgresError``.
    public func importCSV(bytes: [UInt8], actor: String, purpose: String) async throws -> ImportReport {
        try Self.checkActor(actor)
        try Self.checkPurpose(purpose)
        var items = CSVReader.read(bytes)[...]
        guard case .record(_, let headerFields)? = items.first,
            headerFields.map({ String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces) }) == Self.csvColumns
        else {
            throw PersonalDataError.invalid("header", "header", "line 1 must be exactly \(Self.csvColumns.joined(separator: ","))")
        }
        items = items.dropFirst()

        var rejected: [ImportReport.Rejection] = []
        var persons: [(line: Int, details: PersonDetails)] = []
        var lineOfPerson: [String: Int] = [:]
        var lineOfNationalId: [String: Int] = [:]
        for item in items {
            switch item {
            case .malformed(let line, let message):
                rejected.append(.init(line: line, field: "row", rule: "quoting", message: message))
            case .record(let line, let fields):
                let person: PersonDetails
                do {
                    person = try Self.person(fields)
                } catch {
                    rejected.append(.init(line: line, field: error.field ?? "row", rule: error.rule ?? "invalid", message: error.message))
                    continue
                }
                if let earlier = lineOfPerson[person.personId] {
                    rejected.append(
                        .init(line: line, field: "person_id", rule: "unique", message: "person_id: repeats the person id of line \(earlier)"))
                } else if let earlier = lineOfNationalId[person.nationalId] {
                    rejected.append(
                        .init(line: line, field: "national_id", rule: "unique", message: "national_id: repeats the national id of line \(earlier)"))
                } else {
                    lineOfPerson[person.personId] = line
                    lineOfNationalId[person.nationalId] = line
                    persons.append((line, person))
                }
            }
        }
        let rows = items.count

        return try await pool.withConnection { conn in
            let matching = try await matchingKey(conn)
            let hashes = persons.map { PersonCipher.nationalIdHMAC($0.details.nationalId, key: matching.key) }
            // Already in the vault: person ids (erased or not) and national ids (of persons not erased).
            var knownIds: Set<String> = []
            var knownHashes: Set<[UInt8]> = []
            for start in stride(from: 0, to: persons.count, by: Self.importBatch) {
                let end = min(start + Self.importBatch, persons.count)
                let ids = try await conn.query(
                    "SELECT person_id FROM pii.persons WHERE person_id = ANY($1::text[])",
                    [PostgresArray(persons[start..<end].map { $0.details.personId })])
                for row in ids.rows { knownIds.insert(try row.decode(String.self, 0)) }
                let found = try await conn.query(
                    "SELECT national_id_hmac FROM pii.persons WHERE national_id_hmac = ANY($1::bytea[])",
                    [PostgresArray(hashes[start..<end].map { PostgresBytes($0) })])
                for row in found.rows { knownHashes.insert(try row.decode(PostgresBytes.self, 0).bytes) }
            }
            for (i, p) in persons.enumerated() {
                if knownIds.contains(p.details.personId) {
                    rejected.append(
                        .init(line: p.line, field: "person_id", rule: "unique", message: "person_id: \(p.details.personId) is already in the vault"))
                } else if knownHashes.contains(hashes[i]) {
                    rejected.append(
                        .init(
                            line: p.line, field: "national_id", rule: "unique",
                            message: "national_id: a person in the vault already has this national id"))
                }
            }
            rejected.sort { $0.line < $1.line }
            guard rejected.isEmpty else {
                try await Self.log(conn, actor: actor, purpose: purpose, personId: nil, action: .import, outcome: "rejected", count: 0)
                return ImportReport(rows: rows, accepted: 0, rejected: rejected)
            }

            var sealed: [Sealed] = []
            sealed.reserveCapacity(persons.count)
            for (i, p) in persons.enumerated() { sealed.append(try await seal(p.details, matching: matching, nationalIdHMAC: hashes[i])) }
            do {
                try await conn.transaction { conn in
                    for start in stride(from: 0, to: persons.count, by: Self.importBatch) {
                        let range = start..<min(start + Self.importBatch, persons.count)
                        try await conn.query(
                            """
                            INSERT INTO pii.persons (person_id, ciphertext, wrapped_key, key_id, national_id_hmac, hmac_key_version)
                            SELECT p, c, w, $4, h, $6 FROM unnest($1::text[], $2::bytea[], $3::bytea[], $5::bytea[]) AS t(p, c, w, h)
                            """,
                            [
                                PostgresArray(range.map { persons[$0].details.personId }),
                                PostgresArray(range.map { PostgresBytes(sealed[$0].ciphertext) }),
                                PostgresArray(range.map { PostgresBytes(sealed[$0].wrappedKey) }), masterKey.keyId,
                                PostgresArray(range.map { PostgresBytes(sealed[$0].hmac) }), matching.version,
                            ])
                    }
                    try await Self.log(conn, actor: actor, purpose: purpose, personId: nil, action: .import, outcome: "ok", count: persons.count)
                }
            } catch let error as PostgresError where error.sqlState == PostgresError.uniqueViolation {
                try await Self.log(conn, actor: actor, purpose: purpose, personId: nil, action: .import, outcome: "duplicate_person", count: 0)
                var duplicate = Self.duplicate(error, personId: "a person of the file")
                duplicate = PersonalDataError(
                    code: .duplicatePerson, field: duplicate.field, rule: "unique",
                    message:
                        "\(duplicate.field ?? "person"): another add or import wrote a person of the file meanwhile; nothing was imported, import the file again"
                )
                throw duplicate
            }
            return ImportReport(rows: rows, accepted: persons.count, rejected: [])
        }
    }

    /// A CSV row's person.
    /// - Throws: ``PersonalDataError`` for the first rule the row breaks, its field the CSV column
    ///   (`row` for the column count).
    static func person(_ fields: [[UInt8]]) throws(PersonalDataError) -> PersonDetails {
        guard fields.count == csvColumns.count else {
            throw PersonalDataError.invalid("row", "columns", "has \(fields.count) columns, expected \(csvColumns.count)")
        }
        var text: [String] = []
        for (i, f) in fields.enumerated() {
            guard let s = String(validating: f, as: UTF8.self) else {
                throw PersonalDataError.invalid(csvColumns[i], "utf8", "is not valid UTF-8")
            }
            text.append(s)
        }
        do throws(PersonalDataError) {
            return try PersonDetails(
                personId: text[0].trimmingCharacters(in: .whitespaces), fullName: text[1], nationalId: text[2], phone: text[3], address: text[4],
                birthDate: try PersonDetails.parseBirthDate(text[5]))
        } catch {
            let column = columnOfField[error.field ?? ""] ?? error.field ?? "row"
            var message = error.message
            if let field = error.field, message.hasPrefix("\(field):") { message = column + message.dropFirst(field.count) }
            throw PersonalDataError(code: error.code, field: column, rule: error.rule ?? "invalid", message: message)
        }
    }
}
