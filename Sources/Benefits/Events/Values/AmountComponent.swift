import DaftarJSON

/// One component of an amount: what it is for and how much (`common.v1.json#/$defs/entitlementComponent`
/// and `#/$defs/paymentComponent`, which differ only in their codes).
///
/// Negative amounts are allowed only for `capAdjustment` (and, in payments, `overpaymentDeduction`),
/// as the schemas say; `count` and `unitAmountMinor` go together, with `amountMinor = count × unitAmountMinor`.
/// Amounts are in the ledger unit of the event's `currency`.
public struct AmountComponent<Code: JSONStringCode>: Sendable, Hashable, JSONConvertible {
    /// What the amount is for.
    public var component: Code
    /// The amount in ledger units.
    public var amountMinor: Int64
    /// How many members a per-member amount was counted for (per-member components only).
    public var count: Int?
    /// The amount per member counted (per-member components only).
    public var unitAmountMinor: Int64?

    /// Creates a component.
    /// - Parameters:
    ///   - component: what the amount is for.
    ///   - amountMinor: the amount in ledger units.
    ///   - count: how many members were counted, for a per-member component.
    ///   - unitAmountMinor: the amount per member counted, for a per-member component.
    public init(component: Code, amountMinor: Int64, count: Int? = nil, unitAmountMinor: Int64? = nil) {
        self.component = component
        self.amountMinor = amountMinor
        self.count = count
        self.unitAmountMinor = unitAmountMinor
    }

    /// Reads a component object.
    /// - Throws: EventDecodingError naming the member and the rule.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        component = try object.required("component")
        amountMinor = try object.required("amountMinor")
        count = try object.optional("count")
        unitAmountMinor = try object.optional("unitAmountMinor")
        try object.finish()
    }

    /// The component as a JSON object.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("component", component)
        object.set("amountMinor", amountMinor)
        object.set("count", count)
        object.set("unitAmountMinor", unitAmountMinor)
        return object.json
    }
}

/// One component of a monthly entitlement.
public typealias EntitlementComponent = AmountComponent<EntitlementComponentCode>

/// One component of a payment: the entitlement's components plus top-ups, grants, arrears and deductions.
public typealias PaymentComponent = AmountComponent<PaymentComponentCode>
