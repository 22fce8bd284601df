/// Marital status; abandoned and spouseImprisoned feed the Law 11/2014 categories.
///
/// The codes of `common.v1.json#/$defs/maritalStatus`; the raw value is the code as the catalogue writes it.
public enum MaritalStatus: String, JSONStringCode {
    case neverMarried
    case married
    case widowed
    case divorced
    case abandoned
    case spouseImprisoned
    case spouseMissing
}
