import Benefits
import EventStore

extension Scenario {
    /// Checks the scenario against the programme it is to be projected for: what the file alone cannot tell.
    ///
    /// - Parameters:
    ///   - known: the registry's governorates (the programme's country).
    ///   - programmeCurrency: the programme's currency.
    /// - Throws: ``PlanningError`` with code `currency_mismatch` (field `currency`, rule `currency`) when the
    ///   scenario's currency is not the programme's, or `unknown_governorate` (rule `enum`, field such as
    ///   `changes[1].governorates[0]` or `changes[3].areas[2]`) for the first governorate of an `expansion`
    ///   or governorate or district of an `emergencyTopUp` whose governorate is not one of `known`.
    public func validate(governorates known: Set<GovernorateCode>, programmeCurrency: Currency) throws(PlanningError) {
        guard currency == programmeCurrency else {
            throw PlanningError(
                code: "currency_mismatch", field: "currency", rule: "currency",
                message:
                    "The field currency is \(currency.code), but the programme pays in \(programmeCurrency.code): every amount of a scenario is in the programme's currency."
            )
        }
        let list = known.sorted().map(\.rawValue).joined(separator: ", ")
        func unknown(_ field: String, _ code: String, _ governorate: GovernorateCode) -> PlanningError {
            let which = code == governorate.rawValue ? "\(code)" : "\(code) (in governorate \(governorate.rawValue))"
            return PlanningError(
                code: "unknown_governorate", field: field, rule: "enum",
                message: "The field \(field) names \(which), which is not one of the registry's governorates: \(list.isEmpty ? "(none)" : list).")
        }
        for (c, change) in changes.enumerated() {
            let path = ScenarioJSONReader.element("changes", c)
            switch change {
            case .expansion(_, let governorates, _):
                for (i, g) in governorates.enumerated() where !known.contains(g) {
                    throw unknown(ScenarioJSONReader.element(path + ".governorates", i), g.rawValue, g)
                }
            case .emergencyTopUp(let areas, _, _, _):
                for (i, area) in areas.enumerated() {
                    let g = ScenarioJSONReader.governorate(of: area)
                    if !known.contains(g) { throw unknown(ScenarioJSONReader.element(path + ".areas", i), area.rawValue, g) }
                }
            default: continue
            }
        }
    }
}
