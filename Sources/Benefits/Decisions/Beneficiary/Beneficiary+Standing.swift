import EventStore

extension Beneficiary {
    /// The rejection for a household that does not have a status a command needs.
    /// - Parameters:
    ///   - status: the status found.
    ///   - householdId: the household.
    ///   - rule: the rule, in words.
    static func refusal(_ status: BeneficiaryStatus, _ householdId: HouseholdID, rule: String) -> DomainRejection {
        let code: DomainRejection.Code
        switch status {
        case .excluded: code = .householdExcluded
        case .suspended: code = .householdSuspended
        case .enrolled, .temporarilyEnrolled: code = .alreadyEnrolled
        case .notEnrolled, .exited: code = .notEnrolled
        }
        return DomainRejection(code, rule: rule, field: "householdId", value: "\(householdId) (\(status))")
    }

    /// Refuses unless the household is enrolled as last recorded (temporarily too; suspended when allowed).
    func requireEnrolled(_ householdId: HouseholdID, allowSuspended: Bool, rule: String) throws(DomainRejection) {
        switch status {
        case .enrolled, .temporarilyEnrolled: return
        case .suspended where allowSuspended: return
        default: throw Beneficiary.refusal(status, householdId, rule: rule)
        }
    }

    /// Refuses unless the household is paid on `date`: enrolled, or temporarily enrolled until then.
    func requirePayable(_ householdId: HouseholdID, on date: BusinessDate, rule: String) throws(DomainRejection) {
        let standing = status(on: date)
        guard standing.isPayable else { throw Beneficiary.refusal(standing, householdId, rule: rule) }
    }

    /// Refuses a date before the enrolment in force.
    func requireOnOrAfterEnrolment(_ date: BusinessDate, field: String) throws(DomainRejection) {
        if let enrolledOn, date < enrolledOn {
            throw .tooEarly(date, field: field, notBefore: enrolledOn, what: "the enrolment")
        }
    }
}
