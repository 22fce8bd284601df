import Benefits
import DaftarJSON
import EventStore
import Foundation
import Testing

/// The value types events are made of, and how decoding reports what is wrong.
@Suite struct EventValueTests {
    @Test(arguments: ["2025-01-15T07:22:41Z", "2025-01-14T11:05:09.125Z", "2099-12-31T23:59:60Z", "2000-02-29T00:00:00.000001Z"])
    func timestampsRoundTripAsWritten(_ text: String) throws {
        let timestamp = try UTCTimestamp(json: .string(text), at: "/t")
        #expect(timestamp.description == text)
        #expect(timestamp.json == .string(text))
    }

    @Test func timestampInstants() throws {
        let a = try #require(UTCTimestamp(text: "1970-01-02T00:00:01.5Z"))
        #expect(a.microsecondsSinceEpoch == 86_401_500_000)
        let b = try #require(UTCTimestamp(text: "1970-01-02T00:00:01.500Z"))
        #expect(a != b)
        #expect(a < b)
        #expect(!(try #require(UTCTimestamp(text: "2025-01-01T00:00:00Z")) < b))
    }

    @Test(arguments: [
        "2025-01-15T07:22:41+03:00", "2025-01-15 07:22:41Z", "2025-01-15T07:22:41", "2025-02-30T07:22:41Z", "2025-01-15T24:00:00Z",
        "2025-01-15T07:22:41.1234567Z", "2025-01-15T07:22:41.Z", "2025-01-15T07:22:60Z", "2025-01-15t07:22:41z",
    ])
    func malformedTimestampsAreRefused(_ text: String) {
        let error = #expect(throws: EventDecodingError.self) { try UTCTimestamp(json: .string(text), at: "/confirmedAt") }
        #expect(error?.field == "/confirmedAt")
        #expect(error?.rule == "format")
        #expect(error?.message.contains(text) == false)
    }

    @Test func paymentCycles() throws {
        let cycle = try PaymentCycle(json: "2025-12", at: "/cycle")
        #expect(cycle.year == 2025 && cycle.month == 12)
        #expect(cycle.next == PaymentCycle(year: 2026, month: 1))
        #expect(cycle.firstDay == BusinessDate(year: 2025, month: 12, day: 1))
        #expect(cycle.json == "2025-12")
        #expect(try PaymentCycle(json: "2025-01", at: "") < cycle)
        for bad: JSONValue in ["2025-13", "2025-1", "2025/01", "25-01", 202501] {
            #expect(throws: EventDecodingError.self) { try PaymentCycle(json: bad, at: "/cycle") }
        }
    }

    @Test func decimalNumbersKeepTheirLiteralAndComputeExactly() throws {
        let weight = try DecimalNumber(json: .number(JSONNumber(literal: "-6.0")!), at: "/w")
        #expect(weight.json.canonicalText == "-6.0")
        #expect(weight == DecimalNumber(JSONNumber(-6)))
        #expect(weight.decimal == Decimal(-6))
        let score = try #require(DecimalNumber(Decimal(string: "11.827736")!))
        #expect(score.description == "11.827736")
        #expect(DecimalNumber(JSONNumber(literal: "1e-7")!).decimal == Decimal(string: "0.0000001")!)
        #expect(throws: EventDecodingError.self) { try DecimalNumber(json: "11.8", at: "/score") }
    }

    @Test func decodingErrorsNameThePointerAndTheRule() throws {
        var payload = try #require(CatalogueExamples.files.first { $0.eventType == "PaymentScheduled" }?.valid.first?.objectValue)
        var component = try #require(payload["components"]?.arrayValue?.first?.objectValue)
        component["amountMinor"] = "325000"
        payload["components"] = [.object(component)]
        let error = #expect(throws: EventDecodingError.self) { try PaymentScheduled(json: .object(payload)) }
        #expect(error?.field == "/components/0/amountMinor")
        #expect(error?.rule == "type")
        #expect(error?.message == "/components/0/amountMinor: expected 64-bit integer, found string")

        component["amountMinor"] = 325_000
        payload["components"] = [.object(component)]
        #expect(throws: Never.self) { try PaymentScheduled(json: .object(payload)) }
        payload["topUpIds"] = .null  // absent is allowed, null is not: no schema allows null
        let null = #expect(throws: EventDecodingError.self) { try PaymentScheduled(json: .object(payload)) }
        #expect(null?.field == "/topUpIds")
        #expect(null?.rule == "type")

        let notAnObject = #expect(throws: EventDecodingError.self) { try PaymentScheduled(json: [1, 2]) }
        #expect(notAnObject?.field == "")
        #expect(notAnObject?.message == "the payload: expected object, found array")
    }

    @Test func eventsBuiltInSwiftEncodeToSchemaValidPayloads() throws {
        let catalogue = try CatalogueExamples.catalogue.get()
        let payment = PaymentScheduled(
            paymentId: PaymentID("PAY-202501BG00012345"), programmeId: ProgrammeID("iq-spn"),
            cycle: try #require(PaymentCycle(year: 2025, month: 1)), householdId: HouseholdID("HH-BG00012345"),
            payeePersonId: PersonID("P-BG0001234501"), scheduleVersion: 2, currency: .iqd, amountMinor: 325_000,
            components: [PaymentComponent(component: .sizeTable, amountMinor: 325_000)])
        #expect(throws: Never.self) { try catalogue.validate(payment) }
        #expect(payment.streamID == "payment-iq-spn-2025-01-HH-BG00012345")
        #expect(payment.json["topUpIds"] == nil, "an absent optional is left out, not null")

        var wrong = payment
        wrong.householdId = HouseholdID("household 12")
        let error = #expect(throws: EventStoreError.self) { try catalogue.validate(wrong, field: "streams[0].events[0]") }
        #expect(error?.field == "streams[0].events[0].data/householdId")
        #expect(error?.rule == "pattern")
    }

    @Test func weightsAreKeyedByIndicator() throws {
        let formula = try #require(CatalogueExamples.files.first { $0.eventType == "TargetingFormulaPublished" }?.valid.first)
        let event = try TargetingFormulaPublished(json: formula)
        #expect(event.weights[.ownsCar]?.description == "0.35")
        #expect(event.weights[.pipedWater] == nil)
        var members = try #require(formula.objectValue)
        members["weights"] = ["ownsBoat": 1]
        let error = #expect(throws: EventDecodingError.self) { try TargetingFormulaPublished(json: .object(members)) }
        #expect(error?.field == "/weights/ownsBoat")
        #expect(error?.rule == "additionalProperties")
    }
}
