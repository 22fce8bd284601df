import Benefits
import EventStore

/// A published change of the benefit schedule: version 2 of the size table by head's sex, published
/// by the minister in one month of the run and in force from the first day of a later month. From
/// that day every enrolled or suspended household's entitlement is recalculated (cause
/// `scheduleChanged`), so that the cycles from then on pay version 2.
///
/// Months count from January 2025, the run's first month. The effective month may lie after the
/// run's last month: version 2 is then published but no cycle of the run pays it (a change known in
/// advance, as a cost projection sees one).
public struct ScheduleChangePlan: Sendable, Hashable {
    /// The month of the run the minister publishes version 2 in, 1 through the run's months.
    public let publishedInMonth: Int
    /// The month version 2 is in force from, on its first day: after ``publishedInMonth``, at most 120.
    public let effectiveMonth: Int
    /// Monthly amounts by household size 1, 2, 3 … (the last for every larger size), male-headed, dinars.
    public let maleHeaded: [Int64]
    /// Monthly amounts by household size 1, 2, 3 … (the last for every larger size), female-headed, dinars.
    public let femaleHeaded: [Int64]

    /// The suggested male-headed table for sizes 1, 2, 3, 4+: 140,000 / 195,000 / 250,000 / 300,000 IQD.
    public static let defaultMaleHeaded: [Int64] = [140_000, 195_000, 250_000, 300_000]
    /// The suggested female-headed table for sizes 1, 2, 3, 4+: 140,000 / 220,000 / 300,000 / 350,000 IQD.
    public static let defaultFemaleHeaded: [Int64] = [140_000, 220_000, 300_000, 350_000]

    /// A plan, checked.
    /// - Parameters:
    ///   - publishedInMonth: at least 1 (the configuration checks it against the run's months).
    ///   - effectiveMonth: after `publishedInMonth`, at most 120.
    ///   - maleHeaded: 1 to 20 positive amounts; the suggested table by default.
    ///   - femaleHeaded: 1 to 20 positive amounts; the suggested table by default.
    /// - Throws: ``DemoCountryError`` `invalid_option` naming `scheduleChange.publishedInMonth`,
    ///   `scheduleChange.effectiveMonth`, `scheduleChange.maleHeaded` or `scheduleChange.femaleHeaded`.
    public init(
        publishedInMonth: Int, effectiveMonth: Int, maleHeaded: [Int64] = Self.defaultMaleHeaded,
        femaleHeaded: [Int64] = Self.defaultFemaleHeaded
    ) throws(DemoCountryError) {
        guard publishedInMonth >= 1 else {
            throw DemoCountryError(
                code: "invalid_option", message: "must be 1 or more, got \(publishedInMonth)", field: "scheduleChange.publishedInMonth",
                rule: "range")
        }
        guard effectiveMonth > publishedInMonth, effectiveMonth <= 120 else {
            throw DemoCountryError(
                code: "invalid_option", message: "must be after the published month \(publishedInMonth) and at most 120, got \(effectiveMonth)",
                field: "scheduleChange.effectiveMonth", rule: "range")
        }
        for (field, table) in [("maleHeaded", maleHeaded), ("femaleHeaded", femaleHeaded)] {
            guard (1...20).contains(table.count), table.allSatisfy({ $0 > 0 && $0 <= 1_000_000_000_000 }) else {
                throw DemoCountryError(
                    code: "invalid_option", message: "must be 1 to 20 amounts, each 1 to 1,000,000,000,000 dinars, got \(table)",
                    field: "scheduleChange.\(field)", rule: "range")
            }
        }
        self.publishedInMonth = publishedInMonth
        self.effectiveMonth = effectiveMonth
        self.maleHeaded = maleHeaded
        self.femaleHeaded = femaleHeaded
    }

    /// The first day version 2 is in force: the first of ``effectiveMonth``, counted from January 2025.
    public var effectiveFrom: BusinessDate {
        BusinessDate(year: 2025 + (effectiveMonth - 1) / 12, month: (effectiveMonth - 1) % 12 + 1, day: 1)!
    }

    /// Whether the tables are the suggested ones.
    var hasDefaultTables: Bool { maleHeaded == Self.defaultMaleHeaded && femaleHeaded == Self.defaultFemaleHeaded }

    /// What ``DemoCountryConfiguration/keyPrefix`` adds for the plan: `-schedule<P>to<E>`, and a
    /// 64-bit FNV-1a digest of the tables when they are not the suggested ones.
    var keySuffix: String {
        var suffix = "-schedule\(publishedInMonth)to\(effectiveMonth)"
        guard !hasDefaultTables else { return suffix }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "m\(maleHeaded.map(String.init).joined(separator: ","));f\(femaleHeaded.map(String.init).joined(separator: ","))".utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        suffix += "-" + String(hash, radix: 16)
        return suffix
    }
}
