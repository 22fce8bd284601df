import Benefits

/// What the planning cohort counts by month in one programme that ``Beneficiary`` keeps no history
/// of: every enrolment, temporary enrolment, exclusion, reversal, rejected appeal and exit, in the
/// order recorded.
struct BeneficiaryFlowFacts: Sendable {
    /// Regular enrolments (the first is the household's entry; later ones return after an exit).
    var enrolments: [BeneficiaryEnrolled] = []
    /// Temporary enrolments: each is an entry.
    var temporaryEnrolments: [TemporaryEnrolmentGranted] = []
    /// Exclusions, with their proposal and cross-match run when a campaign decided them.
    var exclusions: [BeneficiaryExcluded] = []
    /// Exclusions reversed, on appeal (with an appeal id) or otherwise.
    var reversals: [ExclusionReversed] = []
    /// Appeals rejected.
    var appealRejections: [ExclusionAppealRejected] = []
    /// Exits.
    var exits: [BeneficiaryExited] = []

    /// Records `event` when it is one of the facts above.
    mutating func record(_ event: any DomainEvent) {
        switch event {
        case let e as BeneficiaryEnrolled: enrolments.append(e)
        case let e as TemporaryEnrolmentGranted: temporaryEnrolments.append(e)
        case let e as BeneficiaryExcluded: exclusions.append(e)
        case let e as ExclusionReversed: reversals.append(e)
        case let e as ExclusionAppealRejected: appealRejections.append(e)
        case let e as BeneficiaryExited: exits.append(e)
        default: break
        }
    }
}
