import Benefits
import Foundation
import DaftarJSON
import EventStore
import ProjectionRunner

/// Folds the benefits partitions: one per household (its registry stream, its beneficiary streams
/// and its payment streams, all keyed by `householdId`), and one per programme (`programme:<id>`: the
/// programme's stream, its payment cycles and its published cost projections). Cross-match runs
/// belong to no partition.
///
/// A stream is quarantined at the first event that cannot be applied: a payload that does not decode
/// to a known event, or a payment event for a payment never scheduled (or in another currency). Its
/// later events are left out too; the household's other streams go on.
public struct BenefitsFolder: PartitionFolder {
    /// A folder.
    public init() {}

    public var partitionKeySQL: String { Self.partitionKey }

    /// Published projections show who published them and why.
    public var envelopeEventTypes: [String] { [CostProjectionPublished.eventType] }

    /// The partition key expression, also indexed by the read models' migration.
    static let partitionKey = "coalesce(e.data->>'householdId', 'programme:' || (e.data->>'programmeId'))"

    public func fold(key: String, events: ArraySlice<ProjectionEvent>) -> PartitionFold<PartitionState> {
        var state = PartitionState()
        var quarantined: [QuarantinedStream] = []
        var stopped = Set<String>()
        for event in events where !stopped.contains(event.stream) {
            state.lastPosition = max(state.lastPosition, event.checkpoint.position)
            do {
                let decoded = try DomainEventDecoder.decode(type: event.type, schemaVersion: event.schemaVersion, data: JSONParser.parse(event.dataText))
                if let problem = apply(decoded, from: event, to: &state) {
                    stopped.insert(event.stream)
                    quarantined.append(QuarantinedStream(event, code: problem.code, message: problem.message))
                }
            } catch {
                stopped.insert(event.stream)
                quarantined.append(QuarantinedStream(event, code: "undecodable", message: "the event does not decode: \(error)"))
            }
        }
        return PartitionFold(state: state, quarantined: quarantined)
    }

    /// Applies one event (`recorded` is the event as read, for its stream and envelope); returns why it
    /// cannot be applied, or `nil`.
    func apply(_ event: any DomainEvent, from recorded: ProjectionEvent, to state: inout PartitionState) -> (code: String, message: String)? {
        let stream = recorded.stream
        switch event {
        case let e as PaymentScheduled:
            if state.payments[e.programmeId]?[e.cycle] != nil {
                return ("duplicate_payment", "a second PaymentScheduled for \(e.programmeId) cycle \(e.cycle)")
            }
            state.payments[e.programmeId, default: [:]][e.cycle] = PaymentRecord(scheduled: e)
        case let e as PaymentIssued:
            return updatePayment(&state, e.programmeId, e.cycle, e.currency) {
                $0.issuedMinor &+= e.amountMinor
                $0.lastAttemptFailed = false
            }
        case let e as PaymentConfirmed:
            return updatePayment(&state, e.programmeId, e.cycle, e.currency) {
                $0.confirmedMinor &+= e.amountMinor
                $0.lastAttemptFailed = false
            }
        case let e as PaymentFailed:
            return updatePayment(&state, e.programmeId, e.cycle, nil) {
                $0.failedMinor &+= $0.scheduled.amountMinor
                $0.lastAttemptFailed = true
            }
        case let e as PaymentReversed:
            return updatePayment(&state, e.programmeId, e.cycle, e.currency) { $0.reversedMinor &+= e.amountMinor }
        case let e as ProgrammeDefined:
            state.programme = state.programme ?? ProgrammeFacts(programmeId: e.programmeId)
            state.programme?.currency = e.currency
            state.programme?.startsOn = e.startsOn
        case let e as BudgetAllocated:
            state.programme = state.programme ?? ProgrammeFacts(programmeId: e.programmeId)
            state.programme?.allocations.append(e)
        case let e as PaymentCycleOpened:
            state.programme = state.programme ?? ProgrammeFacts(programmeId: e.programmeId)
            state.programme?.cycles.insert(e.cycle)
        case let e as CostProjectionPublished:
            state.programme = state.programme ?? ProgrammeFacts(programmeId: e.programmeId)
            let metadata = recorded.metadataText.flatMap { try? JSONParser.parse($0) }
            state.programme?.publications.append(
                PublishedProjection(
                    event: e, actor: metadata?["actor"]?.stringValue, reason: metadata?["reason"]?.stringValue,
                    recordedAtMicros: recorded.recordedAtMicros))
        case let e as BeneficiaryExited:
            state.flowFacts[e.programmeId, default: BeneficiaryFlowFacts()].record(e)
            state.beneficiaries[e.programmeId, default: Beneficiary()].apply(e)
        default:
            if stream.hasPrefix("household-") {
                state.household.apply(event)
            } else if let programme = Self.programmeId(ofBeneficiaryStream: stream) {
                state.beneficiaries[programme, default: Beneficiary()].apply(event)
                state.flowFacts[programme, default: BeneficiaryFlowFacts()].record(event)
            }
        }
        return nil
    }

    private func updatePayment(
        _ state: inout PartitionState, _ programme: ProgrammeID, _ cycle: PaymentCycle, _ currency: Currency?, _ change: (inout PaymentRecord) -> Void
    ) -> (code: String, message: String)? {
        guard var record = state.payments[programme]?[cycle] else {
            return ("orphan_payment_event", "a payment event for \(programme) cycle \(cycle) with no PaymentScheduled before it")
        }
        if let currency, currency != record.scheduled.currency {
            return ("currency_mismatch", "a payment event in \(currency) for a payment scheduled in \(record.scheduled.currency)")
        }
        change(&record)
        state.payments[programme]![cycle] = record
        return nil
    }

    /// The programme of a stream `beneficiary-{programmeId}-{householdId}` (household ids start `HH-`).
    static func programmeId(ofBeneficiaryStream stream: String) -> ProgrammeID? {
        guard stream.hasPrefix("beneficiary-"), let split = stream.range(of: "-HH-", options: .backwards) else { return nil }
        let start = stream.index(stream.startIndex, offsetBy: "beneficiary-".count)
        guard start < split.lowerBound else { return nil }
        return ProgrammeID(String(stream[start..<split.lowerBound]))
    }
}
