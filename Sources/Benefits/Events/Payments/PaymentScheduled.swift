import DaftarJSON

/// One payment was scheduled for an enrolled household in a cycle, by component: the entitlement components, and where
/// declared an emergency top-up, a one-off grant, arrears or an overpayment deduction. Opens the payment stream of the
/// household and cycle (at most one).
///
/// Schema: `EventSchemas/payment-scheduled.v1.json` (`PaymentScheduled` v1).
public struct PaymentScheduled: DomainEvent {
    public static let eventType = "PaymentScheduled"
    public static let schemaVersion = 1

    /// The payment.
    public var paymentId: PaymentID
    /// The programme.
    public var programmeId: ProgrammeID
    /// The payment cycle (a calendar month).
    public var cycle: PaymentCycle
    /// The household (pseudonymous id).
    public var householdId: HouseholdID
    /// The member who collects the payments.
    public var payeePersonId: PersonID
    /// The benefit schedule version.
    public var scheduleVersion: Int
    /// The currency of every amount in the event.
    public var currency: Currency
    /// Total to pay: the sum of the components, positive.
    public var amountMinor: Int64
    /// Components of the payment.
    public var components: [PaymentComponent]
    /// Emergency top-ups included in the payment.
    public var topUpIds: [TopUpID]?

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        paymentId: PaymentID, programmeId: ProgrammeID, cycle: PaymentCycle, householdId: HouseholdID, payeePersonId: PersonID, scheduleVersion: Int,
        currency: Currency, amountMinor: Int64, components: [PaymentComponent], topUpIds: [TopUpID]? = nil
    ) {
        self.paymentId = paymentId
        self.programmeId = programmeId
        self.cycle = cycle
        self.householdId = householdId
        self.payeePersonId = payeePersonId
        self.scheduleVersion = scheduleVersion
        self.currency = currency
        self.amountMinor = amountMinor
        self.components = components
        self.topUpIds = topUpIds
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        paymentId = try object.required("paymentId")
        programmeId = try object.required("programmeId")
        cycle = try object.required("cycle")
        householdId = try object.required("householdId")
        payeePersonId = try object.required("payeePersonId")
        scheduleVersion = try object.required("scheduleVersion")
        currency = try object.required("currency")
        amountMinor = try object.required("amountMinor")
        components = try object.required("components")
        topUpIds = try object.optional("topUpIds")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("paymentId", paymentId)
        object.set("programmeId", programmeId)
        object.set("cycle", cycle)
        object.set("householdId", householdId)
        object.set("payeePersonId", payeePersonId)
        object.set("scheduleVersion", scheduleVersion)
        object.set("currency", currency)
        object.set("amountMinor", amountMinor)
        object.set("components", components)
        object.set("topUpIds", topUpIds)
        return object.json
    }

    /// The stream the event is appended to: `payment-{programmeId}-{cycle}-{householdId}`.
    public var streamID: String { "payment-\(programmeId)-\(cycle)-\(householdId)" }
}
