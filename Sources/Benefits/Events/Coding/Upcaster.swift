import DaftarJSON

/// Upcasts payloads recorded under an older schema version to the latest version of their type.
///
/// A published schema is never changed; a change is a new version, and events written under the old
/// one stay in the ledger as they were, because their hashes cover their payloads. Reads upcast them
/// by the deterministic rule written in the new schema's `description` (EventSchemas/README.md,
/// "Evolution"). Each rule takes version N to N + 1; rules are applied in turn up to the latest.
public enum Upcaster {
    /// The yes/no indicators of `HouseholdAssessed`, written 1/0 in v1 and as booleans in v2.
    static let householdAssessedYesNoIndicators: Set<String> = [
        "memberEarnsSalaryOrPension", "crowdingOver3PerRoom", "ownsCar", "ownsDwelling", "ruralResidence",
        "memberAtUniversity", "chronicallyIllOrDisabledMember", "pipedWater", "publicGridElectricity",
    ]

    /// Upcasts a payload to the latest schema version of its type.
    ///
    /// Payloads of the latest version, and of types without rules, come back unchanged.
    /// - Parameters:
    ///   - type: the event type.
    ///   - schemaVersion: the version the payload was recorded with.
    ///   - data: the payload as recorded.
    /// - Returns: the latest version and the payload in its shape.
    /// - Throws: ``EventDecodingError`` `invalid_payload` when a payload does not have the shape its
    ///   version's rule reads (it would not have passed its schema on append).
    public static func upcast(type: String, schemaVersion: Int, data: JSONValue) throws(EventDecodingError)
        -> (schemaVersion: Int, data: JSONValue)
    {
        var version = schemaVersion
        var payload = data
        while let rule = rule(type: type, from: version) {
            payload = try rule(payload)
            version += 1
        }
        return (version, payload)
    }

    static func rule(type: String, from version: Int) -> ((JSONValue) throws(EventDecodingError) -> JSONValue)? {
        switch (type, version) {
        case ("HouseholdAssessed", 1): return householdAssessedV1ToV2
        case ("CrossMatchRunRecorded", 1): return crossMatchRunRecordedV1ToV2
        case ("ExclusionProposed", 1): return exclusionProposedV1ToV2
        default: return nil
        }
    }

    /// `HouseholdAssessed` v1 → v2, as household-assessed.v2.json's description states: every field of
    /// v1 is kept; each yes/no indicator 1 becomes `true` and 0 `false`; the other indicators and the
    /// score keep their values; `scoreScale` = `lnMonthlyPerCapitaConsumption` (v1's only scale),
    /// `assessedBy` = `legacy:unrecorded`, `method` = `unrecorded`.
    static func householdAssessedV1ToV2(_ data: JSONValue) throws(EventDecodingError) -> JSONValue {
        guard case .object(var members) = data else { throw .wrongType("", expected: "object", found: data) }
        guard let indicatorsValue = members["indicators"] else {
            throw .invalid("/indicators", "required", "is required but missing")
        }
        guard case .object(var indicators) = indicatorsValue else {
            throw .wrongType("/indicators", expected: "object", found: indicatorsValue)
        }
        for name in indicators.keys.sorted() where householdAssessedYesNoIndicators.contains(name) {
            let value = indicators[name]!
            switch value.int64Value {
            case 1: indicators[name] = .bool(true)
            case 0: indicators[name] = .bool(false)
            default: throw .invalid("/indicators/\(name)", "enum", "a v1 yes/no indicator must be 0 or 1")
            }
        }
        members["indicators"] = .object(indicators)
        members["scoreScale"] = .string(ScoreScale.lnMonthlyPerCapitaConsumption.rawValue)
        members["assessedBy"] = .string(legacyActor)
        members["method"] = .string(HouseholdAssessed.Method.unrecorded.rawValue)
        return .object(members)
    }

    /// `CrossMatchRunRecorded` v1 → v2, as cross-match-run-recorded.v2.json's description states: every
    /// field of v1 is kept; `startedBy` = `legacy:unrecorded` (v1 did not record who started a run).
    static func crossMatchRunRecordedV1ToV2(_ data: JSONValue) throws(EventDecodingError) -> JSONValue {
        guard case .object(var members) = data else { throw .wrongType("", expected: "object", found: data) }
        members["startedBy"] = .string(legacyActor)
        return .object(members)
    }

    /// `ExclusionProposed` v1 → v2, as exclusion-proposed.v2.json's description states: every field of
    /// v1 is kept; a proposal that cites a run gets `runStartedBy` = `legacy:unrecorded`.
    static func exclusionProposedV1ToV2(_ data: JSONValue) throws(EventDecodingError) -> JSONValue {
        guard case .object(var members) = data else { throw .wrongType("", expected: "object", found: data) }
        if members["crossMatchRunId"] != nil { members["runStartedBy"] = .string(legacyActor) }
        return .object(members)
    }

    /// The actor an upcast writes where an older version did not record who acted.
    public static let legacyActor = "legacy:unrecorded"
}
