import Benefits
import DaftarJSON
import EventStore
import Foundation

/// A change as an element of a scenario file's `changes`: an object whose `kind` names the case
/// (`benefitSchedule`, `pmtThreshold`, `expansion`, `emergencyTopUp`, `budgetCeiling`,
/// `indexation`) and whose other members are the case's values. See `Ops/plan/scenario.schema.json`.
extension ScenarioChange {
    /// The `kind` codes, in the order of the cases.
    public static let kinds = ["benefitSchedule", "pmtThreshold", "expansion", "emergencyTopUp", "budgetCeiling", "indexation"]

    /// The change's `kind` code.
    public var kind: String {
        switch self {
        case .benefitSchedule: return "benefitSchedule"
        case .pmtThreshold: return "pmtThreshold"
        case .expansion: return "expansion"
        case .emergencyTopUp: return "emergencyTopUp"
        case .budgetCeiling: return "budgetCeiling"
        case .indexation: return "indexation"
        }
    }

    /// Reads one element of `changes` strictly.
    /// - Parameters:
    ///   - value: the element.
    ///   - path: its field path, for example `changes[2]`.
    /// - Throws: ``PlanningError`` `invalid_scenario` naming the field and the rule.
    init(json value: JSONValue, at path: String) throws(PlanningError) {
        typealias R = ScenarioJSONReader
        func at(_ key: String) -> String { R.member(path, key) }
        guard case .object(let raw) = value else { throw R.wrongType(path, value, expected: "a JSON object with a kind") }
        guard let kindValue = raw["kind"] else {
            throw R.invalid(
                at("kind"), "required",
                "\(R.subject(at("kind"))) is required but missing: it names the change, one of \(Self.kinds.joined(separator: ", ")).")
        }
        let kind = try R.code(kindValue, at: at("kind"), oneOf: Self.kinds)
        switch kind {
        case "benefitSchedule":
            let m = try R.object(value, at: path, allowed: ["kind", "from", "sizeTable", "baseAmountMinor", "memberComponents", "capAmountMinor"])
            let from = try R.cycle(R.required(m, "from", in: path), at: at("from"))
            var change = ScheduleChange()
            if let v = m["sizeTable"] { change.sizeTable = try Self.sizeTable(v, at: at("sizeTable")) }
            if let v = m["baseAmountMinor"] { change.baseAmountMinor = try R.amount(v, at: at("baseAmountMinor")) }
            if let v = m["memberComponents"] { change.memberComponents = try Self.memberComponents(v, at: at("memberComponents")) }
            if let v = m["capAmountMinor"] { change.capAmountMinor = try R.amount(v, at: at("capAmountMinor")) }
            guard change != ScheduleChange() else {
                throw R.invalid(
                    path, "required",
                    "\(R.subject(path)) changes nothing: a benefitSchedule change gives at least one of sizeTable, baseAmountMinor, memberComponents, capAmountMinor."
                )
            }
            self = .benefitSchedule(from: from, change)
        case "pmtThreshold":
            let m = try R.object(value, at: path, allowed: ["kind", "from", "threshold", "takeUp"])
            let from = try R.cycle(R.required(m, "from", in: path), at: at("from"))
            let threshold = try R.threshold(R.required(m, "threshold", in: path), at: at("threshold"))
            let takeUp = try Self.takeUp(R.required(m, "takeUp", in: path), at: at("takeUp"))
            self = .pmtThreshold(from: from, threshold: threshold, takeUp: takeUp)
        case "expansion":
            let m = try R.object(value, at: path, allowed: ["kind", "from", "governorates", "takeUp"])
            let from = try R.cycle(R.required(m, "from", in: path), at: at("from"))
            let elements = try R.array(R.required(m, "governorates", in: path), at: at("governorates"), count: 1...50)
            var governorates: [GovernorateCode] = []
            for (i, e) in elements.enumerated() { governorates.append(try R.governorate(e, at: R.element(at("governorates"), i))) }
            try R.unique(governorates, at: at("governorates"))
            let takeUp = try Self.takeUp(R.required(m, "takeUp", in: path), at: at("takeUp"))
            self = .expansion(from: from, governorates: governorates, takeUp: takeUp)
        case "emergencyTopUp":
            let m = try R.object(value, at: path, allowed: ["kind", "areas", "basis", "amountMinor", "months"])
            let areaElements = try R.array(R.required(m, "areas", in: path), at: at("areas"), count: 1...100)
            var areas: [AreaCode] = []
            for (i, e) in areaElements.enumerated() { areas.append(try R.area(e, at: R.element(at("areas"), i))) }
            try R.unique(areas, at: at("areas"))
            let basisCode = try R.code(R.required(m, "basis", in: path), at: at("basis"), oneOf: TopUpBasis.allCases.map(\.rawValue))
            let basis = TopUpBasis(rawValue: basisCode) ?? .perHousehold
            let amount = try R.amount(R.required(m, "amountMinor", in: path), at: at("amountMinor"), minimum: 1)
            let monthElements = try R.array(
                R.required(m, "months", in: path), at: at("months"), count: 1...ScenarioJSONReader.maximumCurveMonths)
            var months: [PaymentCycle] = []
            for (i, e) in monthElements.enumerated() { months.append(try R.cycle(e, at: R.element(at("months"), i))) }
            try R.unique(months, at: at("months"))
            self = .emergencyTopUp(areas: areas, basis: basis, amountMinor: amount, months: months)
        case "budgetCeiling":
            let m = try R.object(value, at: path, allowed: ["kind", "from", "monthlyMinor", "annualMinor", "allocation"])
            let from = try R.cycle(R.required(m, "from", in: path), at: at("from"))
            let given = ["monthlyMinor", "annualMinor", "allocation"].filter { m[$0] != nil }
            guard given.count == 1 else {
                throw R.invalid(
                    path, given.isEmpty ? "required" : "oneOf",
                    "\(R.subject(path)) must give exactly one of monthlyMinor, annualMinor and allocation, but it gives \(given.isEmpty ? "none" : given.joined(separator: " and "))."
                )
            }
            let ceiling: BudgetCeiling
            if let v = m["monthlyMinor"] {
                ceiling = .monthly(try R.amount(v, at: at("monthlyMinor")))
            } else if let v = m["annualMinor"] {
                ceiling = .annual(try R.amountsByYear(v, at: at("annualMinor"), minimum: 0, maximum: R.maximumAmountMinor, atLeastOne: true))
            } else {
                let v = m["allocation"] ?? .null
                guard case .bool(true) = v else {
                    if case .bool = v {
                        throw R.invalid(at("allocation"), "enum", "\(R.subject(at("allocation"))) must be true when given (leave it out otherwise).")
                    }
                    throw R.wrongType(at("allocation"), v, expected: "true")
                }
                ceiling = .allocation
            }
            self = .budgetCeiling(from: from, ceiling: ceiling)
        default:  // "indexation"; R.code allows no other kind
            let m = try R.object(value, at: path, allowed: ["kind", "from", "annualRate"])
            let from = try R.cycle(R.required(m, "from", in: path), at: at("from"))
            let rate = try R.share(R.required(m, "annualRate", in: path), at: at("annualRate"))
            self = .indexation(from: from, annualRate: rate)
        }
    }

    /// The change as an element of a scenario file's `changes`; ``init(json:at:)`` reads it back.
    public var json: JSONValue {
        var o: [String: JSONValue] = ["kind": .string(kind)]
        switch self {
        case .benefitSchedule(let from, let change):
            o["from"] = from.json
            if let t = change.sizeTable { o["sizeTable"] = t.json }
            if let a = change.baseAmountMinor { o["baseAmountMinor"] = .number(JSONNumber(a)) }
            if let c = change.memberComponents { o["memberComponents"] = c.json }
            if let a = change.capAmountMinor { o["capAmountMinor"] = .number(JSONNumber(a)) }
        case .pmtThreshold(let from, let threshold, let takeUp):
            o["from"] = from.json
            o["threshold"] = .string(threshold.description)
            o["takeUp"] = .array(takeUp.curve.map { .string($0.description) })
        case .expansion(let from, let governorates, let takeUp):
            o["from"] = from.json
            o["governorates"] = .array(governorates.map { .string($0.rawValue) })
            o["takeUp"] = .array(takeUp.curve.map { .string($0.description) })
        case .emergencyTopUp(let areas, let basis, let amountMinor, let months):
            o["areas"] = .array(areas.map { .string($0.rawValue) })
            o["basis"] = .string(basis.rawValue)
            o["amountMinor"] = .number(JSONNumber(amountMinor))
            o["months"] = .array(months.map(\.json))
        case .budgetCeiling(let from, let ceiling):
            o["from"] = from.json
            switch ceiling {
            case .monthly(let amount): o["monthlyMinor"] = .number(JSONNumber(amount))
            case .annual(let byYear): o["annualMinor"] = Scenario.amountsByYearJSON(byYear)
            case .allocation: o["allocation"] = .bool(true)
            }
        case .indexation(let from, let annualRate):
            o["from"] = from.json
            o["annualRate"] = .string(annualRate.description)
        }
        return .object(o)
    }

    // MARK: - Parts

    private static func takeUp(_ value: JSONValue, at path: String) throws(PlanningError) -> TakeUp {
        let elements = try ScenarioJSONReader.array(value, at: path, count: 1...ScenarioJSONReader.maximumCurveMonths)
        var curve: [Rate] = []
        for (i, e) in elements.enumerated() { curve.append(try ScenarioJSONReader.share(e, at: ScenarioJSONReader.element(path, i))) }
        return TakeUp(curve: curve)
    }

    private static func sizeTable(_ value: JSONValue, at path: String) throws(PlanningError) -> BenefitSchedulePublished.SizeTable {
        typealias R = ScenarioJSONReader
        let m = try R.object(value, at: path, allowed: ["female", "male"])
        func amounts(_ key: String) throws(PlanningError) -> [Int64] {
            let field = R.member(path, key)
            let elements = try R.array(R.required(m, key, in: path), at: field, count: 1...20)
            var result: [Int64] = []
            for (i, e) in elements.enumerated() { result.append(try R.amount(e, at: R.element(field, i))) }
            return result
        }
        return BenefitSchedulePublished.SizeTable(female: try amounts("female"), male: try amounts("male"))
    }

    private static func memberComponents(_ value: JSONValue, at path: String) throws(PlanningError) -> BenefitSchedulePublished.MemberComponents {
        typealias R = ScenarioJSONReader
        let m = try R.object(
            value, at: path,
            allowed: [
                "perMemberAmountMinor", "perChildAmountMinor", "perElderlyAmountMinor", "perDisabledAmountMinor", "childUnderAge",
                "elderlyFromAge", "maxCountedMembers",
            ])
        guard !m.isEmpty else {
            throw R.invalid(path, "required", "\(R.subject(path)) must give at least one component or age.")
        }
        func amount(_ key: String) throws(PlanningError) -> Int64? {
            guard let v = m[key] else { return nil }
            return try R.amount(v, at: R.member(path, key))
        }
        func integer(_ key: String, _ range: ClosedRange<Int64>) throws(PlanningError) -> Int? {
            guard let v = m[key] else { return nil }
            return Int(try R.integer(v, at: R.member(path, key), in: range))
        }
        var c = BenefitSchedulePublished.MemberComponents()
        c.perMemberAmountMinor = try amount("perMemberAmountMinor")
        c.perChildAmountMinor = try amount("perChildAmountMinor")
        c.perElderlyAmountMinor = try amount("perElderlyAmountMinor")
        c.perDisabledAmountMinor = try amount("perDisabledAmountMinor")
        c.childUnderAge = try integer("childUnderAge", 0...120)
        c.elderlyFromAge = try integer("elderlyFromAge", 0...120)
        c.maxCountedMembers = try integer("maxCountedMembers", 1...50)
        for (component, age) in [("perChildAmountMinor", "childUnderAge"), ("perElderlyAmountMinor", "elderlyFromAge")]
        where m[component] != nil && m[age] == nil {
            let field = R.member(path, age)
            throw R.invalid(field, "required", "\(R.subject(field)) is required when \(component) is given: it defines who counts.")
        }
        return c
    }
}
