import EventStore

extension Household {
    /// Every business date on which a registry fact of the household takes effect: registration,
    /// members joining and leaving, changes of circumstances and of head, moves. Between two of these
    /// dates the household's area and members stay the same (their ages aside; see ``memberBirthDates``).
    public var factDates: [BusinessDate] {
        var dates: [BusinessDate] = []
        if let registration { dates.append(registration.registeredOn) }
        for member in members {
            for spell in member.spells {
                dates.append(spell.added.effectiveOn)
                if let left = spell.leftOn { dates.append(left) }
            }
            dates += member.changes.map(\.effectiveOn)
        }
        dates += headChanges.map(\.effectiveOn)
        dates += relocations.map(\.effectiveOn)
        return dates
    }

    /// The birth dates of everyone who was ever a member, so that a reader can tell when someone
    /// comes of age or reaches pension age.
    public var memberBirthDates: [BusinessDate] {
        members.compactMap { $0.spells.first?.added.birthDate }
    }
}

extension Beneficiary {
    /// The status on `date` as known now (``status(on:)``) and the date it took effect: the
    /// governing change's date, or the day after a temporary enrolment's end.
    /// - Parameter date: a business date.
    /// - Returns: the status and since when, or `nil` before any change.
    public func standing(on date: BusinessDate) -> (status: BeneficiaryStatus, since: BusinessDate)? {
        guard let change = timeline.last(where: { $0.effectiveOn <= date }) else { return nil }
        if case .temporarilyEnrolled(_, let endsOn) = change.status, date > endsOn { return (.exited, endsOn.adding(days: 1)) }
        return (change.status, change.effectiveOn)
    }

    /// The recorded status change governing `date` and its effective date: like ``standing(on:)``, but
    /// a temporary enrolment stays `temporarilyEnrolled` after its end date (with its end date in the
    /// status), so that a reader can tell it from a recorded exit.
    /// - Parameter date: a business date.
    /// - Returns: the status as recorded and since when, or `nil` before any change.
    public func recordedStanding(on date: BusinessDate) -> (status: BeneficiaryStatus, since: BusinessDate)? {
        guard let change = timeline.last(where: { $0.effectiveOn <= date }) else { return nil }
        return (change.status, change.effectiveOn)
    }

    /// Every date on which the status may change: each recorded change's effective date, and the day
    /// after each temporary enrolment ends.
    public var statusChangeDates: [BusinessDate] {
        timeline.flatMap { change -> [BusinessDate] in
            if case .temporarilyEnrolled(_, let endsOn) = change.status { return [change.effectiveOn, endsOn.adding(days: 1)] }
            return [change.effectiveOn]
        }
    }
}
