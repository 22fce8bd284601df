import EventStore

extension Payment {
    /// Decides ``SchedulePayment``: one payment per household and cycle, for a household paid on the
    /// cycle's enrolment date (enrolled, or temporarily enrolled until then; not suspended, excluded
    /// or exited), of the entitlement in force on that date plus the top-ups granted for the cycle.
    /// - Parameters:
    ///   - command: the command.
    ///   - cycle: the payment cycle.
    ///   - beneficiary: the household's life in the programme.
    /// - Returns: `PaymentScheduled` with a component per entitlement component and per top-up.
    /// - Throws: ``DomainRejection`` `unknown_cycle`, `cycle_closed`, `duplicate_payment`, `not_enrolled`,
    ///   `household_suspended`, `household_excluded`, `currency_mismatch`, `amount_overflow`, `nothing_to_pay`.
    public func decide(_ command: SchedulePayment, cycle: PaymentCycleState, beneficiary: Beneficiary) throws(DomainRejection) -> [any DomainEvent] {
        let opened = try cycle.requireOpen(command.cycle)
        guard !isScheduled else {
            throw DomainRejection(
                .duplicatePayment, rule: "one payment per household and cycle", field: "householdId",
                value: "\(command.householdId) in \(command.cycle)")
        }
        let date = opened.enrolmentDate
        try beneficiary.requirePayable(command.householdId, on: date, rule: "a cycle pays households enrolled on its enrolment date \(date)")
        guard let entitlement = beneficiary.entitlement(on: date), let payee = beneficiary.payeePersonId else {
            throw DomainRejection(
                .notEnrolled, rule: "a cycle pays the entitlement in force on \(date)", field: "householdId", value: command.householdId.rawValue)
        }
        let currency = opened.currency
        guard entitlement.currency == currency else {
            throw DomainRejection(
                .currencyMismatch, rule: "a payment is in its cycle's currency \(currency)", field: "currency", value: entitlement.currency.code)
        }
        var components = entitlement.components.map {
            PaymentComponent(
                component: PaymentComponentCode(rawValue: $0.component.rawValue)!, amountMinor: $0.amountMinor, count: $0.count,
                unitAmountMinor: $0.unitAmountMinor)
        }
        var topUpIds: [TopUpID] = []
        for grant in beneficiary.topUps.values.sorted(by: { $0.topUpId < $1.topUpId }) where grant.cycles.contains(command.cycle) {
            guard grant.currency == currency else {
                throw DomainRejection(
                    .currencyMismatch, rule: "a top-up is paid in its cycle's currency \(currency)", field: "topUpIds",
                    value: "\(grant.topUpId): \(grant.currency)")
            }
            let oneOff = grant.basis == .perHousehold && grant.cycles.count == 1
            let count = grant.memberCount
            components.append(
                PaymentComponent(
                    component: oneOff ? .oneOffGrant : .emergencyTopUp, amountMinor: grant.amountPerCycleMinor, count: count,
                    unitAmountMinor: count.map { grant.amountPerCycleMinor / Int64(max($0, 1)) }))
            topUpIds.append(grant.topUpId)
        }
        let total = try DomainRejection.money { () throws(MoneyError) in
            try Money.sum(components.map { Money(minorUnits: $0.amountMinor, currency: currency) }, in: currency, field: "amountMinor")
        }
        try DomainRejection.checkEventBounds(total, field: "amountMinor")
        guard total.minorUnits > 0 else {
            throw DomainRejection(
                .nothingToPay, rule: "a payment is positive", field: "householdId", value: "\(command.householdId): \(total)")
        }
        let key = PaymentKey(command.programmeId, command.cycle, command.householdId)
        return [
            PaymentScheduled(
                paymentId: key.paymentId, programmeId: command.programmeId, cycle: command.cycle, householdId: command.householdId,
                payeePersonId: payee, scheduleVersion: entitlement.scheduleVersion, currency: currency, amountMinor: total.minorUnits,
                components: components, topUpIds: topUpIds.isEmpty ? nil : topUpIds)
        ]
    }

    /// Decides ``RecordPaymentIssued``: a scheduled payment (or one whose failure may be retried) is
    /// handed to a provider within the cycle's window, for exactly the scheduled amount, while the
    /// household is still paid: neither suspended nor excluded now, and payable on the cycle's date as known now.
    /// - Parameters:
    ///   - command: the command.
    ///   - cycle: the payment cycle.
    ///   - beneficiary: the household's life in the programme.
    /// - Returns: `PaymentIssued`.
    /// - Throws: ``DomainRejection`` `payment_not_scheduled`, `payment_state_conflict`, `unknown_cycle`, `cycle_closed`,
    ///   `outside_payment_window`, `currency_mismatch`, `amount_mismatch`, `household_suspended`, `household_excluded`,
    ///   `not_enrolled`.
    public func decide(_ command: RecordPaymentIssued, cycle: PaymentCycleState, beneficiary: Beneficiary) throws(DomainRejection)
        -> [any DomainEvent]
    {
        let scheduled = try requireScheduled(command.householdId, command.cycle)
        let retryable = stage == .failed && failure?.retryable == true
        guard stage == .scheduled || retryable else { throw conflict("a scheduled payment, or a retryable failure, is issued") }
        let opened = try cycle.requireOpen(command.cycle)
        guard command.issuedOn >= opened.windowOpensOn, command.issuedOn <= opened.windowClosesOn else {
            throw DomainRejection(
                .outsidePaymentWindow, rule: "payments of \(command.cycle) are issued \(opened.windowOpensOn)…\(opened.windowClosesOn)",
                field: "issuedOn", value: command.issuedOn.description)
        }
        try requireAmount(command.currency, command.amountMinor, equalTo: scheduled.currency, scheduled.amountMinor, what: "scheduled")
        if beneficiary.status == .suspended || beneficiary.status == .excluded {
            throw Beneficiary.refusal(beneficiary.status, command.householdId, rule: "a payment is not issued to a suspended or excluded household")
        }
        try beneficiary.requirePayable(
            command.householdId, on: opened.enrolmentDate,
            rule: "a payment is issued to a household enrolled on the cycle's date \(opened.enrolmentDate)")
        return [
            PaymentIssued(
                paymentId: scheduled.paymentId, programmeId: command.programmeId, cycle: command.cycle, householdId: command.householdId,
                channel: command.channel, providerId: command.providerId, providerRef: command.providerRef, currency: command.currency,
                amountMinor: command.amountMinor, issuedOn: command.issuedOn)
        ]
    }

    /// Decides ``RecordPaymentConfirmed``: the provider confirms an issued payment, for its amount.
    /// - Parameter command: the command.
    /// - Returns: `PaymentConfirmed`.
    /// - Throws: ``DomainRejection`` `payment_not_scheduled`, `payment_state_conflict`, `currency_mismatch`, `amount_mismatch`.
    public func decide(_ command: RecordPaymentConfirmed) throws(DomainRejection) -> [any DomainEvent] {
        let scheduled = try requireScheduled(command.householdId, command.cycle)
        guard stage == .issued, let issue else { throw conflict("an issued payment is confirmed") }
        try requireAmount(command.currency, command.amountMinor, equalTo: issue.currency, issue.amountMinor, what: "issued")
        return [
            PaymentConfirmed(
                paymentId: scheduled.paymentId, programmeId: command.programmeId, cycle: command.cycle, householdId: command.householdId,
                providerRef: command.providerRef, currency: command.currency, amountMinor: command.amountMinor, confirmedAt: command.confirmedAt)
        ]
    }

    /// Decides ``RecordPaymentFailed``: an issued payment failed.
    /// - Parameter command: the command.
    /// - Returns: `PaymentFailed`.
    /// - Throws: ``DomainRejection`` `payment_not_scheduled`, `payment_state_conflict`, `effective_date_too_early`.
    public func decide(_ command: RecordPaymentFailed) throws(DomainRejection) -> [any DomainEvent] {
        let scheduled = try requireScheduled(command.householdId, command.cycle)
        guard stage == .issued, let issue else { throw conflict("an issued payment fails") }
        guard command.failedOn >= issue.issuedOn else {
            throw .tooEarly(command.failedOn, field: "failedOn", notBefore: issue.issuedOn, what: "the issue")
        }
        return [
            PaymentFailed(
                paymentId: scheduled.paymentId, programmeId: command.programmeId, cycle: command.cycle, householdId: command.householdId,
                reason: command.reason, retryable: command.retryable, failedOn: command.failedOn, providerRef: command.providerRef)
        ]
    }

    /// Decides ``RecordPaymentReversed``: an issued or confirmed payment is reversed, for its amount.
    /// - Parameter command: the command.
    /// - Returns: `PaymentReversed`.
    /// - Throws: ``DomainRejection`` `payment_not_scheduled`, `payment_state_conflict`, `currency_mismatch`,
    ///   `amount_mismatch`, `effective_date_too_early`.
    public func decide(_ command: RecordPaymentReversed) throws(DomainRejection) -> [any DomainEvent] {
        let scheduled = try requireScheduled(command.householdId, command.cycle)
        guard stage == .issued || stage == .confirmed, let issue else { throw conflict("an issued or confirmed payment is reversed") }
        try requireAmount(command.currency, command.amountMinor, equalTo: issue.currency, issue.amountMinor, what: "issued")
        guard command.reversedOn >= issue.issuedOn else {
            throw .tooEarly(command.reversedOn, field: "reversedOn", notBefore: issue.issuedOn, what: "the issue")
        }
        return [
            PaymentReversed(
                paymentId: scheduled.paymentId, programmeId: command.programmeId, cycle: command.cycle, householdId: command.householdId,
                reason: command.reason, currency: command.currency, amountMinor: command.amountMinor, reversedOn: command.reversedOn,
                decidedBy: command.decidedBy, providerRef: command.providerRef)
        ]
    }

    func requireScheduled(_ householdId: HouseholdID, _ cycle: PaymentCycle) throws(DomainRejection) -> PaymentScheduled {
        guard let scheduled else {
            throw DomainRejection(
                .paymentNotScheduled, rule: "a payment was scheduled for the household and cycle", field: "householdId",
                value: "\(householdId) in \(cycle)")
        }
        return scheduled
    }

    func conflict(_ rule: String) -> DomainRejection {
        DomainRejection(.paymentStateConflict, rule: rule, field: "paymentId", value: "\(scheduled?.paymentId.rawValue ?? "?") (\(stage))")
    }

    func requireAmount(_ currency: Currency, _ amount: Int64, equalTo expectedCurrency: Currency, _ expected: Int64, what: String)
        throws(DomainRejection)
    {
        guard currency == expectedCurrency else {
            throw DomainRejection(
                .currencyMismatch, rule: "the currency is the \(what) payment's \(expectedCurrency)", field: "currency", value: currency.code)
        }
        guard amount == expected else {
            throw DomainRejection(
                .amountMismatch, rule: "the amount is the \(what) amount \(Money(minorUnits: expected, currency: expectedCurrency))",
                field: "amountMinor", value: String(amount))
        }
    }
}
