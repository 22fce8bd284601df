/// Why a household is (proposed to be) excluded: the cross-match sources of calibration.md §8, death,
/// duplication, reassessment above the threshold, loss of category, fraud.
///
/// The codes of `common.v1.json#/$defs/exclusionReason`; the raw value is the code as the catalogue writes it.
public enum ExclusionReason: String, JSONStringCode {
    case crossMatchBankLoan
    case crossMatchFuelStationOrGenerator
    case crossMatchGovernmentSalary
    case crossMatchStatePension
    case crossMatchVehicleOwnership
    case crossMatchCommercialRegistration
    case deceased
    case duplicateRegistration
    case reassessedAboveThreshold
    case noLongerInCategory
    case fraud
}
