/// Why a person's data was erased (the codes of `PersonalDataErased`'s `reason`).
public enum ErasureReason: String, Sendable, Hashable, CaseIterable {
    /// The person asked for their data to be erased.
    case dataSubjectRequest
    /// The retention period for the data ended.
    case retentionExpired
    /// A court ordered the erasure.
    case courtOrder
    /// The person died and the retention period after death ended.
    case deceasedRetentionExpired

    /// The reason for a code.
    /// - Throws: ``PersonalDataError`` `invalid_input` on `reason`, rule `enum`, listing the codes.
    public init(code: String) throws(PersonalDataError) {
        guard let reason = ErasureReason(rawValue: code) else {
            throw PersonalDataError.invalid(
                "reason", "enum", "must be one of \(ErasureReason.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = reason
    }
}
