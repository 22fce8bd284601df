import EventStore

extension Beneficiary {
    /// Decides ``Suspend``.
    /// - Parameter command: the command.
    /// - Returns: `BeneficiarySuspended`.
    /// - Throws: ``DomainRejection`` `not_enrolled`, `household_suspended`, `household_excluded`, `effective_date_too_early`.
    public func decide(_ command: Suspend) throws(DomainRejection) -> [any DomainEvent] {
        try requireEnrolled(command.householdId, allowSuspended: false, rule: "an enrolled household is suspended")
        try requireOnOrAfterEnrolment(command.effectiveOn, field: "effectiveOn")
        return [
            BeneficiarySuspended(
                programmeId: command.programmeId, householdId: command.householdId, reason: command.reason, effectiveOn: command.effectiveOn,
                decidedBy: command.decidedBy, evidenceRef: command.evidenceRef, reviewDueOn: command.reviewDueOn)
        ]
    }

    /// Decides ``LiftSuspension``: payments resume from the effective date.
    /// - Parameter command: the command.
    /// - Returns: `SuspensionLifted`.
    /// - Throws: ``DomainRejection`` `not_suspended`, `household_excluded`, `effective_date_too_early`.
    public func decide(_ command: LiftSuspension) throws(DomainRejection) -> [any DomainEvent] {
        guard status == .suspended, let suspension else {
            if status == .excluded { throw Beneficiary.refusal(status, command.householdId, rule: "an excluded household is reinstated, not lifted") }
            throw DomainRejection(
                .notSuspended, rule: "only a suspension is lifted", field: "householdId", value: "\(command.householdId) (\(status))")
        }
        guard command.effectiveOn >= suspension.effectiveOn else {
            throw .tooEarly(command.effectiveOn, field: "effectiveOn", notBefore: suspension.effectiveOn, what: "the suspension")
        }
        return [
            SuspensionLifted(
                programmeId: command.programmeId, householdId: command.householdId, reason: command.reason, effectiveOn: command.effectiveOn,
                decidedBy: command.decidedBy, arrearsDue: command.arrearsDue)
        ]
    }

    /// Decides ``Exit``.
    /// - Parameter command: the command.
    /// - Returns: `BeneficiaryExited`.
    /// - Throws: ``DomainRejection`` `not_enrolled`, `household_excluded`, `effective_date_too_early`.
    public func decide(_ command: Exit) throws(DomainRejection) -> [any DomainEvent] {
        try requireEnrolled(command.householdId, allowSuspended: true, rule: "an enrolled household exits")
        try requireOnOrAfterEnrolment(command.effectiveOn, field: "effectiveOn")
        return [
            BeneficiaryExited(
                programmeId: command.programmeId, householdId: command.householdId, reason: command.reason, effectiveOn: command.effectiveOn,
                decidedBy: command.decidedBy)
        ]
    }
}
