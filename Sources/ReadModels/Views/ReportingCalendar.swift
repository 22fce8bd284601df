import Benefits
import EventStore

/// Dates as the views write them.
enum ReportingCalendar {
    /// A date far enough ahead to read "the ledger's latest word" with the domain's `…(on:)` readers.
    static let latest = BusinessDate(year: 2099, month: 12, day: 31)!

    /// `YYYY-MM-01` of a cycle.
    static func month(_ cycle: PaymentCycle) -> String { cycle.firstDay.description }

    /// The first month whose first day is on or after `date`: the first month-start at which a
    /// change dated `date` shows.
    static func firstMonthStart(onOrAfter date: BusinessDate) -> BusinessDate? {
        if date.day == 1 { return date }
        return date.month == 12 ? BusinessDate(year: date.year + 1, month: 1, day: 1) : BusinessDate(year: date.year, month: date.month + 1, day: 1)
    }

    /// The dates around someone's `years`-th birthday: the birthday (1 March for 29 February in a
    /// common year) and the day after, so that whichever day the age turns, a month-start after it
    /// is considered.
    static func birthdays(_ birth: BusinessDate, turning years: Int) -> [BusinessDate] {
        let year = birth.year + years
        let day = BusinessDate(year: year, month: birth.month, day: birth.day) ?? BusinessDate(year: year, month: 3, day: 1)
        guard let day else { return [] }
        return [day, day.adding(days: 1)]
    }
}
