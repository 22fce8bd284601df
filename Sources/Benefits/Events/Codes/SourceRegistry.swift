/// Registry cross-matched against the caseload (socialRegistry: duplicate detection within the registry).
///
/// The codes of `common.v1.json#/$defs/sourceRegistry`; the raw value is the code as the catalogue writes it.
public enum SourceRegistry: String, JSONStringCode {
    case centralBankLoans
    case fuelStationsAndGenerators
    case governmentPayroll
    case statePensions
    case vehicleRegistry
    case civilStatusDeaths
    case commercialRegistry
    case socialRegistry
}
