import Benefits

/// Exact integer sums per weight class, month, governorate and payment component: the amounts
/// households would be paid if all stayed, and how many are paid each component.
///
/// Ranges of months are added as differences (``addRange(_:_:_:_:_:_:)``) and ``integrate()`` turns
/// them into monthly sums, so a household costs one addition per segment, not one per month.
struct CellAccumulator: Sendable {
    /// The payment components, in the order of the catalogue.
    static let components = PaymentComponentCode.allCases.map { $0 }
    static let componentIndex: [PaymentComponentCode: Int] = Dictionary(uniqueKeysWithValues: components.enumerated().map { ($1, $0) })

    let classes: Int
    let months: Int
    let governorates: Int
    var amounts: [Int64]
    var counts: [Int64]
    var households: [Int64]
    /// The paid segments, kept only when a ceiling may ration.
    var segments: [PaidSegment] = []

    init(classes: Int, months: Int, governorates: Int) {
        self.classes = classes
        self.months = months
        self.governorates = governorates
        let cells = classes * (months + 1) * governorates
        amounts = [Int64](repeating: 0, count: cells * Self.components.count)
        counts = amounts
        households = [Int64](repeating: 0, count: cells)
    }

    func cell(_ weightClass: Int, _ month: Int, _ governorate: Int) -> Int {
        (weightClass * (months + 1) + month) * governorates + governorate
    }

    /// Adds `amount` for one household paid `component` in months `start..<end`.
    mutating func addRange(_ weightClass: Int, _ governorate: Int, _ component: Int, _ start: Int, _ end: Int, _ amount: Int64) {
        let c = Self.components.count
        let first = cell(weightClass, start, governorate) * c + component
        let last = cell(weightClass, end, governorate) * c + component
        amounts[first] &+= amount
        amounts[last] &-= amount
        counts[first] &+= 1
        counts[last] &-= 1
    }

    /// Counts one household paid in months `start..<end`.
    mutating func addHousehold(_ weightClass: Int, _ governorate: Int, _ start: Int, _ end: Int) {
        households[cell(weightClass, start, governorate)] &+= 1
        households[cell(weightClass, end, governorate)] &-= 1
    }

    mutating func merge(_ other: CellAccumulator) {
        for i in amounts.indices {
            amounts[i] &+= other.amounts[i]
            counts[i] &+= other.counts[i]
        }
        for i in households.indices { households[i] &+= other.households[i] }
        segments += other.segments
    }

    /// Turns the differences into monthly sums.
    mutating func integrate() {
        let c = Self.components.count
        for k in 0..<classes {
            for g in 0..<governorates {
                for month in 1...months {
                    let here = cell(k, month, g)
                    let before = cell(k, month - 1, g)
                    households[here] &+= households[before]
                    for component in 0..<c {
                        amounts[here * c + component] &+= amounts[before * c + component]
                        counts[here * c + component] &+= counts[before * c + component]
                    }
                }
            }
        }
    }

    /// The sum for one cell after ``integrate()``.
    func amount(_ weightClass: Int, _ month: Int, _ governorate: Int, _ component: Int) -> Int64 {
        amounts[cell(weightClass, month, governorate) * Self.components.count + component]
    }

    /// The households paid a component in one cell after ``integrate()``.
    func count(_ weightClass: Int, _ month: Int, _ governorate: Int, _ component: Int) -> Int64 {
        counts[cell(weightClass, month, governorate) * Self.components.count + component]
    }

    /// The households paid in one cell after ``integrate()``.
    func householdCount(_ weightClass: Int, _ month: Int, _ governorate: Int) -> Int64 {
        households[cell(weightClass, month, governorate)]
    }

    /// Takes one household's payment out of one month (budget rationing), after ``integrate()``.
    mutating func remove(_ weightClass: Int, _ month: Int, _ governorate: Int, components: [(Int, Int64)]) {
        let base = cell(weightClass, month, governorate)
        households[base] &-= 1
        for (component, amount) in components {
            amounts[base * Self.components.count + component] &-= amount
            counts[base * Self.components.count + component] &-= 1
        }
    }
}
