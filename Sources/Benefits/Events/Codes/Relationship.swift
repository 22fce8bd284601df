/// Relationship to the head of household.
///
/// The codes of `common.v1.json#/$defs/relationship`; the raw value is the code as the catalogue writes it.
public enum Relationship: String, JSONStringCode {
    case head
    case spouse
    case son
    case daughter
    case father
    case mother
    case brother
    case sister
    case grandchild
    case sonInLaw
    case daughterInLaw
    case otherRelative
    case nonRelative
}
