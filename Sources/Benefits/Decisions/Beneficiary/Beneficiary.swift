import EventStore

/// A household's life in one programme, folded from its stream `beneficiary-{programmeId}-{householdId}`:
/// eligibility, enrolment, entitlement, suspension, exclusion, appeals, exit, top-ups, temporary
/// enrolment, exclusion proposals and overpayments.
///
/// **Status over time.** Every status change is a fact "from this date on, the household is …".
/// ``status`` is the latest one recorded; ``status(on:)`` reads a date with what is known now: the
/// last *recorded* change dated on or before it. So a retroactive exclusion recorded in June and
/// effective in March makes the household excluded from March on, whatever was recorded for April
/// and May before it (DESIGN.md §3.7).
///
/// Decisions are in `Beneficiary+Enrolment.swift`, `Beneficiary+Sanctions.swift`,
/// `Beneficiary+Exclusion.swift` and `Beneficiary+ShockResponse.swift`.
public struct Beneficiary: Sendable, Hashable {
    struct StatusChange: Sendable, Hashable {
        var effectiveOn: BusinessDate
        var status: BeneficiaryStatus
    }

    struct DatedEntitlement: Sendable, Hashable {
        var effectiveOn: BusinessDate
        var entitlement: Entitlement
    }

    /// The programme, once the stream has an event.
    public private(set) var programmeId: ProgrammeID?
    /// The household, once the stream has an event.
    public private(set) var householdId: HouseholdID?
    /// Eligibility determinations, in the order recorded.
    public private(set) var determinations: [EligibilityDetermined] = []
    /// The status as last recorded.
    public private(set) var status: BeneficiaryStatus = .notEnrolled
    /// The enrolment a lifted suspension or a reversed exclusion returns to: `.enrolled` or `.temporarilyEnrolled`.
    public private(set) var enrolment: BeneficiaryStatus?
    /// The effective date of the latest enrolment.
    public private(set) var enrolledOn: BusinessDate?
    /// The member who collects the payments.
    public private(set) var payeePersonId: PersonID?
    /// The suspension in force, while suspended.
    public private(set) var suspension: BeneficiarySuspended?
    /// The exclusion in force, while excluded.
    public private(set) var exclusion: BeneficiaryExcluded?
    /// The appeal filed against the exclusion in force and not yet decided.
    public private(set) var openAppeal: ExclusionAppealed?
    /// Exclusion proposals awaiting a decision, by id.
    public private(set) var openProposals: [ProposalID: ExclusionProposed] = [:]
    /// Emergency top-ups granted, by id.
    public private(set) var topUps: [TopUpID: TopUpGranted] = [:]
    /// Overpayments by cycle.
    public private(set) var overpayments: [PaymentCycle: OverpaymentBalance] = [:]
    var timeline: [StatusChange] = []
    var entitlements: [DatedEntitlement] = []
    var usedAppealIds: Set<AppealID> = []
    var usedProposalIds: Set<ProposalID> = []
    /// The proposal each cross-match run made for the household, decided or not: a run proposes once.
    var proposalsByRun: [CrossMatchRunID: ProposalID] = [:]

    /// A household with no events in the programme: the fold of an empty stream.
    public init() {}

    /// The fold of a stream's events, in stream order.
    /// - Parameter events: the beneficiary's events; events of other streams are ignored.
    public init(events: [any DomainEvent]) {
        for event in events { apply(event) }
    }

    /// The beneficiary after `event`.
    /// - Parameter event: an event of the beneficiary's stream.
    /// - Returns: the new state; `self` unchanged for events of other streams.
    public func evolve(_ event: any DomainEvent) -> Beneficiary {
        var next = self
        next.apply(event)
        return next
    }

    /// Applies `event` in place (see ``evolve(_:)``).
    /// - Parameter event: an event of the beneficiary's stream.
    public mutating func apply(_ event: any DomainEvent) {
        switch event {
        case let e as EligibilityDetermined:
            identify(e.programmeId, e.householdId)
            determinations.append(e)
        case let e as BeneficiaryEnrolled:
            identify(e.programmeId, e.householdId)
            enrol(.enrolled, on: e.effectiveOn, payee: e.payeePersonId, entitlement: Entitlement(e))
        case let e as TemporaryEnrolmentGranted:
            identify(e.programmeId, e.householdId)
            enrol(.temporarilyEnrolled(topUpId: e.topUpId, endsOn: e.endsOn), on: e.effectiveOn, payee: e.payeePersonId, entitlement: Entitlement(e))
        case let e as EntitlementChanged:
            entitlements.append(DatedEntitlement(effectiveOn: e.effectiveOn, entitlement: Entitlement(e)))
        case let e as BeneficiarySuspended:
            suspension = e
            change(to: .suspended, on: e.effectiveOn)
        case let e as SuspensionLifted:
            suspension = nil
            change(to: enrolment ?? .enrolled, on: e.effectiveOn)
        case let e as BeneficiaryExcluded:
            identify(e.programmeId, e.householdId)
            exclusion = e
            suspension = nil
            if let proposal = e.proposalId { openProposals[proposal] = nil }
            change(to: .excluded, on: e.effectiveOn)
        case let e as ExclusionAppealed:
            openAppeal = e
            usedAppealIds.insert(e.appealId)
        case let e as ExclusionAppealRejected:
            if openAppeal?.appealId == e.appealId { openAppeal = nil }
        case let e as ExclusionReversed:
            exclusion = nil
            openAppeal = nil
            change(to: enrolment ?? .enrolled, on: e.effectiveOn)
        case let e as BeneficiaryExited:
            suspension = nil
            enrolment = nil
            change(to: .exited, on: e.effectiveOn)
        case let e as ExclusionProposed:
            identify(e.programmeId, e.householdId)
            openProposals[e.proposalId] = e
            usedProposalIds.insert(e.proposalId)
            if let run = e.crossMatchRunId { proposalsByRun[run] = e.proposalId }
        case let e as ExclusionProposedV1:
            // Folds read current types; a v1 value handed in directly is upcast as on read.
            if let current = try? DomainEventDecoder.decode(type: ExclusionProposedV1.eventType, schemaVersion: 1, data: e.json) {
                apply(current)
            }
        case let e as ExclusionProposalDismissed:
            openProposals[e.proposalId] = nil
        case let e as TopUpGranted:
            topUps[e.topUpId] = e
        case let e as OverpaymentIdentified:
            var balance =
                overpayments[e.cycle]
                ?? OverpaymentBalance(paymentId: e.paymentId, cause: e.cause, currency: e.currency, identifiedMinor: 0, recoveredMinor: 0)
            balance.cause = e.cause
            balance.identifiedMinor &+= e.amountMinor
            overpayments[e.cycle] = balance
        case let e as OverpaymentRecovered:
            overpayments[e.cycle]?.recoveredMinor &+= e.amountMinor
        default:
            break
        }
    }

    mutating func identify(_ programme: ProgrammeID, _ household: HouseholdID) {
        programmeId = programmeId ?? programme
        householdId = householdId ?? household
    }

    mutating func enrol(_ kind: BeneficiaryStatus, on date: BusinessDate, payee: PersonID, entitlement: Entitlement) {
        enrolment = kind
        enrolledOn = date
        payeePersonId = payee
        exclusion = nil
        suspension = nil
        entitlements.append(DatedEntitlement(effectiveOn: date, entitlement: entitlement))
        change(to: kind, on: date)
    }

    mutating func change(to newStatus: BeneficiaryStatus, on date: BusinessDate) {
        status = newStatus
        timeline.append(StatusChange(effectiveOn: date, status: newStatus))
    }

    /// The status on `date` as known now: the last recorded change dated on or before it. A temporary
    /// enrolment reads as `exited` after its end date.
    /// - Parameter date: a business date.
    /// - Returns: the status.
    public func status(on date: BusinessDate) -> BeneficiaryStatus {
        guard let change = timeline.last(where: { $0.effectiveOn <= date }) else { return .notEnrolled }
        if case .temporarilyEnrolled(_, let endsOn) = change.status, date > endsOn { return .exited }
        return change.status
    }

    /// The entitlement in force on `date`: of the recorded entitlements dated on or before it, the
    /// latest dated (the last recorded of equal dates).
    /// - Parameter date: a business date.
    /// - Returns: the entitlement, or `nil` before the first enrolment.
    public func entitlement(on date: BusinessDate) -> Entitlement? {
        var best: DatedEntitlement?
        for dated in entitlements where dated.effectiveOn <= date {
            if best == nil || dated.effectiveOn >= best!.effectiveOn { best = dated }
        }
        return best?.entitlement
    }

    /// The latest eligibility determination.
    public var latestDetermination: EligibilityDetermined? { determinations.last }
}
