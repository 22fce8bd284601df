import EventStore

extension Household {
    /// Decides ``RegisterHousehold``.
    /// - Parameter command: the command.
    /// - Returns: `HouseholdRegistered`.
    /// - Throws: ``DomainRejection`` `household_already_registered`, `district_outside_governorate`.
    public func decide(_ command: RegisterHousehold) throws(DomainRejection) -> [any DomainEvent] {
        guard !isRegistered else {
            throw DomainRejection(
                .householdAlreadyRegistered, rule: "a household id is registered once", field: "householdId", value: command.householdId.rawValue)
        }
        let area = HouseholdArea(governorate: command.governorate, district: command.district, residence: command.residence)
        guard area.districtIsInGovernorate else {
            throw DomainRejection(
                .districtOutsideGovernorate, rule: "the district lies in governorate \(command.governorate)", field: "district",
                value: command.district.rawValue)
        }
        return [
            HouseholdRegistered(
                householdId: command.householdId, governorate: command.governorate, district: command.district, residence: command.residence,
                registrationSource: command.registrationSource, registeredOn: command.registeredOn, registeredBy: command.registeredBy,
                evidenceRef: command.evidenceRef)
        ]
    }

    /// Decides ``AddMember``.
    /// - Parameter command: the command.
    /// - Returns: `MemberAdded`.
    /// - Throws: ``DomainRejection`` `unknown_household`, `effective_date_before_registration`,
    ///   `birth_date_after_effective_date`, `member_already_present`, `head_already_present`.
    public func decide(_ command: AddMember) throws(DomainRejection) -> [any DomainEvent] {
        try requireRegistered(command.householdId, on: command.effectiveOn, field: "effectiveOn")
        guard command.birthDate <= command.effectiveOn else {
            // The birth date is personal data: the value names only the date it was compared with.
            throw DomainRejection(
                .birthDateAfterEffectiveDate, rule: "a person is born on or before joining", field: "birthDate",
                value: "after \(command.effectiveOn)")
        }
        let composition = composition(on: command.effectiveOn)
        guard !composition.contains(command.personId) else {
            throw DomainRejection(
                .memberAlreadyPresent, rule: "a person is added once while a member", field: "personId", value: command.personId.rawValue)
        }
        if command.relationship == .head, let head = composition.headPersonId {
            throw DomainRejection(
                .headAlreadyPresent, rule: "a household has one head; change the head instead", field: "relationship",
                value: "head (current head \(head))")
        }
        return [
            MemberAdded(
                householdId: command.householdId, personId: command.personId, sex: command.sex, birthDate: command.birthDate,
                relationship: command.relationship, maritalStatus: command.maritalStatus, workStatus: command.workStatus,
                disability: command.disability, orphanhood: command.orphanhood, reason: command.reason, effectiveOn: command.effectiveOn)
        ]
    }

    /// Decides ``RemoveMember``.
    /// - Parameter command: the command.
    /// - Returns: `MemberRemoved`.
    /// - Throws: ``DomainRejection`` `unknown_household`, `effective_date_before_registration`, `unknown_member`,
    ///   `head_cannot_be_removed`, `evidence_required`.
    public func decide(_ command: RemoveMember) throws(DomainRejection) -> [any DomainEvent] {
        try requireRegistered(command.householdId, on: command.effectiveOn, field: "effectiveOn")
        let composition = composition(on: command.effectiveOn)
        guard composition.contains(command.personId) else {
            throw DomainRejection(
                .unknownMember, rule: "the person is a member on \(command.effectiveOn)", field: "personId", value: command.personId.rawValue)
        }
        if composition.headPersonId == command.personId, composition.size > 1 {
            throw DomainRejection(
                .headCannotBeRemoved, rule: "another member becomes head before the head leaves", field: "personId",
                value: command.personId.rawValue)
        }
        if [.deceased, .imprisoned, .duplicateRecord].contains(command.reason), command.evidenceRef == nil {
            throw DomainRejection(
                .evidenceRequired, rule: "a removal for \(command.reason.rawValue) cites its evidence", field: "evidenceRef", value: "absent")
        }
        return [
            MemberRemoved(
                householdId: command.householdId, personId: command.personId, reason: command.reason, effectiveOn: command.effectiveOn,
                evidenceRef: command.evidenceRef)
        ]
    }

    /// Decides ``ChangeMemberCircumstances``.
    /// - Parameter command: the command.
    /// - Returns: `MemberCircumstancesChanged`.
    /// - Throws: ``DomainRejection`` `unknown_household`, `effective_date_before_registration`, `unknown_member`, `no_change`.
    public func decide(_ command: ChangeMemberCircumstances) throws(DomainRejection) -> [any DomainEvent] {
        try requireRegistered(command.householdId, on: command.effectiveOn, field: "effectiveOn")
        guard let member = composition(on: command.effectiveOn).members.first(where: { $0.personId == command.personId }) else {
            throw DomainRejection(
                .unknownMember, rule: "the person is a member on \(command.effectiveOn)", field: "personId", value: command.personId.rawValue)
        }
        let c = command.changes
        let changesSomething =
            (c.maritalStatus.map { $0 != member.maritalStatus } ?? false) || (c.workStatus.map { $0 != member.workStatus } ?? false)
            || (c.disability.map { $0 != member.disability } ?? false) || (c.orphanhood.map { $0 != member.orphanhood } ?? false)
        guard changesSomething else {
            throw DomainRejection(
                .noChange, rule: "at least one circumstance differs from the member's on \(command.effectiveOn)", field: "changes",
                value: "unchanged")
        }
        return [
            MemberCircumstancesChanged(
                householdId: command.householdId, personId: command.personId, changes: command.changes, effectiveOn: command.effectiveOn,
                evidenceRef: command.evidenceRef)
        ]
    }

    /// Decides ``ChangeHeadOfHousehold``.
    /// - Parameter command: the command.
    /// - Returns: `HeadOfHouseholdChanged`, naming the head until then.
    /// - Throws: ``DomainRejection`` `unknown_household`, `effective_date_before_registration`, `no_head_of_household`,
    ///   `unknown_member`, `no_change`.
    public func decide(_ command: ChangeHeadOfHousehold) throws(DomainRejection) -> [any DomainEvent] {
        try requireRegistered(command.householdId, on: command.effectiveOn, field: "effectiveOn")
        let composition = composition(on: command.effectiveOn)
        guard let previous = composition.headPersonId else {
            throw DomainRejection(
                .noHeadOfHousehold, rule: "the household has a head on \(command.effectiveOn)", field: "householdId",
                value: command.householdId.rawValue)
        }
        guard composition.contains(command.newHeadPersonId) else {
            throw DomainRejection(
                .unknownMember, rule: "the new head is a member on \(command.effectiveOn)", field: "newHeadPersonId",
                value: command.newHeadPersonId.rawValue)
        }
        guard previous != command.newHeadPersonId else {
            throw DomainRejection(.noChange, rule: "the new head differs from the head", field: "newHeadPersonId", value: previous.rawValue)
        }
        return [
            HeadOfHouseholdChanged(
                householdId: command.householdId, previousHeadPersonId: previous, newHeadPersonId: command.newHeadPersonId,
                reason: command.reason, effectiveOn: command.effectiveOn)
        ]
    }

    /// Decides ``RelocateHousehold``.
    /// - Parameter command: the command.
    /// - Returns: `HouseholdRelocated`, from the area on the effective date.
    /// - Throws: ``DomainRejection`` `unknown_household`, `effective_date_before_registration`,
    ///   `district_outside_governorate`, `no_change`.
    public func decide(_ command: RelocateHousehold) throws(DomainRejection) -> [any DomainEvent] {
        try requireRegistered(command.householdId, on: command.effectiveOn, field: "effectiveOn")
        let destination = HouseholdArea(governorate: command.governorate, district: command.district, residence: command.residence)
        guard destination.districtIsInGovernorate else {
            throw DomainRejection(
                .districtOutsideGovernorate, rule: "the district lies in governorate \(command.governorate)", field: "district",
                value: command.district.rawValue)
        }
        let origin = area(on: command.effectiveOn)!
        guard origin != destination else {
            throw DomainRejection(.noChange, rule: "the destination differs from the area", field: "district", value: command.district.rawValue)
        }
        return [
            HouseholdRelocated(
                householdId: command.householdId, from: .init(governorate: origin.governorate, district: origin.district),
                to: .init(governorate: destination.governorate, district: destination.district, residence: destination.residence),
                reason: command.reason, effectiveOn: command.effectiveOn)
        ]
    }
}
