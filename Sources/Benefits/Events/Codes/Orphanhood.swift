/// Whether the person has lost father, mother or both.
///
/// The codes of `common.v1.json#/$defs/orphanhood`; the raw value is the code as the catalogue writes it.
public enum Orphanhood: String, JSONStringCode {
    case notOrphan
    case paternal
    case maternal
    case double
}
