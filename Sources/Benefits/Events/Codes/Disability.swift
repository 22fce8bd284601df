/// Disability (Washington Group: moderate = a lot of difficulty, severe = cannot do at all in one domain).
///
/// The codes of `common.v1.json#/$defs/disability`; the raw value is the code as the catalogue writes it.
public enum Disability: String, JSONStringCode {
    case noDisability = "none"
    case moderate
    case severe
}
