import EventStore

extension Household {
    /// Decides ``AssessHousehold``: the formula version in force on the assessment date scores the indicators.
    /// - Parameters:
    ///   - command: the command.
    ///   - programme: the programme whose formula applies.
    /// - Returns: `HouseholdAssessed` (v2) with the formula version, the score and its scale.
    /// - Throws: ``DomainRejection`` `unknown_household`, `effective_date_before_registration`, `unknown_programme`,
    ///   `no_formula_in_force`, `indicator_out_of_range`, `indicator_missing`, `score_out_of_range`.
    public func decide(_ command: AssessHousehold, programme: Programme) throws(DomainRejection) -> [any DomainEvent] {
        try requireRegistered(command.householdId, on: command.assessedOn, field: "assessedOn")
        guard programme.isDefined else { throw .unknownProgramme(command.programmeId) }
        guard let formula = programme.formula(inForceOn: command.assessedOn) else {
            throw DomainRejection(
                .noFormulaInForce, rule: "a targeting formula of \(command.programmeId) is in force on the assessment date", field: "assessedOn",
                value: command.assessedOn.description)
        }
        let score = try formula.score(command.indicators)
        return [
            HouseholdAssessed(
                householdId: command.householdId, programmeId: command.programmeId, formulaVersion: formula.version,
                assessedOn: command.assessedOn, indicators: command.indicators, score: score, scoreScale: formula.published.scoreScale,
                assessedBy: command.assessedBy, method: command.method)
        ]
    }
}
