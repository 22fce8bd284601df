import DaftarJSON

/// One match of a cross-match run: a household (and, where known, the member) found in the other registry, with what the
/// match shows (a loan above the threshold, a fuel station, gas-filling plant or generator, a government or security-
/// forces salary, a state pension, a recent vehicle, a recorded death, a commercial registration, a duplicate
/// registration) and the evidence reference. A loan hit gives the threshold, the measured amount and its currency
/// (thresholdAmountMinor requires measuredAmountMinor, which requires currency); a vehicle hit the model year.
///
/// Schema: `EventSchemas/cross-match-hit-recorded.v1.json` (`CrossMatchHitRecorded` v1).
public struct CrossMatchHitRecorded: DomainEvent {
    public static let eventType = "CrossMatchHitRecorded"
    public static let schemaVersion = 1

    /// The cross-match run.
    public var crossMatchRunId: CrossMatchRunID
    /// The hit, unique within the ledger.
    public var hitId: CrossMatchHitID
    /// The programme.
    public var programmeId: ProgrammeID
    /// The registry matched against.
    public var sourceRegistry: SourceRegistry
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// The member matched, when the match is on a person.
    public var personId: PersonID?
    /// What the hit shows.
    public var indicator: CrossMatchIndicator
    /// The evidence, kept outside the ledger.
    public var evidenceRef: EvidenceReference
    /// Amount found (outstanding loan, salary, pension).
    public var measuredAmountMinor: Int64?
    /// Threshold the amount was compared with.
    public var thresholdAmountMinor: Int64?
    /// The currency of every amount in the event.
    public var currency: Currency?
    /// Model year of the vehicle (ownsRecentVehicle).
    public var vehicleModelYear: Int?

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        crossMatchRunId: CrossMatchRunID, hitId: CrossMatchHitID, programmeId: ProgrammeID, sourceRegistry: SourceRegistry, householdId: HouseholdID,
        personId: PersonID? = nil, indicator: CrossMatchIndicator, evidenceRef: EvidenceReference, measuredAmountMinor: Int64? = nil,
        thresholdAmountMinor: Int64? = nil, currency: Currency? = nil, vehicleModelYear: Int? = nil
    ) {
        self.crossMatchRunId = crossMatchRunId
        self.hitId = hitId
        self.programmeId = programmeId
        self.sourceRegistry = sourceRegistry
        self.householdId = householdId
        self.personId = personId
        self.indicator = indicator
        self.evidenceRef = evidenceRef
        self.measuredAmountMinor = measuredAmountMinor
        self.thresholdAmountMinor = thresholdAmountMinor
        self.currency = currency
        self.vehicleModelYear = vehicleModelYear
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        crossMatchRunId = try object.required("crossMatchRunId")
        hitId = try object.required("hitId")
        programmeId = try object.required("programmeId")
        sourceRegistry = try object.required("sourceRegistry")
        householdId = try object.required("householdId")
        personId = try object.optional("personId")
        indicator = try object.required("indicator")
        evidenceRef = try object.required("evidenceRef")
        measuredAmountMinor = try object.optional("measuredAmountMinor")
        thresholdAmountMinor = try object.optional("thresholdAmountMinor")
        currency = try object.optional("currency")
        vehicleModelYear = try object.optional("vehicleModelYear")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("crossMatchRunId", crossMatchRunId)
        object.set("hitId", hitId)
        object.set("programmeId", programmeId)
        object.set("sourceRegistry", sourceRegistry)
        object.set("householdId", householdId)
        object.set("personId", personId)
        object.set("indicator", indicator)
        object.set("evidenceRef", evidenceRef)
        object.set("measuredAmountMinor", measuredAmountMinor)
        object.set("thresholdAmountMinor", thresholdAmountMinor)
        object.set("currency", currency)
        object.set("vehicleModelYear", vehicleModelYear)
        return object.json
    }

    /// The stream the event is appended to: `cross-match-{crossMatchRunId}`.
    public var streamID: String { "cross-match-\(crossMatchRunId)" }
}
