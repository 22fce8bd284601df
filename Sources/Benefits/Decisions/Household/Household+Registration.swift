import EventStore

extension Household {
    /// The registration, or a rejection naming the household.
    func requireRegistration(_ id: HouseholdID) throws(DomainRejection) -> HouseholdRegistered {
        guard let registration else { throw .unknownHousehold(id) }
        return registration
    }

    /// Refuses a business date before the registration.
    func requireRegistered(_ id: HouseholdID, on date: BusinessDate, field: String) throws(DomainRejection) {
        let registration = try requireRegistration(id)
        guard date >= registration.registeredOn else {
            throw .beforeRegistration(date, field: field, registeredOn: registration.registeredOn)
        }
    }
}
