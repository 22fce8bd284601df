import DaftarJSON
import EventStore

/// Maps an event type and schema version to its Swift type, and reads recorded payloads as the latest
/// version of their type.
///
/// Recorded events keep the payload and schema version they were appended with (their hashes cover
/// them); ``decode(type:schemaVersion:data:)`` upcasts an older version with ``Upcaster`` and reads
/// the result with the latest type, so a fold only ever sees current event types.
/// ``decodeExactly(type:schemaVersion:data:)`` reads a payload as its own version, for audit views
/// that show what was written.
public enum DomainEventDecoder {
    /// Every Swift event type: one per event type and schema version of the catalogue.
    public static let eventTypes: [any DomainEvent.Type] = [
        // registry
        HouseholdRegistered.self, MemberAdded.self, MemberRemoved.self, MemberCircumstancesChanged.self,
        HeadOfHouseholdChanged.self, HouseholdRelocated.self, HouseholdAssessedV1.self, HouseholdAssessed.self,
        // programme
        ProgrammeDefined.self, TargetingFormulaPublished.self, EligibilityRulePublished.self, BenefitSchedulePublished.self,
        BudgetAllocated.self, CrossMatchExclusionRulePublished.self,
        // entitlement
        EligibilityDetermined.self, BeneficiaryEnrolled.self, EntitlementChanged.self, BeneficiarySuspended.self,
        SuspensionLifted.self, BeneficiaryExcluded.self, ExclusionAppealed.self, ExclusionAppealRejected.self,
        ExclusionReversed.self, BeneficiaryExited.self,
        // payments
        PaymentCycleOpened.self, PaymentCycleClosed.self, PaymentScheduled.self, PaymentIssued.self, PaymentConfirmed.self,
        PaymentFailed.self, PaymentReversed.self, OverpaymentIdentified.self, OverpaymentRecovered.self,
        // shock response
        EmergencyTopUpDeclared.self, TopUpGranted.self, TemporaryEnrolmentGranted.self,
        // cross-matching
        CrossMatchRunRecordedV1.self, CrossMatchRunRecorded.self, CrossMatchHitRecorded.self, ExclusionProposedV1.self, ExclusionProposed.self, ExclusionProposalDismissed.self,
        // planning
        CostProjectionPublished.self,
        // personal data
        PersonalDataErased.self,
    ]

    static let byKey: [EventTypeKey: any DomainEvent.Type] = Dictionary(
        uniqueKeysWithValues: eventTypes.map { (EventTypeKey(type: $0.eventType, schemaVersion: $0.schemaVersion), $0) })

    /// The Swift type for exactly this event type and schema version.
    /// - Parameters:
    ///   - type: the event type, for example `HouseholdAssessed`.
    ///   - schemaVersion: the schema version.
    /// - Returns: the type (`HouseholdAssessedV1` for version 1 of `HouseholdAssessed`), or `nil`.
    public static func exactType(of type: String, schemaVersion: Int) -> (any DomainEvent.Type)? {
        byKey[EventTypeKey(type: type, schemaVersion: schemaVersion)]
    }

    /// The latest schema version of `type` that has a Swift type, or `nil` for an unknown type.
    /// - Parameter type: the event type.
    /// - Returns: the highest version.
    public static func latestVersion(of type: String) -> Int? {
        eventTypes.filter { $0.eventType == type }.map { $0.schemaVersion }.max()
    }

    /// Reads a payload as its own schema version, without upcasting.
    /// - Parameters:
    ///   - type: the event type.
    ///   - schemaVersion: the payload's schema version.
    ///   - data: the payload.
    /// - Returns: a value of the exact type.
    /// - Throws: ``EventDecodingError`` `unknown_event_type`, or `invalid_payload` naming the pointer and rule.
    public static func decodeExactly(type: String, schemaVersion: Int, data: JSONValue) throws(EventDecodingError) -> any DomainEvent {
        guard let eventType = exactType(of: type, schemaVersion: schemaVersion) else {
            throw unknown(type: type, schemaVersion: schemaVersion)
        }
        return try eventType.init(json: data, at: "")
    }

    /// Reads a recorded payload as the latest version of its type, upcasting an older version first.
    /// - Parameters:
    ///   - type: the event type.
    ///   - schemaVersion: the schema version the payload was recorded with.
    ///   - data: the payload as recorded.
    /// - Returns: a value of the latest type (`HouseholdAssessed` for a version 1 payload).
    /// - Throws: ``EventDecodingError`` `unknown_event_type`, or `invalid_payload` naming the pointer and rule.
    public static func decode(type: String, schemaVersion: Int, data: JSONValue) throws(EventDecodingError) -> any DomainEvent {
        let upcast = try Upcaster.upcast(type: type, schemaVersion: schemaVersion, data: data)
        return try decodeExactly(type: type, schemaVersion: upcast.schemaVersion, data: upcast.data)
    }

    /// Reads a recorded event as the latest version of its type (see ``decode(type:schemaVersion:data:)``).
    /// - Parameter event: an event read from the store.
    /// - Returns: a value of the latest type.
    /// - Throws: ``EventDecodingError``; rule `json` when the stored text is not JSON.
    public static func decode(_ event: RecordedEvent) throws(EventDecodingError) -> any DomainEvent {
        let data: JSONValue
        do {
            data = try JSONParser.parse(event.dataText)
        } catch {
            throw EventDecodingError(
                code: .invalidPayload, field: "", rule: "json", message: "the stored payload of \(event.type) is not JSON")
        }
        return try decode(type: event.type, schemaVersion: event.schemaVersion, data: data)
    }

    static func unknown(type: String, schemaVersion: Int) -> EventDecodingError {
        let versions = eventTypes.filter { $0.eventType == type }.map { $0.schemaVersion }.sorted()
        let known = versions.isEmpty ? "no version is known" : "known versions: \(versions.map(String.init).joined(separator: ", "))"
        return EventDecodingError(
            code: .unknownEventType, field: "", rule: "eventType",
            message: "\(type) version \(schemaVersion) has no Swift type (\(known))")
    }
}
