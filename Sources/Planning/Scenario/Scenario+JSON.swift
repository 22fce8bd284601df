import Benefits
import DaftarJSON
import EventStore
import Foundation

/// Scenario files: the JSON form of a ``Scenario``, as `Ops/plan/scenario.schema.json` describes it.
///
/// ```json
/// {"name": "child grant 2026", "currency": "IQD", "administrativeShare": "0.05", "trailingWindowMonths": 12,
///  "rates": {"exit": "0.0025", "failure": "0.005"},
///  "changes": [{"kind": "benefitSchedule", "from": "2026-01",
///               "memberComponents": {"perChildAmountMinor": 25000, "childUnderAge": 18}}],
///  "gdpMinor": {"2026": 350000000000000}, "revenueMinor": {"2026": 140000000000000}}
/// ```
///
/// Reading is strict, member by member:
/// - Decimals (rates, shares, the PMT threshold) are JSON *strings* holding a plain decimal (`"0.05"`),
///   never JSON numbers, so that no value passes through floating point.
/// - Amounts are JSON integers in the currency's ledger unit, from 0 to 10^15 (top-up amounts from 1);
///   GDP and revenue from 1 to 10^18. Keys of `gdpMinor`, `revenueMinor` and `annualMinor` are fiscal
///   years (`"2026"`, the calendar year the fiscal year starts in).
/// - Months are `YYYY-MM`, years 1900–2199. Shares (take-up, rates, `administrativeShare`,
///   `annualRate`) are from 0 to 1 with at most 18 fractional digits.
/// - An unknown member anywhere is an error; so is a `null`.
///
/// Every error is a ``PlanningError`` with code `invalid_scenario`, the ``PlanningError/field`` as a path
/// (`changes[2].amountMinor`, `rates.exit`, `gdpMinor.2026`, `""` for the document itself) and one of
/// these ``PlanningError/rule``s: `syntax` (not JSON, or not a plain decimal), `type`, `required`,
/// `unknownField`, `enum`, `pattern` (a month, code or name of the wrong shape), `range`, `precision`
/// (too many fractional digits), `length` (of a string, an array or an object), `unique` and `oneOf`
/// (a budget ceiling giving more than one form). The first fault found is reported: unknown members
/// before missing ones, then the members in the order of the schema.
extension Scenario {
    /// The members a scenario document may have.
    static let topLevelFields = [
        "name", "description", "currency", "administrativeShare", "trailingWindowMonths", "rates", "changes", "gdpMinor", "revenueMinor",
    ]

    /// Reads a scenario file.
    /// - Parameter jsonText: the file's text, JSON (RFC 8259) without duplicate keys.
    /// - Throws: ``PlanningError`` `invalid_scenario` with rule `syntax` when the text is not JSON, or as ``init(json:)``.
    public init(jsonText: String) throws(PlanningError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(jsonText)
        } catch {
            throw ScenarioJSONReader.invalid(
                "", "syntax", "The scenario document is not valid JSON: at byte \(error.offset), \(error.message).")
        }
        try self.init(json: value)
    }

    /// Reads a parsed scenario document strictly.
    /// - Parameter json: the document.
    /// - Throws: ``PlanningError`` `invalid_scenario` naming the first field at fault and the rule it breaks.
    public init(json: JSONValue) throws(PlanningError) {
        typealias R = ScenarioJSONReader
        let m = try R.object(json, at: "", allowed: Self.topLevelFields)
        let name = try R.text(R.required(m, "name", in: ""), at: "name", maximumLength: R.maximumNameLength, allowsLineBreaks: false)
        var description: String?
        if let v = m["description"] {
            description = try R.text(v, at: "description", maximumLength: R.maximumDescriptionLength, allowsLineBreaks: true)
        }
        let code = try R.code(R.required(m, "currency", in: ""), at: "currency", oneOf: Currency.all.map(\.code))
        let currency = Currency.all.first { $0.code == code } ?? .iqd
        var administrativeShare = Rate.zero
        if let v = m["administrativeShare"] { administrativeShare = try R.share(v, at: "administrativeShare") }
        var trailingWindowMonths = 12
        if let v = m["trailingWindowMonths"] { trailingWindowMonths = Int(try R.integer(v, at: "trailingWindowMonths", in: 1...60, unit: " months")) }
        var rates = RateOverrides()
        if let v = m["rates"] {
            let r = try R.object(v, at: "rates", allowed: ["exit", "entry", "failure"])
            if let e = r["exit"] { rates.exit = try R.share(e, at: "rates.exit") }
            if let e = r["entry"] { rates.entry = try R.share(e, at: "rates.entry") }
            if let e = r["failure"] { rates.failure = try R.share(e, at: "rates.failure") }
        }
        var changes: [ScenarioChange] = []
        if let v = m["changes"] {
            let elements = try R.array(v, at: "changes", count: 0...R.maximumChanges)
            for (i, e) in elements.enumerated() { changes.append(try ScenarioChange(json: e, at: R.element("changes", i))) }
        }
        var gdp: [Int: Int64] = [:]
        if let v = m["gdpMinor"] { gdp = try R.amountsByYear(v, at: "gdpMinor", minimum: 1, maximum: R.maximumMacroMinor, atLeastOne: false) }
        var revenue: [Int: Int64] = [:]
        if let v = m["revenueMinor"] {
            revenue = try R.amountsByYear(v, at: "revenueMinor", minimum: 1, maximum: R.maximumMacroMinor, atLeastOne: false)
        }
        self.init(
            name: name, description: description, currency: currency, administrativeShare: administrativeShare,
            trailingWindowMonths: trailingWindowMonths, rates: rates, changes: changes, gdpMinor: gdp, revenueMinor: revenue)
    }

    /// The scenario as a document that ``init(json:)`` reads back to an equal scenario.
    ///
    /// Normalised, so that equal scenarios give equal documents: every member is written, defaults
    /// included (`administrativeShare`, `trailingWindowMonths`, `rates` — with only the overrides
    /// given —, `changes`, `gdpMinor`, `revenueMinor`), except a `description` that is `nil`; decimals
    /// are written without trailing zeros (`"0.50"` comes back as `"0.5"`).
    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "name": .string(name),
            "currency": .string(currency.code),
            "administrativeShare": .string(administrativeShare.description),
            "trailingWindowMonths": .number(JSONNumber(Int64(trailingWindowMonths))),
            "changes": .array(changes.map(\.json)),
            "gdpMinor": Self.amountsByYearJSON(gdpMinor),
            "revenueMinor": Self.amountsByYearJSON(revenueMinor),
        ]
        if let description { o["description"] = .string(description) }
        var r: [String: JSONValue] = [:]
        if let exit = rates.exit { r["exit"] = .string(exit.description) }
        if let entry = rates.entry { r["entry"] = .string(entry.description) }
        if let failure = rates.failure { r["failure"] = .string(failure.description) }
        o["rates"] = .object(r)
        return .object(o)
    }

    /// The canonical text of ``json`` (DaftarJSON's `canonicalText`: members sorted, no whitespace):
    /// the bytes a published projection embeds and hashes. Equal scenarios give equal texts.
    public var canonicalText: String { json.canonicalText }

    /// An object from years (as four-digit keys) to amounts.
    static func amountsByYearJSON(_ byYear: [Int: Int64]) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: byYear.map { (String($0.key), JSONValue.number(JSONNumber($0.value))) }))
    }
}
