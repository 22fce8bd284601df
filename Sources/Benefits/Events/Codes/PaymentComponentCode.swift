/// Component of a payment: the entitlement components plus emergencyTopUp, oneOffGrant, arrears and
/// overpaymentDeduction (negative).
///
/// The codes of `common.v1.json#/$defs/paymentComponentCode`; the raw value is the code as the catalogue writes
/// it.
public enum PaymentComponentCode: String, JSONStringCode {
    case sizeTable
    case base
    case perMember
    case perChild
    case perElderly
    case perDisabled
    case capAdjustment
    case emergencyTopUp
    case oneOffGrant
    case arrears
    case overpaymentDeduction
}
