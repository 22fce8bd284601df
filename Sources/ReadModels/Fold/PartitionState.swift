import Benefits
import EventStore

/// A partition's state for the benefits read models: a household's registry record, its life in each
/// programme and its payments; or a programme's own facts.
public struct PartitionState: Sendable {
    /// The household's registry record (empty for a programme partition).
    var household = Household()
    /// The household's standing in each programme it has events in.
    var beneficiaries: [ProgrammeID: Beneficiary] = [:]
    /// Enrolments, exclusions, reversals, rejected appeals and exits in each programme, as recorded:
    /// the flows the planning cohort counts by month. The last exit's reason is the status reason.
    var flowFacts: [ProgrammeID: BeneficiaryFlowFacts] = [:]
    /// The household's payments, by programme and cycle.
    var payments: [ProgrammeID: [PaymentCycle: PaymentRecord]] = [:]
    /// The programme's facts, for a programme partition.
    var programme: ProgrammeFacts?
    /// The log position of the partition's latest event.
    var lastPosition: Int64 = 0

    /// The programmes the household is known in: those with beneficiary or payment events, and those
    /// whose formula assessed it. Sorted, so that rows come out in one order.
    var programmeIds: [ProgrammeID] {
        var ids = Set(beneficiaries.keys)
        ids.formUnion(payments.keys)
        ids.formUnion(household.assessments.map(\.programmeId))
        return ids.sorted()
    }
}
