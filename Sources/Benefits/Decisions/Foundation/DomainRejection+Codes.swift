extension DomainRejection.Code {
    // Registry
    /// The household is not in the social registry.
    public static let unknownHousehold = Self("unknown_household")
    /// The household id is already registered.
    public static let householdAlreadyRegistered = Self("household_already_registered")
    /// A business date precedes the household's registration.
    public static let effectiveDateBeforeRegistration = Self("effective_date_before_registration")
    /// The district is not in the governorate given.
    public static let districtOutsideGovernorate = Self("district_outside_governorate")
    /// The person is already a member of the household on that date.
    public static let memberAlreadyPresent = Self("member_already_present")
    /// The person is not a member of the household on that date.
    public static let unknownMember = Self("unknown_member")
    /// The household already has a head on that date.
    public static let headAlreadyPresent = Self("head_already_present")
    /// The household has no head on that date.
    public static let noHeadOfHousehold = Self("no_head_of_household")
    /// The head cannot leave the household before another member becomes head.
    public static let headCannotBeRemoved = Self("head_cannot_be_removed")
    /// The reason needs an evidence reference (death, imprisonment, duplicate).
    public static let evidenceRequired = Self("evidence_required")
    /// The command changes nothing.
    public static let noChange = Self("no_change")
    /// A birth date after the date the person joins.
    public static let birthDateAfterEffectiveDate = Self("birth_date_after_effective_date")
    /// An indicator value is outside its range or has more than six fractional digits.
    public static let indicatorOutOfRange = Self("indicator_out_of_range")
    /// An indicator the formula weighs was not given.
    public static let indicatorMissing = Self("indicator_missing")
    /// The computed score is outside the scale's range.
    public static let scoreOutOfRange = Self("score_out_of_range")

    // Programme
    /// The programme has not been defined.
    public static let unknownProgramme = Self("unknown_programme")
    /// The programme id is already defined.
    public static let programmeAlreadyDefined = Self("programme_already_defined")
    /// A published version must be the next number after the latest.
    public static let versionNotNext = Self("version_not_next")
    /// A new version must not take effect before the latest version does.
    public static let effectiveDateBeforePreviousVersion = Self("effective_date_before_previous_version")
    /// A business date precedes the programme's start.
    public static let effectiveDateBeforeProgrammeStart = Self("effective_date_before_programme_start")
    /// The rule names a formula version that was never published.
    public static let unknownFormulaVersion = Self("unknown_formula_version")
    /// Two scores or thresholds on different scales.
    public static let scaleMismatch = Self("scale_mismatch")
    /// A weight, intercept or threshold outside its bounds, or with more than six fractional digits.
    public static let parameterOutOfRange = Self("parameter_out_of_range")
    /// The categories do not match the combination (none for pmtOnly, at least one otherwise), or repeat.
    public static let categoriesInconsistent = Self("categories_inconsistent")
    /// A category needs an age bound (singleWoman, elderlyUnableToWork: minAge; orphan: maxAge).
    public static let criterionAgeMissing = Self("criterion_age_missing")
    /// A schedule with neither a size table nor a base amount, an empty table row, or a per-child or
    /// per-elderly amount without its age.
    public static let scheduleIncomplete = Self("schedule_incomplete")
    /// Amounts in two currencies.
    public static let currencyMismatch = Self("currency_mismatch")
    /// An amount does not fit the ledger's bounds (64-bit minor units, and at most 10^15 in an event).
    public static let amountOverflow = Self("amount_overflow")
    /// A budget reduction below zero.
    public static let budgetBelowZero = Self("budget_below_zero")
    /// No targeting formula is in force on the date.
    public static let noFormulaInForce = Self("no_formula_in_force")
    /// No eligibility rule is in force on the date.
    public static let noRuleInForce = Self("no_rule_in_force")
    /// No benefit schedule is in force on the date.
    public static let noScheduleInForce = Self("no_schedule_in_force")
    /// No cross-match exclusion rule is in force on the date.
    public static let noExclusionRuleInForce = Self("no_exclusion_rule_in_force")
    /// A cross-match exclusion rule's criterion does not fit its indicator (a threshold its hits cannot carry), repeats
    /// another, or the rule has none.
    public static let criterionInconsistent = Self("criterion_inconsistent")

    // Beneficiary
    /// The household has no assessment under the formula the rule in force reads.
    public static let notAssessed = Self("not_assessed")
    /// The household is not eligible under the rule in force.
    public static let notEligible = Self("not_eligible")
    /// The household is already enrolled (or suspended) in the programme.
    public static let alreadyEnrolled = Self("already_enrolled")
    /// The household is not enrolled in the programme on the date.
    public static let notEnrolled = Self("not_enrolled")
    /// The payee is not a member of the household on the date.
    public static let payeeNotMember = Self("payee_not_member")
    /// The household is excluded from the programme.
    public static let householdExcluded = Self("household_excluded")
    /// The household's payments are suspended.
    public static let householdSuspended = Self("household_suspended")
    /// The household is not suspended.
    public static let notSuspended = Self("not_suspended")
    /// The household is not excluded.
    public static let notExcluded = Self("not_excluded")
    /// A date precedes the enrolment, suspension or exclusion it acts on.
    public static let effectiveDateTooEarly = Self("effective_date_too_early")
    /// The appeal was filed after the programme's objection window.
    public static let appealOutOfTime = Self("appeal_out_of_time")
    /// An appeal against the exclusion is already open.
    public static let appealAlreadyOpen = Self("appeal_already_open")
    /// No open appeal has this id.
    public static let unknownAppeal = Self("unknown_appeal")
    /// An id (appeal, proposal, top-up, cross-match run) is already used.
    public static let duplicateIdentifier = Self("duplicate_identifier")
    /// No open exclusion proposal has this id.
    public static let unknownProposal = Self("unknown_proposal")
    /// A cross-match hit that is not in the run, or not about this household.
    public static let unknownCrossMatchHit = Self("unknown_cross_match_hit")
    /// The cross-match run was not recorded (for this programme).
    public static let unknownCrossMatchRun = Self("unknown_cross_match_run")
    /// The household already has an open exclusion proposal for this reason.
    public static let proposalAlreadyOpen = Self("proposal_already_open")
    /// Maker-checker: whoever started a cross-match run or made a proposal may not decide it.
    public static let makerCheckerViolation = Self("maker_checker_violation")
    /// A death exclusion must name the deceased member.
    public static let memberRequired = Self("member_required")
    /// No outstanding overpayment for the cycle, or a recovery larger than what is outstanding.
    public static let noOutstandingOverpayment = Self("no_outstanding_overpayment")

    // Shock response
    /// No emergency top-up with this id was declared.
    public static let unknownTopUp = Self("unknown_top_up")
    /// The household was already granted this top-up.
    public static let topUpAlreadyGranted = Self("top_up_already_granted")
    /// The household is not in the top-up's declared areas on the date.
    public static let outsideDeclaredAreas = Self("outside_declared_areas")
    /// The top-up offers no temporary enrolment, or the date is after its end.
    public static let temporaryEnrolmentNotOffered = Self("temporary_enrolment_not_offered")
    /// The relaxed threshold must be above the rule's threshold, and the end date after the declaration.
    public static let relaxedThresholdInvalid = Self("relaxed_threshold_invalid")
    /// The household is eligible under the regular rule: enrol it instead.
    public static let eligibleForRegularEnrolment = Self("eligible_for_regular_enrolment")
    /// Every cycle of the top-up has passed by the grant date.
    public static let topUpEnded = Self("top_up_ended")
    /// The household is not temporarily enrolled, or its temporary enrolment has not ended yet.
    public static let temporaryEnrolmentNotEnded = Self("temporary_enrolment_not_ended")

    // Payments
    /// A payment cycle for this programme and month is already open.
    public static let duplicateCycle = Self("duplicate_cycle")
    /// The payment cycle was not opened.
    public static let unknownCycle = Self("unknown_cycle")
    /// The payment cycle is closed.
    public static let cycleClosed = Self("cycle_closed")
    /// The enrolment date is outside the cycle's month, or the payment window is empty.
    public static let invalidCycleDates = Self("invalid_cycle_dates")
    /// A payment for this household and cycle already exists.
    public static let duplicatePayment = Self("duplicate_payment")
    /// No payment was scheduled for this household and cycle.
    public static let paymentNotScheduled = Self("payment_not_scheduled")
    /// The payment is not in a state that allows the command (issue twice, confirm a failed payment…).
    public static let paymentStateConflict = Self("payment_state_conflict")
    /// The amount differs from the payment's scheduled or issued amount.
    public static let amountMismatch = Self("amount_mismatch")
    /// The date is outside the cycle's payment window.
    public static let outsidePaymentWindow = Self("outside_payment_window")
    /// The payment would be zero.
    public static let nothingToPay = Self("nothing_to_pay")

    // Cross-matching
    /// The run's counts do not match its hits.
    public static let hitCountMismatch = Self("hit_count_mismatch")
    /// No hit of the run on the household meets a criterion of the cross-match exclusion rule in force.
    public static let exclusionRuleNotMet = Self("exclusion_rule_not_met")

    // Planning
    /// A digest does not match the document it is the digest of.
    public static let digestMismatch = Self("digest_mismatch")

    /// Every code above, for tests that check each is reachable.
    public static let all: [Self] = [
        .unknownHousehold, .householdAlreadyRegistered, .effectiveDateBeforeRegistration, .districtOutsideGovernorate,
        .memberAlreadyPresent, .unknownMember, .headAlreadyPresent, .noHeadOfHousehold, .headCannotBeRemoved, .evidenceRequired,
        .noChange, .birthDateAfterEffectiveDate, .indicatorOutOfRange, .indicatorMissing, .scoreOutOfRange,
        .unknownProgramme, .programmeAlreadyDefined, .versionNotNext, .effectiveDateBeforePreviousVersion,
        .effectiveDateBeforeProgrammeStart, .unknownFormulaVersion, .scaleMismatch, .parameterOutOfRange, .categoriesInconsistent,
        .criterionAgeMissing, .scheduleIncomplete, .currencyMismatch, .amountOverflow, .budgetBelowZero, .noFormulaInForce,
        .noRuleInForce, .noScheduleInForce, .noExclusionRuleInForce, .criterionInconsistent,
        .notAssessed, .notEligible, .alreadyEnrolled, .notEnrolled, .payeeNotMember, .householdExcluded, .householdSuspended,
        .notSuspended, .notExcluded, .effectiveDateTooEarly, .appealOutOfTime, .appealAlreadyOpen, .unknownAppeal,
        .duplicateIdentifier, .unknownProposal, .unknownCrossMatchHit, .unknownCrossMatchRun, .proposalAlreadyOpen, .makerCheckerViolation,
        .memberRequired, .noOutstandingOverpayment,
        .unknownTopUp, .topUpAlreadyGranted, .topUpEnded, .outsideDeclaredAreas, .temporaryEnrolmentNotOffered, .relaxedThresholdInvalid,
        .eligibleForRegularEnrolment, .temporaryEnrolmentNotEnded,
        .duplicateCycle, .unknownCycle, .cycleClosed, .invalidCycleDates, .duplicatePayment, .paymentNotScheduled,
        .paymentStateConflict, .amountMismatch, .outsidePaymentWindow, .nothingToPay,
        .hitCountMismatch, .exclusionRuleNotMet,
        .digestMismatch,
    ]
}
