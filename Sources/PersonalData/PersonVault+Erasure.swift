import Postgres

extension PersonVault {
    /// The erasure recorded in `row`'s columns (erased_at micros, erased_by, erase_reason), or `nil` when they are NULL.
    static func erasure(_ row: PostgresRow, personId: String, columns: (Int, Int, Int)) throws -> ErasureRecord? {
        guard let at = try row.decodeIfPresent(Int64.self, columns.0) else { return nil }
        let code = try row.decode(String.self, columns.2)
        guard let reason = ErasureReason(rawValue: code) else {
            throw PersonalDataError(code: .decryptionFailed, message: "the erasure of \(personId) has an unknown reason code")
        }
        return ErasureRecord(
            personId: personId, erasedAtMicros: at, erasedBy: try row.decode(String.self, columns.1), reason: reason, wasAlreadyErased: true)
    }

    /// `person_erased`, naming who erased the person, when and why.
    static func erasedError(_ erasure: ErasureRecord) -> PersonalDataError {
        PersonalDataError(
            code: .personErased, field: "personId",
            message:
                "person \(erasure.personId) was erased by \(erasure.erasedBy) at \(erasure.erasedAtText) (\(erasure.reason.rawValue)); their data can no longer be read"
        )
    }
}
