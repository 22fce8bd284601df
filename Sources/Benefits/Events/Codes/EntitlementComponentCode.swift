/// Component of a monthly entitlement. sizeTable: the amount from the per-size table by head's sex;
/// capAdjustment: the (negative) reduction that brings the total down to the cap.
///
/// The codes of `common.v1.json#/$defs/entitlementComponentCode`; the raw value is the code as the catalogue
/// writes it.
public enum EntitlementComponentCode: String, JSONStringCode {
    case sizeTable
    case base
    case perMember
    case perChild
    case perElderly
    case perDisabled
    case capAdjustment
}
