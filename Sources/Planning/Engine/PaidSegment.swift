/// A run of months in which one household is paid the same components, kept when a budget ceiling
/// may have to ration: rationing takes households out of single months.
struct PaidSegment: Sendable {
    /// The household's index in the cohort.
    var household: Int
    var weightClass: Int
    var governorate: Int
    var start: Int
    var end: Int
    /// Component index and amount.
    var components: [(Int, Int64)]
    /// Top-ups by month: month, component index, amount.
    var topUps: [(Int, Int, Int64)]

    /// The components paid in `month`, top-ups included.
    func paid(in month: Int) -> [(Int, Int64)] {
        components + topUps.filter { $0.0 == month }.map { ($0.1, $0.2) }
    }
}
