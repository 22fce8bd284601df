import Benefits
import EventStore
import ProjectionRunner

/// `planning_cohort`: what a cost projection reads of the ledger — each programme household where it
/// stands now, with its members, and the flows of every month (`Projections/planning_cohort.sql`
/// documents every column and the members' encoding).
///
/// The planner's loader reads the build's tables with COPY, or computes the same rows from the events
/// as known at any ledger position by folding them with ``BenefitsFolder`` and calling
/// ``project(key:state:into:)``: both paths give the same text, read by one parser.
public struct PlanningCohortProjection: Projection {
    public let definition: ProjectionDefinition

    /// The `cohort` table's columns, in order.
    public static let cohortColumns = [
        "programme_id", "household_id", "governorate", "district", "standing", "temporary_ends_on", "score", "head_person_id", "members",
        "top_ups", "currency",
    ]
    /// The `flows` table's key columns, in order.
    public static let flowKeys = ["programme_id", "governorate", "month"]
    /// The `flows` table's sums, in order.
    public static let flowSums = [
        "payable_households", "exits", "exclusions", "entries", "scheduled_minor", "failed_minor", "appeals_decided", "appeals_upheld",
    ]

    /// The projection, over its SQL file's text.
    /// - Parameter sql: the text of `Projections/planning_cohort.sql`.
    /// - Throws: ``ProjectionError`` when the file does not fit the code.
    public init(sql: String) throws {
        definition = try ProjectionDefinition(
            name: "planning_cohort", sql: sql, codeVersion: 1,
            tables: [
                .keyed("cohort", partitionColumn: "household_id", columns: Self.cohortColumns),
                .additive("flows", keys: Self.flowKeys, sums: Self.flowSums),
            ])
    }

    /// Writes a household's cohort rows (a registered household, for each programme it has a beneficiary
    /// record or an assessment in) and its flows; a programme partition writes nothing.
    public func project(key: String, state: PartitionState, into output: inout ProjectionOutput) {
        guard state.programme == nil else { return }
        let household = state.household
        let registered = household.registration != nil
        let latest = ReportingCalendar.latest
        let area = household.area(on: latest)
        let composition = household.composition(on: latest)
        let members = Self.members(composition, household)
        let assessed = Set(household.assessments.map(\.programmeId))
        for programme in state.programmeIds {
            let b = state.beneficiaries[programme]
            if registered, b != nil || assessed.contains(programme) {
                let (standing, endsOn) = Self.standing(b)
                output.insert(
                    "cohort",
                    [
                        programme.rawValue, key, area?.governorate.rawValue ?? "", area?.district.rawValue ?? "", standing, endsOn?.description,
                        Self.latestAssessment(household, programme)?.score.description, composition.headPersonId?.rawValue, members,
                        b.flatMap(Self.topUps), Self.currency(b, state.payments[programme]),
                    ])
            }
            flows(programme, state, into: &output)
        }
    }

    /// The standing code and, for a temporary enrolment, its last day.
    static func standing(_ b: Beneficiary?) -> (String, BusinessDate?) {
        guard let b, let (status, _) = b.recordedStanding(on: ReportingCalendar.latest) else { return ("candidate", nil) }
        switch status {
        case .enrolled: return ("enrolled", nil)
        case .temporarilyEnrolled(_, let endsOn): return ("temporarilyEnrolled", endsOn)
        case .suspended: return ("suspended", nil)
        case .excluded: return (b.openAppeal != nil ? "excludedAppealPending" : "excluded", nil)
        case .notEnrolled, .exited: return ("candidate", nil)
        }
    }

    /// The latest assessment under the programme: the latest assessment date, the last recorded of a day.
    static func latestAssessment(_ household: Household, _ programme: ProgrammeID) -> HouseholdAssessed? {
        var best: HouseholdAssessed?
        for a in household.assessments where a.programmeId == programme && a.assessedOn <= ReportingCalendar.latest {
            if best == nil || a.assessedOn >= best!.assessedOn { best = a }
        }
        return best
    }

    /// The members column: `personId,sex,birthDate,relationship,marital,work,disability,orphanhood` records joined by `;`.
    static func members(_ composition: HouseholdComposition, _ household: Household) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(composition.members.count * 40)
        for (i, m) in composition.members.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ";")) }
            bytes.append(contentsOf: m.personId.rawValue.utf8)
            bytes.append(UInt8(ascii: ","))
            bytes.append(PlanningCohortCodes.code(m.sex))
            bytes.append(UInt8(ascii: ","))
            bytes.append(contentsOf: (household.birthDate(of: m.personId, on: composition.date)?.description ?? "").utf8)
            for code in [
                PlanningCohortCodes.code(m.relationship), PlanningCohortCodes.code(m.maritalStatus), PlanningCohortCodes.code(m.workStatus),
                PlanningCohortCodes.code(m.disability), PlanningCohortCodes.code(m.orphanhood),
            ] {
                bytes.append(UInt8(ascii: ","))
                bytes.append(code)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The top-ups column: `YYYY-MM:amount` per cycle, summed over top-ups, in cycle order; `nil` when none.
    static func topUps(_ b: Beneficiary) -> String? {
        guard !b.topUps.isEmpty else { return nil }
        var byCycle: [PaymentCycle: Int64] = [:]
        for grant in b.topUps.values {
            for cycle in grant.cycles { byCycle[cycle, default: 0] &+= grant.amountPerCycleMinor }
        }
        return byCycle.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ";")
    }

    /// The currency of the entitlement, else of a top-up, else of a payment.
    static func currency(_ b: Beneficiary?, _ payments: [PaymentCycle: PaymentRecord]?) -> String? {
        if let c = b?.entitlement(on: ReportingCalendar.latest)?.currency { return c.code }
        if let c = b?.topUps.values.sorted(by: { $0.topUpId < $1.topUpId }).first?.currency { return c.code }
        return payments?.min { $0.key < $1.key }?.value.scheduled.currency.code
    }

    /// Adds the household's flows in `programme`, each in the governorate it lived in on the month's first day.
    func flows(_ programme: ProgrammeID, _ state: PartitionState, into output: inout ProjectionOutput) {
        var byMonth: [BusinessDate: [Int64]] = [:]
        func add(_ date: BusinessDate, _ index: Int, _ amount: Int64 = 1) {
            let month = BusinessDate(year: date.year, month: date.month, day: 1)!
            byMonth[month, default: [Int64](repeating: 0, count: Self.flowSums.count)][index] &+= amount
        }
        for (cycle, payment) in state.payments[programme] ?? [:] {
            add(cycle.firstDay, 0)
            add(cycle.firstDay, 4, payment.scheduled.amountMinor)
            if payment.lastAttemptFailed { add(cycle.firstDay, 5, payment.scheduled.amountMinor) }
        }
        if let facts = state.flowFacts[programme] {
            for exit in facts.exits { add(exit.effectiveOn, 1) }
            for exclusion in facts.exclusions where exclusion.proposalId == nil && exclusion.crossMatchRunId == nil {
                add(exclusion.effectiveOn, 2)
            }
            if let first = facts.enrolments.first { add(first.effectiveOn, 3) }
            for temporary in facts.temporaryEnrolments { add(temporary.effectiveOn, 3) }
            for rejection in facts.appealRejections { add(rejection.decidedOn, 6) }
            for reversal in facts.reversals where reversal.appealId != nil {
                add(reversal.decidedOn, 6)
                add(reversal.decidedOn, 7)
            }
        }
        for (month, amounts) in byMonth {
            let area = state.household.area(on: month) ?? state.household.area(on: ReportingCalendar.latest)
            output.add("flows", key: [programme.rawValue, area?.governorate.rawValue ?? "", month.description], amounts)
        }
    }
}
