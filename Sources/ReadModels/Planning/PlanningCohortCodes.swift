import Benefits

/// The one-letter codes of the `planning_cohort.cohort.members` column (`Projections/planning_cohort.sql`
/// lists them), as ASCII bytes both ways: the projection writes them, the planner's loader reads them
/// without making a string of each.
public enum PlanningCohortCodes {
    /// `f` female, `m` male.
    public static func code(_ value: Sex) -> UInt8 {
        switch value {
        case .female: ascii("f")
        case .male: ascii("m")
        }
    }

    /// The sex of a code, or `nil`.
    public static func sex(_ code: UInt8) -> Sex? {
        switch code {
        case ascii("f"): .female
        case ascii("m"): .male
        default: nil
        }
    }

    /// `h` head, `p` spouse, `s` son, `d` daughter, `f` father, `m` mother, `b` brother, `t` sister,
    /// `g` grandchild, `i` sonInLaw, `j` daughterInLaw, `o` otherRelative, `n` nonRelative.
    public static func code(_ value: Relationship) -> UInt8 {
        switch value {
        case .head: ascii("h")
        case .spouse: ascii("p")
        case .son: ascii("s")
        case .daughter: ascii("d")
        case .father: ascii("f")
        case .mother: ascii("m")
        case .brother: ascii("b")
        case .sister: ascii("t")
        case .grandchild: ascii("g")
        case .sonInLaw: ascii("i")
        case .daughterInLaw: ascii("j")
        case .otherRelative: ascii("o")
        case .nonRelative: ascii("n")
        }
    }

    /// The relationship of a code, or `nil`.
    public static func relationship(_ code: UInt8) -> Relationship? {
        switch code {
        case ascii("h"): .head
        case ascii("p"): .spouse
        case ascii("s"): .son
        case ascii("d"): .daughter
        case ascii("f"): .father
        case ascii("m"): .mother
        case ascii("b"): .brother
        case ascii("t"): .sister
        case ascii("g"): .grandchild
        case ascii("i"): .sonInLaw
        case ascii("j"): .daughterInLaw
        case ascii("o"): .otherRelative
        case ascii("n"): .nonRelative
        default: nil
        }
    }

    /// `n` neverMarried, `m` married, `w` widowed, `d` divorced, `a` abandoned, `i` spouseImprisoned, `s` spouseMissing.
    public static func code(_ value: MaritalStatus) -> UInt8 {
        switch value {
        case .neverMarried: ascii("n")
        case .married: ascii("m")
        case .widowed: ascii("w")
        case .divorced: ascii("d")
        case .abandoned: ascii("a")
        case .spouseImprisoned: ascii("i")
        case .spouseMissing: ascii("s")
        }
    }

    /// The marital status of a code, or `nil`.
    public static func maritalStatus(_ code: UInt8) -> MaritalStatus? {
        switch code {
        case ascii("n"): .neverMarried
        case ascii("m"): .married
        case ascii("w"): .widowed
        case ascii("d"): .divorced
        case ascii("a"): .abandoned
        case ascii("i"): .spouseImprisoned
        case ascii("s"): .spouseMissing
        default: nil
        }
    }

    /// `e` employed, `s` selfEmployed, `u` unemployed, `x` unableToWork, `t` student, `h` homeMaker, `r` retired, `c` child.
    public static func code(_ value: WorkStatus) -> UInt8 {
        switch value {
        case .employed: ascii("e")
        case .selfEmployed: ascii("s")
        case .unemployed: ascii("u")
        case .unableToWork: ascii("x")
        case .student: ascii("t")
        case .homeMaker: ascii("h")
        case .retired: ascii("r")
        case .child: ascii("c")
        }
    }

    /// The work status of a code, or `nil`.
    public static func workStatus(_ code: UInt8) -> WorkStatus? {
        switch code {
        case ascii("e"): .employed
        case ascii("s"): .selfEmployed
        case ascii("u"): .unemployed
        case ascii("x"): .unableToWork
        case ascii("t"): .student
        case ascii("h"): .homeMaker
        case ascii("r"): .retired
        case ascii("c"): .child
        default: nil
        }
    }

    /// `n` none, `m` moderate, `s` severe.
    public static func code(_ value: Disability) -> UInt8 {
        switch value {
        case .noDisability: ascii("n")
        case .moderate: ascii("m")
        case .severe: ascii("s")
        }
    }

    /// The disability of a code, or `nil`.
    public static func disability(_ code: UInt8) -> Disability? {
        switch code {
        case ascii("n"): .noDisability
        case ascii("m"): .moderate
        case ascii("s"): .severe
        default: nil
        }
    }

    /// `n` notOrphan, `p` paternal, `m` maternal, `d` double.
    public static func code(_ value: Orphanhood) -> UInt8 {
        switch value {
        case .notOrphan: ascii("n")
        case .paternal: ascii("p")
        case .maternal: ascii("m")
        case .double: ascii("d")
        }
    }

    /// The orphanhood of a code, or `nil`.
    public static func orphanhood(_ code: UInt8) -> Orphanhood? {
        switch code {
        case ascii("n"): .notOrphan
        case ascii("p"): .paternal
        case ascii("m"): .maternal
        case ascii("d"): .double
        default: nil
        }
    }

    @inline(__always) static func ascii(_ scalar: Unicode.Scalar) -> UInt8 { UInt8(ascii: scalar) }
}
