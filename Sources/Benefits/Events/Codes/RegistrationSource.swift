/// How the household came into the registry.
///
/// The codes of `common.v1.json#/$defs/registrationSource`; the raw value is the code as the catalogue writes it.
public enum RegistrationSource: String, JSONStringCode {
    case socialResearcherVisit
    case onlineSelfRegistration
    case welfareOfficeApplication
    case legacyRegistryImport
    case transferFromOtherProgramme
    case campRegistration
}
