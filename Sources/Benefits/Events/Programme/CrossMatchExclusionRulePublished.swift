import DaftarJSON
import EventStore

/// A version of the programme's cross-match exclusion rule was published, in force from a date: which hits of which
/// registries lead to a household's exclusion being proposed, for which reason, and from which date. A hit meets a
/// criterion when its registry and indicator are the criterion's and, where the criterion sets them, its measured amount
/// in the rule's currency is strictly above `thresholdAmountMinor` and its vehicle's model year is `vehicleModelYearFrom`
/// or later; a hit without the value a threshold reads (or in another currency) does not meet it. A household whose hits
/// in a run meet at least one criterion gets one proposal for that run: the reason and the date are those of the first
/// criterion met in the rule's order, and every hit that meets a criterion is its evidence. `effective` says from when
/// the evidence applies: the other registry's extract date or the run's completion; never before the enrolment.
///
/// Schema: `EventSchemas/cross-match-exclusion-rule-published.v1.json` (`CrossMatchExclusionRulePublished` v1).
public struct CrossMatchExclusionRulePublished: DomainEvent {
    public static let eventType = "CrossMatchExclusionRulePublished"
    public static let schemaVersion = 1

    /// From when a criterion's evidence applies.
    public enum Effective: String, JSONStringCode {
        /// The date of the other registry's extract (the run's `sourceSnapshotOn`).
        case snapshotDate
        /// The day the run completed.
        case matchDate
    }

    /// One criterion of the rule: a registry's indicator, an optional threshold, the reason it proposes and from when.
    public struct Criterion: Sendable, Hashable, JSONConvertible {
        /// The indicators whose hits carry an amount a threshold can read.
        public static let amountIndicators: Set<CrossMatchIndicator> = [
            .loanAboveThreshold, .onGovernmentPayroll, .onSecurityForcesPayroll, .receivesStatePension,
        ]

        /// The registry whose hits the criterion reads.
        public var sourceRegistry: SourceRegistry
        /// The indicator it reads.
        public var indicator: CrossMatchIndicator
        /// Met when the hit's measured amount, in the rule's currency, is strictly above this (loans, salaries, pensions).
        public var thresholdAmountMinor: Int64?
        /// Met when the vehicle's model year is this year or later (`ownsRecentVehicle`).
        public var vehicleModelYearFrom: Int?
        /// The reason the proposal gives.
        public var reason: ExclusionReason
        /// From when the evidence applies.
        public var effective: Effective

        /// Creates the object; each parameter sets the property of the same name.
        public init(
            sourceRegistry: SourceRegistry, indicator: CrossMatchIndicator, thresholdAmountMinor: Int64? = nil, vehicleModelYearFrom: Int? = nil,
            reason: ExclusionReason, effective: Effective
        ) {
            self.sourceRegistry = sourceRegistry
            self.indicator = indicator
            self.thresholdAmountMinor = thresholdAmountMinor
            self.vehicleModelYearFrom = vehicleModelYearFrom
            self.reason = reason
            self.effective = effective
        }

        /// Reads the payload object; see ``JSONConvertible``.
        public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
            var object = try JSONObjectReader(json, at: pointer)
            sourceRegistry = try object.required("sourceRegistry")
            indicator = try object.required("indicator")
            thresholdAmountMinor = try object.optional("thresholdAmountMinor")
            vehicleModelYearFrom = try object.optional("vehicleModelYearFrom")
            reason = try object.required("reason")
            effective = try object.required("effective")
            try object.finish()
        }

        /// The payload object; optional properties that are `nil` are left out.
        public var json: JSONValue {
            var object = JSONObjectWriter()
            object.set("sourceRegistry", sourceRegistry)
            object.set("indicator", indicator)
            object.set("thresholdAmountMinor", thresholdAmountMinor)
            object.set("vehicleModelYearFrom", vehicleModelYearFrom)
            object.set("reason", reason)
            object.set("effective", effective)
            return object.json
        }
    }

    /// The programme.
    public var programmeId: ProgrammeID
    /// The cross-match exclusion rule version.
    public var ruleVersion: Int
    /// First date on which proposals are made under this version.
    public var effectiveFrom: BusinessDate
    /// The legal instrument.
    public var legalBasis: LegalBasis
    /// The currency of every threshold (the programme's).
    public var currency: Currency
    /// The criteria, in order: a household's first criterion met gives its proposal's reason and date.
    public var criteria: [Criterion]

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, ruleVersion: Int, effectiveFrom: BusinessDate, legalBasis: LegalBasis, currency: Currency, criteria: [Criterion]
    ) {
        self.programmeId = programmeId
        self.ruleVersion = ruleVersion
        self.effectiveFrom = effectiveFrom
        self.legalBasis = legalBasis
        self.currency = currency
        self.criteria = criteria
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        ruleVersion = try object.required("ruleVersion")
        effectiveFrom = try object.required("effectiveFrom")
        legalBasis = try object.required("legalBasis")
        currency = try object.required("currency")
        criteria = try object.required("criteria")
        try object.finish()
    }

    /// The payload object.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("programmeId", programmeId)
        object.set("ruleVersion", ruleVersion)
        object.set("effectiveFrom", effectiveFrom)
        object.set("legalBasis", legalBasis)
        object.set("currency", currency)
        object.set("criteria", criteria)
        return object.json
    }

    /// The stream the event is appended to: `programme-{programmeId}`.
    public var streamID: String { "programme-\(programmeId)" }
}
