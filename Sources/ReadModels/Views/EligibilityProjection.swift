import Benefits
import DaftarJSON
import EventStore
import ProjectionRunner

/// `reporting.eligibility`: one row per programme and household, where it stands now
/// (`Projections/eligibility.sql` documents every column).
public struct EligibilityProjection: Projection {
    public let definition: ProjectionDefinition

    /// The projection, over its SQL file's text.
    /// - Throws: ``ProjectionError`` when the file does not fit the code.
    public init(sql: String) throws {
        definition = try ProjectionDefinition(
            name: "eligibility", sql: sql, codeVersion: 1,
            tables: [
                .keyed(
                    "eligibility", partitionColumn: "household_id",
                    columns: [
                        "programme_id", "household_id", "status", "status_since", "status_reason", "rule_version", "monthly_entitlement_minor",
                        "currency", "entitlement_components", "enrolment_kind", "governorate", "district", "household_size", "pmt_score",
                        "last_paid_cycle", "open_appeal", "overpayment_outstanding_minor", "last_event_position",
                    ])
            ])
    }

    public func project(key: String, state: PartitionState, into output: inout ProjectionOutput) {
        let household = state.household
        guard state.programme == nil, let registration = household.registration else { return }
        let area = household.area(on: ReportingCalendar.latest)
        let programmes = state.programmeIds
        func row(_ programme: ProgrammeID?, _ standing: Standing) {
            let size = household.composition(on: standing.since ?? ReportingCalendar.latest).size
            output.insert(
                "eligibility",
                [
                    programme?.rawValue, key, standing.status, standing.since?.description, standing.reason, standing.ruleVersion.map(String.init),
                    standing.entitlement.map { String($0.monthlyAmountMinor) }, standing.entitlement?.currency.code,
                    standing.entitlement.map { JSONValue.array($0.components.map(\.json)).canonicalText }, standing.enrolmentKind,
                    area?.governorate.rawValue, area?.district.rawValue, String(size), standing.score,
                    standing.lastPaidCycle, standing.openAppeal ? "t" : "f", String(standing.overpaymentOutstanding), String(state.lastPosition),
                ])
        }
        if programmes.isEmpty {
            row(nil, Standing(status: "registered", since: registration.registeredOn))
            return
        }
        for programme in programmes {
            row(programme, standing(in: programme, state))
        }
    }

    /// The columns that depend on the programme.
    struct Standing {
        var status: String
        var since: BusinessDate?
        var reason: String?
        var ruleVersion: Int?
        var entitlement: Entitlement?
        var enrolmentKind: String?
        var score: String?
        var lastPaidCycle: String?
        var openAppeal = false
        var overpaymentOutstanding: Int64 = 0
    }

    func standing(in programme: ProgrammeID, _ state: PartitionState) -> Standing {
        let b = state.beneficiaries[programme] ?? Beneficiary()
        let determination = b.latestDetermination
        var result = Standing(status: "registered", since: state.household.registration?.registeredOn)
        result.ruleVersion = determination?.ruleVersion
        result.score = determination.map { $0.score.description }
        result.openAppeal = b.openAppeal != nil
        result.overpaymentOutstanding = b.overpayments.values.reduce(0) { $0 &+ $1.outstandingMinor }
        result.lastPaidCycle = state.payments[programme]?.filter { $0.value.isPaid }.keys.max()?.description
        if let (status, since) = b.standing(on: ReportingCalendar.latest), status != .notEnrolled {
            result.since = since
            switch status {
            case .enrolled, .temporarilyEnrolled, .suspended:
                result.status = status == .suspended ? "suspended" : "enrolled"
                result.entitlement = b.entitlement(on: ReportingCalendar.latest)
                if case .temporarilyEnrolled(let topUp, _) = b.enrolment ?? status {
                    result.enrolmentKind = "temporary"
                    if status != .suspended { result.reason = "temporary:\(topUp)" }
                } else {
                    result.enrolmentKind = "regular"
                }
                if status == .suspended { result.reason = b.suspension?.reason.rawValue }
            case .excluded:
                result.status = "excluded"
                result.reason = b.exclusion?.reason.rawValue
            case .exited:
                result.status = "exited"
                if case .temporarilyEnrolled = b.status {
                    result.reason = BeneficiaryExited.Reason.temporaryEnrolmentEnded.rawValue
                } else {
                    result.reason = state.flowFacts[programme]?.exits.last?.reason.rawValue
                }
            case .notEnrolled:
                break
            }
            return result
        }
        if let determination {
            result.status = determination.outcome.rawValue
            result.since = determination.effectiveOn
            result.reason =
                determination.outcome == .eligible
                ? determination.categoriesMet.map(\.rawValue).joined(separator: ",")
                : (determination.ineligibilityReasons ?? []).map(\.rawValue).joined(separator: ",")
            if result.reason == "" { result.reason = nil }
        } else if let assessed = state.household.assessments.last(where: { $0.programmeId == programme }) {
            result.status = "assessed"
            result.since = assessed.assessedOn
        }
        return result
    }
}
