import EventStore

/// One person's membership of a household over time: the spells of membership, the facts recorded
/// when they joined, and later changes of circumstances, each with its business date.
struct HouseholdMember: Sendable, Hashable {
    /// A spell of membership: from the day the person joined to the day they left (exclusive).
    struct Spell: Sendable, Hashable {
        var added: MemberAdded
        var leftOn: BusinessDate?

        func covers(_ date: BusinessDate) -> Bool {
            added.effectiveOn <= date && (leftOn.map { date < $0 } ?? true)
        }
    }

    let personId: PersonID
    var spells: [Spell]
    var changes: [MemberCircumstancesChanged] = []

    init(_ added: MemberAdded) {
        personId = added.personId
        spells = [Spell(added: added, leftOn: nil)]
    }

    mutating func rejoin(_ added: MemberAdded) {
        spells.append(Spell(added: added, leftOn: nil))
    }

    /// Ends the spell that covers `date` (or, failing that, the latest open one).
    mutating func leave(on date: BusinessDate) {
        if let index = spells.lastIndex(where: { $0.leftOn == nil && $0.added.effectiveOn <= date }) ?? spells.lastIndex(where: { $0.leftOn == nil })
        {
            spells[index].leftOn = date
        }
    }

    /// The spell covering `date`, if the person is a member then.
    func spell(on date: BusinessDate) -> Spell? {
        spells.last { $0.covers(date) }
    }

    /// The person as a member on `date`: the facts of the spell's MemberAdded, with the changes of
    /// circumstances dated within the spell and on or before `date` applied in date order.
    func snapshot(on date: BusinessDate) -> HouseholdComposition.Member? {
        guard let spell = spell(on: date) else { return nil }
        let added = spell.added
        var maritalStatus = added.maritalStatus
        var workStatus = added.workStatus
        var disability = added.disability
        var orphanhood = added.orphanhood
        let applicable = changes.enumerated()
            .filter { $0.element.effectiveOn >= added.effectiveOn && $0.element.effectiveOn <= date }
            .sorted { ($0.element.effectiveOn, $0.offset) < ($1.element.effectiveOn, $1.offset) }
        for (_, change) in applicable {
            maritalStatus = change.changes.maritalStatus ?? maritalStatus
            workStatus = change.changes.workStatus ?? workStatus
            disability = change.changes.disability ?? disability
            orphanhood = change.changes.orphanhood ?? orphanhood
        }
        return HouseholdComposition.Member(
            personId: personId, sex: added.sex, age: added.birthDate.age(on: date), relationship: added.relationship,
            maritalStatus: maritalStatus, workStatus: workStatus, disability: disability, orphanhood: orphanhood)
    }
}
