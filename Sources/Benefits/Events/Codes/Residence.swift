/// Residence type; camp is a camp for displaced persons.
///
/// The codes of `common.v1.json#/$defs/residence`; the raw value is the code as the catalogue writes it.
public enum Residence: String, JSONStringCode {
    case urban
    case rural
    case camp
}
