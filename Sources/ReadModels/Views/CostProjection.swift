import Benefits
import EventStore
import ProjectionRunner

/// `reporting.cost` and `reporting.budget_execution`: amounts per programme, area, month and
/// component, and the budget they execute (`Projections/cost.sql` documents every column).
public struct CostProjection: Projection {
    public let definition: ProjectionDefinition

    /// The projection, over its SQL file's text.
    /// - Throws: ``ProjectionError`` when the file does not fit the code.
    public init(sql: String) throws {
        definition = try ProjectionDefinition(
            name: "cost", sql: sql, codeVersion: 1,
            tables: [
                .additive(
                    "cost", keys: ["programme_id", "governorate", "district", "month", "component", "currency"],
                    sums: [
                        "payments", "scheduled_minor", "issued_minor", "confirmed_minor", "failed_minor", "reversed_minor", "overpaid_minor",
                        "recovered_minor",
                    ]),
                .additive("budget", keys: ["programme_id", "fiscal_year", "currency"], sums: ["allocated_minor"]),
            ])
    }

    public func project(key: String, state: PartitionState, into output: inout ProjectionOutput) {
        if let programme = state.programme {
            for allocation in programme.allocations {
                let signed = allocation.kind == .reduction ? -allocation.amountMinor : allocation.amountMinor
                output.add("budget", key: [programme.programmeId.rawValue, String(allocation.fiscalYear), allocation.currency.code], [signed])
            }
            return
        }
        for (programme, cycles) in state.payments.sorted(by: { $0.key < $1.key }) {
            for (cycle, payment) in cycles.sorted(by: { $0.key < $1.key }) {
                let components = payment.scheduled.components.map { ($0.component.rawValue, $0.amountMinor) }
                let weights = components.map(\.1)
                let largest = Self.largest(weights)
                let stages = [
                    weights, Self.split(payment.issuedMinor, over: weights), Self.split(payment.confirmedMinor, over: weights),
                    Self.split(payment.failedMinor, over: weights), Self.split(payment.reversedMinor, over: weights),
                ]
                let area = areaKey(state, on: cycle)
                for i in components.indices {
                    output.add(
                        "cost", key: [programme.rawValue] + area + [ReportingCalendar.month(cycle), components[i].0, payment.scheduled.currency.code],
                        [i == largest ? 1 : 0, stages[0][i], stages[1][i], stages[2][i], stages[3][i], stages[4][i], 0, 0])
                }
            }
        }
        for (programme, b) in state.beneficiaries.sorted(by: { $0.key < $1.key }) {
            for (cycle, balance) in b.overpayments.sorted(by: { $0.key < $1.key }) {
                let scheduled = state.payments[programme]?[cycle]?.scheduled.components.map { ($0.component.rawValue, $0.amountMinor) }
                let components = scheduled ?? [(PaymentComponentCode.base.rawValue, balance.identifiedMinor)]
                let weights = components.map(\.1)
                let overpaid = Self.split(balance.identifiedMinor, over: weights)
                let recovered = Self.split(balance.recoveredMinor, over: weights)
                let area = areaKey(state, on: cycle)
                for i in components.indices {
                    output.add(
                        "cost", key: [programme.rawValue] + area + [ReportingCalendar.month(cycle), components[i].0, balance.currency.code],
                        [0, 0, 0, 0, 0, 0, overpaid[i], recovered[i]])
                }
            }
        }
    }

    /// `[governorate, district]` where the household lived on the cycle's first day.
    func areaKey(_ state: PartitionState, on cycle: PaymentCycle) -> [String] {
        let area = state.household.area(on: cycle.firstDay) ?? state.household.area(on: ReportingCalendar.latest)
        return [area?.governorate.rawValue ?? "", area?.district.rawValue ?? ""]
    }

    /// The index of the largest weight (the first of equals).
    static func largest(_ weights: [Int64]) -> Int {
        weights.indices.max { weights[$0] < weights[$1] || (weights[$0] == weights[$1] && $0 > $1) } ?? 0
    }

    /// Splits `amount` over components in proportion to `weights` (the scheduled amounts), in integers:
    /// each share truncated, the remainder to the largest component. The shares sum to `amount`.
    static func split(_ amount: Int64, over weights: [Int64]) -> [Int64] {
        guard !weights.isEmpty else { return [] }
        let total = weights.reduce(0, &+)
        if amount == total { return weights }
        var shares = [Int64](repeating: 0, count: weights.count)
        if total != 0 {
            for (i, w) in weights.enumerated() {
                let product = amount.multipliedFullWidth(by: w)
                shares[i] = total.dividingFullWidth((product.high, product.low)).quotient
            }
        }
        shares[largest(weights)] &+= amount &- shares.reduce(0, &+)
        return shares
    }
}
