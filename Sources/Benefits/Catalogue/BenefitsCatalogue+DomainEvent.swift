import EventStore

extension BenefitsCatalogue {
    /// Checks an event about to be appended against its schema.
    /// - Parameters:
    ///   - event: the event.
    ///   - field: the path to name in an error.
    /// - Throws: ``EventStoreError`` as ``validate(type:schemaVersion:data:field:)``.
    public func validate(_ event: some DomainEvent, field: String = "event") throws(EventStoreError) {
        try validate(type: event.eventType, schemaVersion: event.schemaVersion, data: event.json, field: field)
    }
}
