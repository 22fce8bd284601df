import Benefits
import EventStore
import ProjectionRunner

/// `reporting.coverage`: households and persons reached per programme, district and month
/// (`Projections/coverage.sql` documents every column).
///
/// A household contributes, for each month, its standing on the month's first day. Its contribution
/// only changes at a few month-starts (when a status, a member, an address changes, or someone turns
/// 18 or 65), so it is stored as changes at those months, and the view sums them up to each month.
public struct CoverageProjection: Projection {
    public let definition: ProjectionDefinition

    /// The projection, over its SQL file's text.
    /// - Throws: ``ProjectionError`` when the file does not fit the code.
    public init(sql: String) throws {
        definition = try ProjectionDefinition(
            name: "coverage", sql: sql, codeVersion: 1,
            tables: [
                .additive("coverage_changes", keys: ["programme_id", "governorate", "district", "month"], sums: Counts.columns),
                .keyed("programme_months", partitionColumn: "partition_key", columns: ["partition_key", "programme_id", "first_month", "last_month"]),
            ])
    }

    /// One area's counts on one day, in the order of ``columns``.
    struct Counts: Equatable {
        static let columns = [
            "registered_households", "registered_persons", "enrolled_households", "enrolled_persons", "female_persons", "child_persons",
            "elderly_persons", "disabled_persons", "temporary_households", "suspended_households", "eligible_not_enrolled_households",
            "excluded_households",
        ]
        var values = [Int64](repeating: 0, count: columns.count)
    }

    public func project(key: String, state: PartitionState, into output: inout ProjectionOutput) {
        if let programme = state.programme {
            guard let starts = programme.startsOn else { return }
            let first = BusinessDate(year: starts.year, month: starts.month, day: 1)!
            let last = max(programme.cycles.max()?.firstDay ?? first, first)
            output.insert("programme_months", [key, programme.programmeId.rawValue, first.description, last.description])
            return
        }
        guard state.household.registration != nil else { return }
        var previous: [[String]: Counts] = [:]
        for month in changeMonths(state) {
            let now = snapshot(state, on: month)
            for areaKey in Set(previous.keys).union(now.keys) {
                let before = previous[areaKey]?.values ?? Counts().values
                let after = now[areaKey]?.values ?? Counts().values
                let delta = zip(after, before).map { $0 - $1 }
                if delta.contains(where: { $0 != 0 }) {
                    output.add("coverage_changes", key: areaKey + [month.description], delta)
                }
            }
            previous = now
        }
    }

    /// The month-starts at which the household's contribution may change, in order.
    func changeMonths(_ state: PartitionState) -> [BusinessDate] {
        var dates = state.household.factDates
        for birth in state.household.memberBirthDates {
            dates += ReportingCalendar.birthdays(birth, turning: 18) + ReportingCalendar.birthdays(birth, turning: 65)
        }
        for b in state.beneficiaries.values {
            dates += b.statusChangeDates
            dates += b.determinations.map(\.effectiveOn)
        }
        let months = Set(dates.compactMap(ReportingCalendar.firstMonthStart(onOrAfter:)).filter { $0 <= ReportingCalendar.latest })
        return months.sorted()
    }

    /// The household's counts on `date`, by `[programme, governorate, district]` (programme `""` for
    /// the registry's own counts).
    func snapshot(_ state: PartitionState, on date: BusinessDate) -> [[String]: Counts] {
        let household = state.household
        guard let registration = household.registration, registration.registeredOn <= date, let area = household.area(on: date) else { return [:] }
        let composition = household.composition(on: date)
        var result: [[String]: Counts] = [:]
        var registry = Counts()
        registry.values[0] = 1
        registry.values[1] = Int64(composition.size)
        result[["", area.governorate.rawValue, area.district.rawValue]] = registry
        for (programme, b) in state.beneficiaries {
            var counts = Counts()
            let status = b.status(on: date)
            switch status {
            case .enrolled, .temporarilyEnrolled:
                counts.values[2] = 1
                counts.values[3] = Int64(composition.size)
                counts.values[4] = Int64(composition.members.count { $0.sex == .female })
                counts.values[5] = Int64(composition.members.count { $0.age < 18 })
                counts.values[6] = Int64(composition.members.count { $0.age >= 65 })
                counts.values[7] = Int64(composition.members.count { $0.disability != .noDisability })
                if case .temporarilyEnrolled = status { counts.values[8] = 1 }
            case .suspended:
                counts.values[9] = 1
            case .excluded:
                counts.values[11] = 1
            case .notEnrolled:
                if b.determinations.last(where: { $0.effectiveOn <= date })?.outcome == .eligible { counts.values[10] = 1 }
            case .exited:
                break
            }
            if counts != Counts() {
                result[[programme.rawValue, area.governorate.rawValue, area.district.rawValue]] = counts
            }
        }
        return result
    }
}
