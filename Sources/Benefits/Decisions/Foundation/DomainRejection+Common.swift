import EventStore

extension DomainRejection {
    static func unknownHousehold(_ id: HouseholdID, field: String = "householdId") -> DomainRejection {
        DomainRejection(.unknownHousehold, rule: "the household is registered in the social registry", field: field, value: id.rawValue)
    }

    static func unknownProgramme(_ id: ProgrammeID, field: String = "programmeId") -> DomainRejection {
        DomainRejection(.unknownProgramme, rule: "the programme is defined", field: field, value: id.rawValue)
    }

    static func beforeRegistration(_ date: BusinessDate, field: String, registeredOn: BusinessDate) -> DomainRejection {
        DomainRejection(
            .effectiveDateBeforeRegistration, rule: "\(field) is on or after the registration date \(registeredOn)", field: field,
            value: date.description)
    }

    static func tooEarly(_ date: BusinessDate, field: String, notBefore: BusinessDate, what: String) -> DomainRejection {
        DomainRejection(.effectiveDateTooEarly, rule: "\(field) is on or after \(what) (\(notBefore))", field: field, value: date.description)
    }
}
