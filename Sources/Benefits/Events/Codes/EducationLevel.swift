/// The head of household's education as the PMT formula counts it (calibration.md §7 #3): the raw
/// value is the indicator value, 0 none, 1 primary, 2 secondary or higher.
public enum EducationLevel: Int, JSONIntegerCode {
    /// No schooling completed (0).
    case noSchooling = 0
    /// Primary school (1).
    case primary = 1
    /// Secondary school or higher (2).
    case secondaryOrHigher = 2
}
