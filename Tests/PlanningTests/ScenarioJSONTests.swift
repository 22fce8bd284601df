import Benefits
import DaftarJSON
import EventStore
import Foundation
import Planning
import Testing

/// The JSON form of a scenario: normalised, round-tripping, canonical; and the checks against the programme.
@Suite struct ScenarioJSONTests {
    static func cycle(_ year: Int, _ month: Int) -> PaymentCycle { PaymentCycle(year: year, month: month)! }
    static func rate(_ text: String) -> Rate { try! Rate(parsing: text) }

    /// A scenario with every kind of change and every optional member.
    static let full = Scenario(
        name: "everything", description: "line one\nline two", currency: .iqd, administrativeShare: rate("0.05"), trailingWindowMonths: 24,
        rates: .init(exit: rate("0.0025"), entry: rate("0"), failure: rate("0.005")),
        changes: [
            .benefitSchedule(
                from: cycle(2026, 1),
                ScheduleChange(
                    sizeTable: .init(female: [125_000, 200_000], male: [125_000, 175_000]), baseAmountMinor: 10_000,
                    memberComponents: .init(perChildAmountMinor: 25_000, perElderlyAmountMinor: 30_000, childUnderAge: 18, elderlyFromAge: 65),
                    capAmountMinor: 500_000)),
            .pmtThreshold(from: cycle(2026, 1), threshold: Decimal(string: "12.1")!, takeUp: TakeUp(curve: [rate("0.3"), rate("0.6"), rate("0.8")])),
            .expansion(from: cycle(2026, 7), governorates: [GovernorateCode("IQ-AR")], takeUp: TakeUp(rate("0.5"))),
            .emergencyTopUp(
                areas: [AreaCode("IQ-BA"), AreaCode("IQ-NI-03")], basis: .perMember, amountMinor: 30_000, months: [cycle(2026, 3), cycle(2026, 2)]),
            .budgetCeiling(from: cycle(2026, 1), ceiling: .monthly(90_000_000_000)),
            .budgetCeiling(from: cycle(2027, 1), ceiling: .annual([2027: 1_000_000_000_000, 2028: 1_100_000_000_000])),
            .budgetCeiling(from: cycle(2029, 1), ceiling: .allocation),
            .indexation(from: cycle(2026, 1), annualRate: rate("0.03")),
        ],
        gdpMinor: [2026: 354_000_000_000_000], revenueMinor: [2026: 138_000_000_000_000])

    @Test func aScenarioRoundTripsThroughItsJSONAndItsCanonicalText() throws {
        #expect(try Scenario(json: Self.full.json) == Self.full)
        #expect(try Scenario(jsonText: Self.full.canonicalText) == Self.full)
        #expect(Set(Self.full.changes.map(\.kind)) == Set(ScenarioChange.kinds))
        // Top-up months keep the file's order.
        guard case .emergencyTopUp(_, _, _, let months) = try Scenario(json: Self.full.json).changes[3] else {
            Issue.record("not a top-up")
            return
        }
        #expect(months == [Self.cycle(2026, 3), Self.cycle(2026, 2)])
    }

    @Test func theCanonicalTextIsTheSameHoweverTheFileIsWritten() throws {
        let a = try Scenario(jsonText: #"{"name":"x","currency":"IQD","administrativeShare":"0.50","rates":{"exit":"0.0100"}}"#)
        let b = try Scenario(
            jsonText:
                #"{ "rates": {"exit": "0.01"}, "currency": "IQD", "trailingWindowMonths": 12, "administrativeShare": "0.5", "name": "x", "changes": [] }"#
        )
        #expect(a == b)
        #expect(a.canonicalText == b.canonicalText)
        #expect(
            a.canonicalText
                == #"{"administrativeShare":"0.5","changes":[],"currency":"IQD","gdpMinor":{},"name":"x","rates":{"exit":"0.01"},"revenueMinor":{},"trailingWindowMonths":12}"#
        )
    }

    @Test func defaultsAreThoseOfTheBaseline() throws {
        let scenario = try Scenario(jsonText: #"{"name":"baseline","currency":"IQD"}"#)
        #expect(scenario == Scenario.baseline(currency: .iqd))
    }

    @Test func theCurrencyMustBeTheProgrammes() {
        let error = #expect(throws: PlanningError.self) {
            try Self.full.validate(
                governorates: [GovernorateCode("IQ-AR"), GovernorateCode("IQ-BA"), GovernorateCode("IQ-NI")], programmeCurrency: .usd)
        }
        #expect(error?.code == "currency_mismatch")
        #expect(error?.field == "currency")
    }

    @Test func everyGovernorateMustBeKnown() throws {
        let all: Set<GovernorateCode> = [GovernorateCode("IQ-AR"), GovernorateCode("IQ-BA"), GovernorateCode("IQ-NI")]
        try Self.full.validate(governorates: all, programmeCurrency: .iqd)

        let noErbil = #expect(throws: PlanningError.self) {
            try Self.full.validate(governorates: [GovernorateCode("IQ-BA"), GovernorateCode("IQ-NI")], programmeCurrency: .iqd)
        }
        #expect(noErbil?.code == "unknown_governorate")
        #expect(noErbil?.field == "changes[2].governorates[0]")
        #expect(noErbil?.message.contains("IQ-AR") == true)
        #expect(noErbil?.message.contains("IQ-BA, IQ-NI") == true)

        // A district counts by its governorate.
        let noNineveh = #expect(throws: PlanningError.self) {
            try Self.full.validate(governorates: [GovernorateCode("IQ-AR"), GovernorateCode("IQ-BA")], programmeCurrency: .iqd)
        }
        #expect(noNineveh?.field == "changes[3].areas[1]")
        #expect(noNineveh?.message.contains("IQ-NI-03") == true)
    }
}
