import ArgumentParser
import Benefits
import DaftarJSON
import EventStore
import Foundation
import PersonalData
import Postgres

/// `daftar persons`: the personal-data vault (DESIGN.md §4). Every access is recorded with its actor and purpose.
struct PersonsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "persons",
        abstract: "Add, show, erase and import persons in the encrypted personal-data vault.",
        discussion: """
            Personal data is sealed per person under a data key wrapped by the master key: \
            DAFTAR_MASTER_KEY (base64), else keys/master.key in the data folder, created on the first \
            add or import. Every read and write is recorded in pii.access_log with --actor and --purpose; \
            reads without a purpose are refused.
            """,
        subcommands: [Add.self, Show.self, Erase.self, Import.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a person; prints the person id, when and under which master key.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The pseudonymous person id (P-…), as the ledger's events use it.") var personId: String
        @Option(help: "The full name (UTF-8, Arabic welcome), 1 to 200 characters.") var fullName: String
        @Option(help: "The national id: 12 digits; Arabic-Indic digits, spaces and dashes are accepted.") var nationalId: String
        @Option(help: "A phone number in international form, e.g. +9647701234567.") var phone: String?
        @Option(help: "An address, at most 300 characters.") var address: String?
        @Option(help: "The date of birth, YYYY-MM-DD.") var birthDate: String?
        @Option(help: "Who adds the person (kind:id, e.g. user:researcher.bg.0412).") var actor: String
        @Option(help: "Why (a code, e.g. registration).") var purpose: String

        func run() async throws {
            try await reportingErrors {
                let person = try PersonDetails(
                    personId: personId, fullName: fullName, nationalId: nationalId, phone: phone, address: address,
                    birthDate: try birthDate.flatMap { try PersonDetails.parseBirthDate($0) })
                try PersonVault.checkActor(actor)
                try PersonVault.checkPurpose(purpose)
                let uri = try await database.connect()
                let vault = try await database.vault(uri, key: .write)
                let added = try await vault.add(person, actor: actor, purpose: purpose)
                await vault.pool.close()
                Terminal.emit(["personId": .string(added.personId), "createdAt": .string(added.createdAtText), "keyId": .string(added.keyId)])
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a person's details (the read is recorded).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The person id (P-…).") var person: String
        @Option(help: "Who reads (kind:id).") var actor: String
        @Option(help: "Why (a code, e.g. case-review); required.") var purpose: String = ""
        @Option(help: "json or table.") var format: String = "table"

        func run() async throws {
            try await reportingErrors {
                guard ["table", "json"].contains(format) else {
                    throw CLIError(code: "invalid_input", message: "format: must be table or json", field: "format", rule: "enum")
                }
                try PersonVault.checkPurpose(purpose)
                try PersonVault.checkActor(actor)
                let uri = try await database.connect()
                let vault = try await database.vault(uri, key: .read)
                let record = try await vault.show(person, actor: actor, purpose: purpose)
                await vault.pool.close()
                let d = record.details
                var fields: [(String, String)] = [("personId", d.personId), ("fullName", d.fullName), ("nationalId", d.nationalId)]
                if let v = d.phone { fields.append(("phone", v)) }
                if let v = d.address { fields.append(("address", v)) }
                if let v = d.birthDate { fields.append(("birthDate", v.description)) }
                fields.append(("createdAt", record.createdAtText))
                if format == "json" {
                    Terminal.emit(.object(Dictionary(uniqueKeysWithValues: fields.map { ($0.0, JSONValue.string($0.1)) })))
                } else {
                    let width = fields.map(\.0.count).max() ?? 0
                    for (name, value) in fields {
                        Terminal.emit("\(name.padding(toLength: width, withPad: " ", startingAt: 0))  \(value)")
                    }
                }
            }
        }
    }

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a person (crypto-shredding) and record PersonalDataErased in the ledger, together.",
            discussion: """
                Deletes the person's wrapped data key, sealed record and national-id hash, keeping who, when \
                and why; appends PersonalDataErased (no personal data) to person-{id} in the same transaction, \
                then vacuums the person store. Running it again for an erased person changes nothing and \
                reports the first erasure.
                """)
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The person id (P-…).") var person: String
        @Option(help: "Who decided (kind:id).") var actor: String
        @Option(help: "Why: dataSubjectRequest, retentionExpired, courtOrder or deceasedRetentionExpired.") var reason: String

        func run() async throws {
            try await reportingErrors {
                let code = try ErasureReason(code: reason)
                try PersonVault.checkActor(actor)
                _ = try PersonDetails.checkPersonId(person, field: "person")
                let uri = try await database.connect()
                let vault = try await database.vault(uri, key: .none)
                let store = try database.store(uri, connections: 1)
                var appended: AppendResult?
                let erasure = try await vault.erase(person, actor: actor, reason: code) { conn, erasure in
                    appended = try await store.append(Self.ledgerFact(erasure), on: conn)
                }
                do {
                    try await vault.vacuum()
                } catch {
                    Terminal.note("erased, but the person store was not vacuumed (\(error)); run VACUUM pii.persons")
                }
                await vault.pool.close()
                await store.pool.close()
                var out: [String: JSONValue] = [
                    "personId": .string(erasure.personId), "erasedAt": .string(erasure.erasedAtText), "erasedBy": .string(erasure.erasedBy),
                    "reason": .string(erasure.reason.rawValue), "alreadyErased": .bool(erasure.wasAlreadyErased),
                ]
                if let e = appended?.events.last {
                    out["eventId"] = .string(e.eventID)
                    out["stream"] = .string(e.stream)
                    out["duplicate"] = .bool(appended?.isDuplicate ?? false)
                }
                Terminal.emit(.object(out))
            }
        }

        /// `PersonalDataErased` for an erasure, under an idempotency key of its own: appending it again
        /// for the same erasure is a duplicate, not a second fact.
        static func ledgerFact(_ erasure: ErasureRecord) throws -> AppendRequest {
            guard let reason = PersonalDataErased.Reason(rawValue: erasure.reason.rawValue) else {
                throw CLIError(
                    code: "invalid_input", message: "reason: \(erasure.reason.rawValue) has no PersonalDataErased code", field: "reason", rule: "enum"
                )
            }
            let event = PersonalDataErased(
                personId: PersonID(erasure.personId), erasedOn: erasure.erasedOn, reason: reason, decidedBy: ActorID(erasure.erasedBy))
            var metadata = EventMetadata(actor: erasure.erasedBy)
            metadata.reason = erasure.reason.rawValue
            return AppendRequest(
                idempotencyKey: "personal-data-erased-\(erasure.personId)", stream: event.streamID, expected: .noStream,
                events: [NewEvent(type: PersonalDataErased.eventType, data: event.json, metadata: metadata, effectiveAt: erasure.erasedOn)])
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import persons from CSV, all or nothing; prints each rejected line with its field and rule.",
            discussion: """
                Header: person_id,full_name,national_id,phone,address,birth_date (RFC 4180 quoting, UTF-8, a BOM \
                allowed). Every row is checked first; when any row is rejected nothing is imported, each rejection \
                is printed as a JSON line {line, field, rule, message}, then the summary, and the exit status is 1.
                """)
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The CSV file, or - for standard input.") var file: String
        @Option(help: "Who imports (kind:id).") var actor: String
        @Option(help: "Why (a code, e.g. registry-load).") var purpose: String

        func run() async throws {
            try await reportingErrors {
                try PersonVault.checkActor(actor)
                try PersonVault.checkPurpose(purpose)
                let data = try InputFile.read(file)
                let uri = try await database.connect()
                let vault = try await database.vault(uri, key: .write)
                let report = try await vault.importCSV(bytes: Array(data), actor: actor, purpose: purpose)
                await vault.pool.close()
                for r in report.rejected {
                    Terminal.emit([
                        "line": .number(JSONNumber(Int64(r.line))), "field": .string(r.field), "rule": .string(r.rule), "message": .string(r.message),
                    ])
                }
                Terminal.emit([
                    "rows": .number(JSONNumber(Int64(report.rows))), "accepted": .number(JSONNumber(Int64(report.accepted))),
                    "rejected": .number(JSONNumber(Int64(report.rejected.count))),
                ])
                if !report.isCommitted {
                    Terminal.note("import: \(report.rejected.count) of \(report.rows) row(s) rejected; nothing was imported")
                    throw ExitCode(1)
                }
            }
        }
    }
}
