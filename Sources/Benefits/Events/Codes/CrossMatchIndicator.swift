/// What a cross-match hit shows.
///
/// The codes of `common.v1.json#/$defs/crossMatchIndicator`; the raw value is the code as the catalogue writes
/// it.
public enum CrossMatchIndicator: String, JSONStringCode {
    case loanAboveThreshold
    case ownsFuelStation
    case ownsGasFillingPlant
    case ownsGenerator
    case onGovernmentPayroll
    case onSecurityForcesPayroll
    case receivesStatePension
    case ownsRecentVehicle
    case recordedDeceased
    case holdsCommercialRegistration
    case duplicateRegistration
}
