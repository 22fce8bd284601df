/// Work status as assessed by the social researcher.
///
/// The codes of `common.v1.json#/$defs/workStatus`; the raw value is the code as the catalogue writes it.
public enum WorkStatus: String, JSONStringCode {
    case employed
    case selfEmployed
    case unemployed
    case unableToWork
    case student
    case homeMaker
    case retired
    case child
}
