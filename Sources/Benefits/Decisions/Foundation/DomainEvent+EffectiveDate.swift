import EventStore

extension DomainEvent {
    /// The business date the event takes effect: the payload field its schema names in
    /// `x-effective-date` (EventSchemas/README.md), which becomes the envelope's `effective_at`.
    ///
    /// `PaymentScheduled` has no such field: its cycle is the month, so the cycle's first day is used.
    /// `CrossMatchHitRecorded` has none either: it takes effect with its run, so this is `nil` and the
    /// caller uses the run's date.
    public var effectiveDate: BusinessDate? {
        switch self {
        case let e as HouseholdRegistered: return e.registeredOn
        case let e as MemberAdded: return e.effectiveOn
        case let e as MemberRemoved: return e.effectiveOn
        case let e as MemberCircumstancesChanged: return e.effectiveOn
        case let e as HeadOfHouseholdChanged: return e.effectiveOn
        case let e as HouseholdRelocated: return e.effectiveOn
        case let e as HouseholdAssessed: return e.assessedOn
        case let e as HouseholdAssessedV1: return e.assessedOn
        case let e as ProgrammeDefined: return e.startsOn
        case let e as TargetingFormulaPublished: return e.effectiveFrom
        case let e as EligibilityRulePublished: return e.effectiveFrom
        case let e as BenefitSchedulePublished: return e.effectiveFrom
        case let e as BudgetAllocated: return e.decidedOn
        case let e as CrossMatchExclusionRulePublished: return e.effectiveFrom
        case let e as EligibilityDetermined: return e.effectiveOn
        case let e as BeneficiaryEnrolled: return e.effectiveOn
        case let e as EntitlementChanged: return e.effectiveOn
        case let e as BeneficiarySuspended: return e.effectiveOn
        case let e as SuspensionLifted: return e.effectiveOn
        case let e as BeneficiaryExcluded: return e.effectiveOn
        case let e as ExclusionAppealed: return e.filedOn
        case let e as ExclusionAppealRejected: return e.decidedOn
        case let e as ExclusionReversed: return e.effectiveOn
        case let e as BeneficiaryExited: return e.effectiveOn
        case let e as PaymentCycleOpened: return e.enrolmentDate
        case let e as PaymentCycleClosed: return e.closedOn
        case let e as PaymentScheduled: return e.cycle.firstDay
        case let e as PaymentIssued: return e.issuedOn
        case let e as PaymentConfirmed: return e.confirmedAt.date
        case let e as PaymentFailed: return e.failedOn
        case let e as PaymentReversed: return e.reversedOn
        case let e as OverpaymentIdentified: return e.identifiedOn
        case let e as OverpaymentRecovered: return e.recoveredOn
        case let e as EmergencyTopUpDeclared: return e.declaredOn
        case let e as TopUpGranted: return e.grantedOn
        case let e as TemporaryEnrolmentGranted: return e.effectiveOn
        case let e as CrossMatchRunRecorded: return e.completedAt.date
        case let e as CrossMatchRunRecordedV1: return e.completedAt.date
        case is CrossMatchHitRecorded: return nil
        case let e as ExclusionProposed: return e.proposedOn
        case let e as ExclusionProposedV1: return e.proposedOn
        case let e as ExclusionProposalDismissed: return e.decidedOn
        case let e as CostProjectionPublished: return e.publishedOn
        case let e as PersonalDataErased: return e.erasedOn
        default: return nil
        }
    }
}
