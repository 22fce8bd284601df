import EventStore
import Foundation
import Postgres

extension PersonVault {
    /// The pattern of actors: `kind:id`, as the event metadata's (`user:amina.k`, `system:crossmatch`).
    public static let actorRule = "kind:id, a lower-case kind then up to 64 of A-Z a-z 0-9 . _ @ -"
    /// The rule for purposes: a code, never free text (it could hold personal data).
    public static let purposeRule = "a code of 3 to 128 characters of A-Z a-z 0-9 . _ : / -, starting with a letter or digit"

    /// Checks an actor, by the event metadata's rule (``EventMetadata/isActor(_:)``).
    /// - Throws: ``PersonalDataError`` `invalid_input` on `actor`, rule `required` or `pattern`.
    public static func checkActor(_ actor: String) throws(PersonalDataError) {
        if actor.isEmpty { throw PersonalDataError.invalid("actor", "required", "is required") }
        guard EventMetadata.isActor(actor) else { throw PersonalDataError.invalid("actor", "pattern", "must be \(actorRule)") }
    }

    /// Checks a purpose: reads and exports without one are refused.
    /// - Throws: ``PersonalDataError`` `purpose_required` when it is empty, `invalid_input` rule `pattern` when it is not a code.
    public static func checkPurpose(_ purpose: String) throws(PersonalDataError) {
        if purpose.trimmingCharacters(in: .whitespaces).isEmpty {
            throw PersonalDataError(
                code: .purposeRequired, field: "purpose", rule: "required", message: "purpose: personal data is read only for a stated purpose")
        }
        let u = Array(purpose.utf8)
        guard (3...128).contains(u.count), isAlphanumeric(u[0]),
            u.allSatisfy({
                isAlphanumeric($0) || [UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "-")].contains($0)
            })
        else { throw PersonalDataError.invalid("purpose", "pattern", "must be \(purposeRule)") }
    }

    static func isAlphanumeric(_ c: UInt8) -> Bool {
        (48...57).contains(c) || (65...90).contains(c) || (97...122).contains(c)
    }

    /// Appends an entry to `pii.access_log` on `conn` (inside the caller's transaction, if any).
    static func log(
        _ conn: PostgresConnection, actor: String, purpose: String, personId: String?, action: AccessAction, outcome: String, count: Int = 1
    ) async throws {
        try await conn.query(
            "INSERT INTO pii.access_log (actor, purpose, person_id, action, outcome, person_count) VALUES ($1, $2, $3, $4, $5, $6)",
            [actor, purpose, personId, action.rawValue, outcome, count])
    }

    /// The code of a failed result, for the log's outcome.
    static func code<T>(of result: Result<T, PersonalDataError>) -> String {
        if case .failure(let error) = result { return error.code.rawValue }
        return "ok"
    }

    /// A unique violation on `pii.persons` as `duplicate_person`, naming the field but not the value.
    static func duplicate(_ error: PostgresError, personId: String) -> PersonalDataError {
        if error.constraint == "persons_national_id" {
            return PersonalDataError(
                code: .duplicatePerson, field: "nationalId", rule: "unique", message: "nationalId: another person in the vault has this national id")
        }
        return PersonalDataError(
            code: .duplicatePerson, field: "personId", rule: "unique",
            message: "personId: \(personId) is already in the vault (erased persons' ids are not reused)")
    }
}
