import EventStore

extension Household {
    /// The household's members, head and their circumstances on `date`.
    ///
    /// The head is the person named by the latest recorded `HeadOfHouseholdChanged` dated on or
    /// before `date`, or else the member who joined as `head`; a head who is no longer a member on
    /// the date leaves the household without one.
    /// - Parameter date: the date to read.
    /// - Returns: the composition.
    public func composition(on date: BusinessDate) -> HouseholdComposition {
        let present = members.compactMap { $0.snapshot(on: date) }
        var head: PersonID?
        if let change = latest(headChanges, on: date, by: \.effectiveOn) {
            head = change.newHeadPersonId
        } else {
            head = present.first { $0.relationship == .head }?.personId
        }
        if let candidate = head, !present.contains(where: { $0.personId == candidate }) { head = nil }
        return HouseholdComposition(date: date, members: present, headPersonId: head)
    }

    /// The household's area on `date`: the latest recorded move dated on or before it, or the area of registration.
    /// - Parameter date: the date to read.
    /// - Returns: the area, or `nil` before registration.
    public func area(on date: BusinessDate) -> HouseholdArea? {
        if let move = latest(relocations, on: date, by: \.effectiveOn) {
            return HouseholdArea(governorate: move.to.governorate, district: move.to.district, residence: move.to.residence)
        }
        guard let registration else { return nil }
        return HouseholdArea(governorate: registration.governorate, district: registration.district, residence: registration.residence)
    }

    /// The birth date recorded for a member on `date` (in the `MemberAdded` of the spell of membership
    /// covering it): for readers that age members themselves, such as a cost projection's cohort.
    /// - Parameters:
    ///   - personId: the person.
    ///   - date: the date to read.
    /// - Returns: the birth date, or `nil` when the person is not a member on `date`.
    public func birthDate(of personId: PersonID, on date: BusinessDate) -> BusinessDate? {
        members.first { $0.personId == personId }?.spell(on: date)?.added.birthDate
    }

    /// The latest assessment for `programmeId` under `formulaVersion` dated on or before `date`.
    /// - Parameters:
    ///   - programmeId: the programme whose formula was applied.
    ///   - formulaVersion: the formula version.
    ///   - date: the date to read.
    /// - Returns: the assessment, or `nil` when there is none.
    public func latestAssessment(programmeId: ProgrammeID, formulaVersion: Int, on date: BusinessDate) -> HouseholdAssessed? {
        latest(
            assessments.filter { $0.programmeId == programmeId && $0.formulaVersion == formulaVersion },
            on: date, by: \.assessedOn)
    }

    /// Of `events`, the one with the latest date on or before `date`; of equal dates, the one recorded last.
    func latest<E>(_ events: [E], on date: BusinessDate, by dateOf: (E) -> BusinessDate) -> E? {
        var best: (date: BusinessDate, event: E)?
        for event in events {
            let d = dateOf(event)
            guard d <= date else { continue }
            if best == nil || d >= best!.date { best = (d, event) }
        }
        return best?.event
    }
}
