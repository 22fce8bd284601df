import DaftarJSON
import EventStore

/// Another member became head of household (the head died, left, was imprisoned or incapacitated, or the record was
/// corrected). The head's sex selects the row of the benefit table.
///
/// Schema: `EventSchemas/head-of-household-changed.v1.json` (`HeadOfHouseholdChanged` v1).
public struct HeadOfHouseholdChanged: DomainEvent {
    public static let eventType = "HeadOfHouseholdChanged"
    public static let schemaVersion = 1

    /// Why the head changed.
    public enum Reason: String, JSONStringCode {
        case headDeceased
        case headLeftHousehold
        case headImprisoned
        case headIncapacitated
        case dataCorrection
    }

    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// The head until now.
    public var previousHeadPersonId: PersonID
    /// The new head.
    public var newHeadPersonId: PersonID
    /// Why the head changed.
    public var reason: Reason
    /// The business date it takes effect.
    public var effectiveOn: BusinessDate

    /// Creates the event; each parameter sets the property of the same name.
    public init(householdId: HouseholdID, previousHeadPersonId: PersonID, newHeadPersonId: PersonID, reason: Reason, effectiveOn: BusinessDate) {
        self.householdId = householdId
        self.previousHeadPersonId = previousHeadPersonId
        self.newHeadPersonId = newHeadPersonId
        self.reason = reason
        self.effectiveOn = effectiveOn
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        householdId = try object.required("householdId")
        previousHeadPersonId = try object.required("previousHeadPersonId")
        newHeadPersonId = try object.required("newHeadPersonId")
        reason = try object.required("reason")
        effectiveOn = try object.required("effectiveOn")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("householdId", householdId)
        object.set("previousHeadPersonId", previousHeadPersonId)
        object.set("newHeadPersonId", newHeadPersonId)
        object.set("reason", reason)
        object.set("effectiveOn", effectiveOn)
        return object.json
    }

    /// The stream the event is appended to: `household-{householdId}`.
    public var streamID: String { "household-\(householdId)" }
}
