/// Whether an emergency top-up's amount is per household member or per household, as declared
/// (`EmergencyTopUpDeclared.basis`) and as granted (`TopUpGranted.basis`).
public enum TopUpBasis: String, JSONStringCode {
    /// The amount is paid for each member of the household.
    case perMember
    /// The amount is paid once per household.
    case perHousehold
}
