import EventStore

extension BusinessDate {
    /// The date `days` days later (earlier for a negative number).
    /// - Parameter days: how many days to add.
    /// - Returns: the date.
    public func adding(days: Int) -> BusinessDate {
        BusinessDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// The same day `months` months later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb).
    /// - Parameter months: how many months to add; may be negative.
    /// - Returns: the date, or `nil` beyond the years BusinessDate allows.
    public func adding(months: Int) -> BusinessDate? {
        let index = year * 12 + (month - 1) + months
        let newYear = index / 12
        let newMonth = index % 12 + 1
        let lastDay = BusinessDate.daysInMonth(newMonth, year: newYear)
        return BusinessDate(year: newYear, month: newMonth, day: min(day, lastDay))
    }

    /// The age in whole years on `date` of a person born on this date.
    /// - Parameter date: the date the age is reckoned on.
    /// - Returns: years completed; 0 before the first birthday, negative before birth.
    public func age(on date: BusinessDate) -> Int {
        let years = date.year - year
        return (date.month, date.day) < (month, day) ? years - 1 : years
    }

    /// The number of days of a month (February by the Gregorian leap-year rule).
    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The payment cycle (calendar month) the date falls in.
    public var paymentCycle: PaymentCycle { PaymentCycle(year: year, month: month)! }
}

extension PaymentCycle {
    /// The cycle's last day.
    public var lastDay: BusinessDate {
        BusinessDate(year: year, month: month, day: BusinessDate.daysInMonth(month, year: year))!
    }

    /// Whether `date` falls in the cycle's month.
    /// - Parameter date: a date.
    /// - Returns: `true` when the date's year and month are the cycle's.
    public func contains(_ date: BusinessDate) -> Bool {
        date.year == year && date.month == month
    }

    /// The cycle as digits `YYYYMM`, the prefix of a payment id.
    var compactDigits: String { description.replacingOccurrences(of: "-", with: "") }
}
