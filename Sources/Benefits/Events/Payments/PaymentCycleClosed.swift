import DaftarJSON
import EventStore

/// A payment cycle was reconciled and closed: counts and amounts scheduled, issued, confirmed, failed, reversed and still
/// in flight (issued = confirmed + failed + reversed + inFlight, for counts and amounts).
///
/// Schema: `EventSchemas/payment-cycle-closed.v1.json` (`PaymentCycleClosed` v1).
public struct PaymentCycleClosed: DomainEvent {
    public static let eventType = "PaymentCycleClosed"
    public static let schemaVersion = 1

    /// Numbers of payments.
    public struct Counts: Sendable, Hashable, JSONConvertible {
        /// Payments scheduled.
        public var scheduled: Int
        /// Payments issued.
        public var issued: Int
        /// Payments confirmed.
        public var confirmed: Int
        /// Payments failed.
        public var failed: Int
        /// Payments reversed.
        public var reversed: Int
        /// Payments issued and not yet confirmed, failed or reversed.
        public var inFlight: Int

        /// Creates the object; each parameter sets the property of the same name.
        public init(scheduled: Int, issued: Int, confirmed: Int, failed: Int, reversed: Int, inFlight: Int) {
            self.scheduled = scheduled
            self.issued = issued
            self.confirmed = confirmed
            self.failed = failed
            self.reversed = reversed
            self.inFlight = inFlight
        }

        /// Reads the payload object; see ``JSONConvertible``.
        public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
            var object = try JSONObjectReader(json, at: pointer)
            scheduled = try object.required("scheduled")
            issued = try object.required("issued")
            confirmed = try object.required("confirmed")
            failed = try object.required("failed")
            reversed = try object.required("reversed")
            inFlight = try object.required("inFlight")
            try object.finish()
        }

        /// The payload object; optional properties that are `nil` are left out.
        public var json: JSONValue {
            var object = JSONObjectWriter()
            object.set("scheduled", scheduled)
            object.set("issued", issued)
            object.set("confirmed", confirmed)
            object.set("failed", failed)
            object.set("reversed", reversed)
            object.set("inFlight", inFlight)
            return object.json
        }
    }

    /// Amounts of payments.
    public struct Totals: Sendable, Hashable, JSONConvertible {
        /// Total scheduled, in ledger units.
        public var scheduledAmountMinor: Int64
        /// Total issued, in ledger units.
        public var issuedAmountMinor: Int64
        /// Total confirmed, in ledger units.
        public var confirmedAmountMinor: Int64
        /// Total failed, in ledger units.
        public var failedAmountMinor: Int64
        /// Total reversed, in ledger units.
        public var reversedAmountMinor: Int64
        /// Total in flight, in ledger units.
        public var inFlightAmountMinor: Int64

        /// Creates the object; each parameter sets the property of the same name.
        public init(
            scheduledAmountMinor: Int64, issuedAmountMinor: Int64, confirmedAmountMinor: Int64, failedAmountMinor: Int64, reversedAmountMinor: Int64,
            inFlightAmountMinor: Int64
        ) {
            self.scheduledAmountMinor = scheduledAmountMinor
            self.issuedAmountMinor = issuedAmountMinor
            self.confirmedAmountMinor = confirmedAmountMinor
            self.failedAmountMinor = failedAmountMinor
            self.reversedAmountMinor = reversedAmountMinor
            self.inFlightAmountMinor = inFlightAmountMinor
        }

        /// Reads the payload object; see ``JSONConvertible``.
        public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
            var object = try JSONObjectReader(json, at: pointer)
            scheduledAmountMinor = try object.required("scheduledAmountMinor")
            issuedAmountMinor = try object.required("issuedAmountMinor")
            confirmedAmountMinor = try object.required("confirmedAmountMinor")
            failedAmountMinor = try object.required("failedAmountMinor")
            reversedAmountMinor = try object.required("reversedAmountMinor")
            inFlightAmountMinor = try object.required("inFlightAmountMinor")
            try object.finish()
        }

        /// The payload object; optional properties that are `nil` are left out.
        public var json: JSONValue {
            var object = JSONObjectWriter()
            object.set("scheduledAmountMinor", scheduledAmountMinor)
            object.set("issuedAmountMinor", issuedAmountMinor)
            object.set("confirmedAmountMinor", confirmedAmountMinor)
            object.set("failedAmountMinor", failedAmountMinor)
            object.set("reversedAmountMinor", reversedAmountMinor)
            object.set("inFlightAmountMinor", inFlightAmountMinor)
            return object.json
        }
    }

    /// The programme.
    public var programmeId: ProgrammeID
    /// The payment cycle (a calendar month).
    public var cycle: PaymentCycle
    /// The date the cycle was reconciled and closed.
    public var closedOn: BusinessDate
    /// The currency of every amount in the event.
    public var currency: Currency
    /// Numbers of payments.
    public var counts: Counts
    /// Amounts of payments.
    public var totals: Totals

    /// Creates the event; each parameter sets the property of the same name.
    public init(programmeId: ProgrammeID, cycle: PaymentCycle, closedOn: BusinessDate, currency: Currency, counts: Counts, totals: Totals) {
        self.programmeId = programmeId
        self.cycle = cycle
        self.closedOn = closedOn
        self.currency = currency
        self.counts = counts
        self.totals = totals
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        cycle = try object.required("cycle")
        closedOn = try object.required("closedOn")
        currency = try object.required("currency")
        counts = try object.required("counts")
        totals = try object.required("totals")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("programmeId", programmeId)
        object.set("cycle", cycle)
        object.set("closedOn", closedOn)
        object.set("currency", currency)
        object.set("counts", counts)
        object.set("totals", totals)
        return object.json
    }

    /// The stream the event is appended to: `payment-cycle-{programmeId}-{cycle}`.
    public var streamID: String { "payment-cycle-\(programmeId)-\(cycle)" }
}
