/// Sex as recorded in the registry.
///
/// The codes of `common.v1.json#/$defs/sex`; the raw value is the code as the catalogue writes it.
public enum Sex: String, JSONStringCode {
    case female
    case male
}
