/// PMT indicator (calibration.md §7; the last four are NAF-style extras).
///
/// The codes of `common.v1.json#/$defs/indicatorCode`; the raw value is the code as the catalogue writes it.
public enum IndicatorCode: String, JSONStringCode {
    case logHouseholdSize
    case dependencyRatio
    case headEducationLevel
    case memberEarnsSalaryOrPension
    case crowdingOver3PerRoom
    case ownsCar
    case ownsDwelling
    case ruralResidence
    case memberAtUniversity
    case chronicallyIllOrDisabledMember
    case pipedWater
    case publicGridElectricity
}
