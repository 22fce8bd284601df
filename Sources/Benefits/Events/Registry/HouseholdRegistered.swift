import DaftarJSON
import EventStore

/// A household was entered in the social registry under a pseudonymous id, in a governorate and district, urban, rural or
/// in a camp, through a registration channel. Opens the household stream. Members follow as MemberAdded events.
///
/// Schema: `EventSchemas/household-registered.v1.json` (`HouseholdRegistered` v1).
public struct HouseholdRegistered: DomainEvent {
    public static let eventType = "HouseholdRegistered"
    public static let schemaVersion = 1

    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// The governorate (ISO 3166-2).
    public var governorate: GovernorateCode
    /// The district.
    public var district: DistrictCode
    /// Urban, rural or camp.
    public var residence: Residence
    /// How the household came into the registry.
    public var registrationSource: RegistrationSource
    /// Date the household entered the registry.
    public var registeredOn: BusinessDate
    /// Social researcher, office or import job that registered it.
    public var registeredBy: ActorID
    /// The registration form or import batch.
    public var evidenceRef: EvidenceReference?

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        householdId: HouseholdID, governorate: GovernorateCode, district: DistrictCode, residence: Residence, registrationSource: RegistrationSource,
        registeredOn: BusinessDate, registeredBy: ActorID, evidenceRef: EvidenceReference? = nil
    ) {
        self.householdId = householdId
        self.governorate = governorate
        self.district = district
        self.residence = residence
        self.registrationSource = registrationSource
        self.registeredOn = registeredOn
        self.registeredBy = registeredBy
        self.evidenceRef = evidenceRef
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        householdId = try object.required("householdId")
        governorate = try object.required("governorate")
        district = try object.required("district")
        residence = try object.required("residence")
        registrationSource = try object.required("registrationSource")
        registeredOn = try object.required("registeredOn")
        registeredBy = try object.required("registeredBy")
        evidenceRef = try object.optional("evidenceRef")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("householdId", householdId)
        object.set("governorate", governorate)
        object.set("district", district)
        object.set("residence", residence)
        object.set("registrationSource", registrationSource)
        object.set("registeredOn", registeredOn)
        object.set("registeredBy", registeredBy)
        object.set("evidenceRef", evidenceRef)
        return object.json
    }

    /// The stream the event is appended to: `household-{householdId}`.
    public var streamID: String { "household-\(householdId)" }
}
