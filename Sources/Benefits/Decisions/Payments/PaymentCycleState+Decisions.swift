import EventStore

extension PaymentCycleState {
    /// Decides ``OpenPaymentCycle``: once per programme and month, in the programme's currency, with
    /// an enrolment date in the cycle's month and a payment window that is not empty.
    /// - Parameters:
    ///   - command: the command.
    ///   - programme: the programme.
    /// - Returns: `PaymentCycleOpened`.
    /// - Throws: ``DomainRejection`` `unknown_programme`, `duplicate_cycle`, `invalid_cycle_dates`,
    ///   `effective_date_before_programme_start`.
    public func decide(_ command: OpenPaymentCycle, programme: Programme) throws(DomainRejection) -> [any DomainEvent] {
        guard let definition = programme.definition else { throw .unknownProgramme(command.programmeId) }
        guard !isOpened else {
            throw DomainRejection(
                .duplicateCycle, rule: "a programme opens each monthly cycle once", field: "cycle", value: command.cycle.description)
        }
        guard command.cycle.contains(command.enrolmentDate) else {
            throw DomainRejection(
                .invalidCycleDates, rule: "the enrolment date lies in \(command.cycle)", field: "enrolmentDate",
                value: command.enrolmentDate.description)
        }
        guard command.windowOpensOn <= command.windowClosesOn, command.windowOpensOn >= command.enrolmentDate else {
            throw DomainRejection(
                .invalidCycleDates, rule: "the payment window opens on or after the enrolment date and closes on or after it opens",
                field: "windowClosesOn", value: "\(command.windowOpensOn)…\(command.windowClosesOn)")
        }
        guard command.enrolmentDate >= definition.startsOn else {
            throw DomainRejection(
                .effectiveDateBeforeProgrammeStart, rule: "the enrolment date is on or after the programme's start (\(definition.startsOn))",
                field: "enrolmentDate", value: command.enrolmentDate.description)
        }
        return [
            PaymentCycleOpened(
                programmeId: command.programmeId, cycle: command.cycle, currency: definition.currency, enrolmentDate: command.enrolmentDate,
                windowOpensOn: command.windowOpensOn, windowClosesOn: command.windowClosesOn)
        ]
    }

    /// Decides ``ClosePaymentCycle``: reconciles the cycle's payments after its window.
    /// - Parameters:
    ///   - command: the command.
    ///   - payments: the cycle's payments (of the households the command lists).
    /// - Returns: `PaymentCycleClosed` with counts and amounts scheduled, issued, confirmed, failed,
    ///   reversed and in flight.
    /// - Throws: ``DomainRejection`` `unknown_cycle`, `cycle_closed`, `outside_payment_window`, `currency_mismatch`,
    ///   `amount_overflow`.
    public func decide(_ command: ClosePaymentCycle, payments: [Payment]) throws(DomainRejection) -> [any DomainEvent] {
        let opened = try requireOpen(command.cycle)
        guard command.closedOn > opened.windowClosesOn else {
            throw DomainRejection(
                .outsidePaymentWindow, rule: "a cycle is closed after its window (\(opened.windowClosesOn))", field: "closedOn",
                value: command.closedOn.description)
        }
        let currency = opened.currency
        var counts = PaymentCycleClosed.Counts(scheduled: 0, issued: 0, confirmed: 0, failed: 0, reversed: 0, inFlight: 0)
        var sums = [Money](repeating: .zero(currency), count: 6)
        for payment in payments {
            guard let scheduled = payment.scheduled, scheduled.cycle == command.cycle, scheduled.programmeId == command.programmeId else { continue }
            guard scheduled.currency == currency else {
                throw DomainRejection(
                    .currencyMismatch, rule: "a cycle's payments are in its currency \(currency)", field: "households",
                    value: "\(scheduled.householdId): \(scheduled.currency)")
            }
            let t = payment.tally
            counts.scheduled += 1
            counts.issued += t.issued
            counts.confirmed += t.confirmed
            counts.failed += t.failed
            counts.reversed += t.reversed
            counts.inFlight += t.inFlight
            let amounts = [scheduled.amountMinor, t.issuedMinor, t.confirmedMinor, t.failedMinor, t.reversedMinor, t.inFlightMinor]
            for i in 0..<6 {
                sums[i] = try DomainRejection.money { () throws(MoneyError) in
                    try sums[i].adding(Money(minorUnits: amounts[i], currency: currency), field: "totals")
                }
            }
        }
        for sum in sums { try DomainRejection.checkEventBounds(sum, field: "totals") }
        return [
            PaymentCycleClosed(
                programmeId: command.programmeId, cycle: command.cycle, closedOn: command.closedOn, currency: currency, counts: counts,
                totals: .init(
                    scheduledAmountMinor: sums[0].minorUnits, issuedAmountMinor: sums[1].minorUnits, confirmedAmountMinor: sums[2].minorUnits,
                    failedAmountMinor: sums[3].minorUnits, reversedAmountMinor: sums[4].minorUnits, inFlightAmountMinor: sums[5].minorUnits))
        ]
    }

    /// The opening of a cycle that is open, or `unknown_cycle` / `cycle_closed`.
    func requireOpen(_ cycle: PaymentCycle) throws(DomainRejection) -> PaymentCycleOpened {
        guard let opened else {
            throw DomainRejection(.unknownCycle, rule: "the payment cycle was opened", field: "cycle", value: cycle.description)
        }
        guard !isClosed else {
            throw DomainRejection(.cycleClosed, rule: "the payment cycle is open", field: "cycle", value: cycle.description)
        }
        return opened
    }
}
