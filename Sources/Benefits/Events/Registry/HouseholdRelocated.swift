import DaftarJSON
import EventStore

/// The household moved to another district or governorate (displacement, return, voluntary move, eviction) or its area
/// was redistricted. Payments and top-ups follow the new area from the effective date.
///
/// Schema: `EventSchemas/household-relocated.v1.json` (`HouseholdRelocated` v1).
public struct HouseholdRelocated: DomainEvent {
    public static let eventType = "HouseholdRelocated"
    public static let schemaVersion = 1

    /// Area before the move.
    public struct Origin: Sendable, Hashable, JSONConvertible {
        /// The governorate (ISO 3166-2).
        public var governorate: GovernorateCode
        /// The district.
        public var district: DistrictCode

        /// Creates the object; each parameter sets the property of the same name.
        public init(governorate: GovernorateCode, district: DistrictCode) {
            self.governorate = governorate
            self.district = district
        }

        /// Reads the payload object; see ``JSONConvertible``.
        public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
            var object = try JSONObjectReader(json, at: pointer)
            governorate = try object.required("governorate")
            district = try object.required("district")
            try object.finish()
        }

        /// The payload object; optional properties that are `nil` are left out.
        public var json: JSONValue {
            var object = JSONObjectWriter()
            object.set("governorate", governorate)
            object.set("district", district)
            return object.json
        }
    }

    /// Area after the move.
    public struct Destination: Sendable, Hashable, JSONConvertible {
        /// The governorate (ISO 3166-2).
        public var governorate: GovernorateCode
        /// The district.
        public var district: DistrictCode
        /// Urban, rural or camp.
        public var residence: Residence

        /// Creates the object; each parameter sets the property of the same name.
        public init(governorate: GovernorateCode, district: DistrictCode, residence: Residence) {
            self.governorate = governorate
            self.district = district
            self.residence = residence
        }

        /// Reads the payload object; see ``JSONConvertible``.
        public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
            var object = try JSONObjectReader(json, at: pointer)
            governorate = try object.required("governorate")
            district = try object.required("district")
            residence = try object.required("residence")
            try object.finish()
        }

        /// The payload object; optional properties that are `nil` are left out.
        public var json: JSONValue {
            var object = JSONObjectWriter()
            object.set("governorate", governorate)
            object.set("district", district)
            object.set("residence", residence)
            return object.json
        }
    }

    /// Why the household moved.
    public enum Reason: String, JSONStringCode {
        case displacement
        case returnFromDisplacement
        case voluntaryMove
        case eviction
        case redistricting
    }

    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// Area before the move.
    public var from: Origin
    /// Area after the move.
    public var to: Destination
    /// Why the household moved.
    public var reason: Reason
    /// The business date it takes effect.
    public var effectiveOn: BusinessDate

    /// Creates the event; each parameter sets the property of the same name.
    public init(householdId: HouseholdID, from: Origin, to: Destination, reason: Reason, effectiveOn: BusinessDate) {
        self.householdId = householdId
        self.from = from
        self.to = to
        self.reason = reason
        self.effectiveOn = effectiveOn
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        householdId = try object.required("householdId")
        from = try object.required("from")
        to = try object.required("to")
        reason = try object.required("reason")
        effectiveOn = try object.required("effectiveOn")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("householdId", householdId)
        object.set("from", from)
        object.set("to", to)
        object.set("reason", reason)
        object.set("effectiveOn", effectiveOn)
        return object.json
    }

    /// The stream the event is appended to: `household-{householdId}`.
    public var streamID: String { "household-\(householdId)" }
}
