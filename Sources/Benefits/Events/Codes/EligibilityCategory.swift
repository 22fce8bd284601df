/// Categorical criterion of Law 11/2014: married unemployed, widows, divorced women, wives of prisoners, single
/// women (minimum age set by the rule, 35), orphans, abandoned wives, disabled people, people of a minimum age
/// (60) unable to work.
///
/// The codes of `common.v1.json#/$defs/eligibilityCategory`; the raw value is the code as the catalogue writes
/// it.
public enum EligibilityCategory: String, JSONStringCode {
    case marriedUnemployed
    case widow
    case divorcedWoman
    case prisonerWife
    case singleWoman
    case orphan
    case abandonedWife
    case disabledPerson
    case elderlyUnableToWork
}
