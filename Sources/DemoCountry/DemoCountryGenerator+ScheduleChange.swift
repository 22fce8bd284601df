import Benefits
import EventStore

extension DemoCountryGenerator {
    static let entitlementRun = DemoCountryGenerator.metadata("system:entitlement-run", role: "system", reason: "schedule-change")

    /// The minister publishes version 2 of the benefit schedule: the plan's size tables by head's sex,
    /// in force from the first day of its effective month, under the same law.
    func publishScheduleChange(_ change: ScheduleChangePlan) async throws {
        try await emit(
            PublishBenefitSchedule(
                programmeId: Self.programmeId, scheduleVersion: 2, effectiveFrom: change.effectiveFrom, legalBasis: Self.law, currency: .iqd,
                sizeTableByHeadSex: .init(female: change.femaleHeaded, male: change.maleHeaded)),
            Self.minister)
        summary.scheduleChangeEffectiveFrom = change.effectiveFrom
    }

    /// Recalculates the caseload's entitlements from the first of the month, before its cycle opens,
    /// so that the cycle pays the schedule now in force. Each household is decided on its own, as a
    /// caseload run decides: those the decision refuses (exited, excluded) are skipped, and nothing
    /// is recorded for those whose entitlement is unchanged.
    func recalculateEntitlements(_ cycle: PaymentCycle) async throws {
        for member in caseload {
            let command = RecalculateEntitlement(
                programmeId: Self.programmeId, householdId: member.id, effectiveOn: cycle.firstDay, cause: .scheduleChanged)
            switch try ledger.handleCandidate(command, metadata: Self.entitlementRun, key: nextKey()) {
            case .success(let request?):
                try await push(request)
                summary.entitlementsRecalculated += 1
            case .success(nil):
                break
            case .failure:
                summary.recalculationsSkipped += 1
            }
        }
    }
}
