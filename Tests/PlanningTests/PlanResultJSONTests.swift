import Benefits
import DaftarJSON
import Foundation
import Planning
import Testing

/// The plan as a JSON document.
@Suite struct PlanResultJSONTests {
    @Test func theDocumentRoundTripsThroughTheParserByteForByte() throws {
        let plan = PlanFixtures.plan()
        let text = plan.json.canonicalText
        let parsed = try JSONParser.parse(text)
        #expect(parsed == plan.json)
        #expect(parsed.canonicalText == text)
        #expect(PlanFixtures.plan().json.canonicalText == text, "deterministic")
    }

    @Test func theDocumentCarriesTheContextTheRowsTheTotalsAndTheDigest() throws {
        let plan = PlanFixtures.plan()
        let json = try JSONParser.parse(plan.json.canonicalText)
        #expect(json["format"]?.stringValue == "daftar-plan/1")
        #expect(json["programme"]?.stringValue == "iq-spn")
        #expect(json["scenario"]?.stringValue == "child grant 2026")
        #expect(json["pin"]?.int64Value == 1834)
        #expect(json["from"]?.stringValue == "2025-11")
        #expect(json["months"]?.int64Value == 16)
        #expect(json["fiscalYearStartMonth"]?.int64Value == 1)
        #expect(json["administrativeShare"]?.stringValue == "0.05")
        #expect(json["assumptions"]?.arrayValue?.first?["exitRate"]?.stringValue == "0.0025")
        #expect(json["digest"]?.stringValue == plan.digest)
        #expect(json["digestHeader"]?.stringValue == plan.digestHeader)

        let rows = try #require(json["rows"]?.arrayValue)
        #expect(rows.count == plan.rows.count)
        #expect(rows[1]["households"] == .number(JSONNumber(literal: "100000.125")!))
        #expect(rows[1]["costMinor"]?.int64Value == plan.rows[1].costMinor)

        let years = try #require(json["fiscalYears"]?.arrayValue)
        #expect(years.compactMap { $0["label"]?.stringValue } == ["FY2025", "FY2026", "FY2027"])
        #expect(years.compactMap { $0["costMinor"]?.int64Value } == plan.fiscalYearTotals.map(\.costMinor))
        #expect(json["totalCostMinor"]?.int64Value == plan.rows.reduce(0) { $0 + $1.costMinor })
        #expect(years[1]["budgetMinor"]?.int64Value == 480_000_000_000)
        #expect(years[1]["revenueMinor"]?.int64Value == 138_000_000_000_000)
        #expect(years[1]["costShareOfGdp"]?.stringValue.flatMap { Decimal(string: $0) }.map { $0 > 0 && $0 < 1 } == true)
        #expect(years[2]["gdpMinor"] == nil, "no GDP given for 2027")
        #expect(json["monthlyBudgetMinor"]?["2026-01"]?.int64Value == 40_000_000_000)
        #expect(json["gdpMinor"]?["2026"]?.int64Value == 354_000_000_000_000)
    }

    @Test func aPublishedPlanCanEmbedItsScenario() throws {
        let scenario = try Scenario(jsonText: #"{"name":"child grant 2026","currency":"IQD","administrativeShare":"0.05"}"#)
        let document = PlanFixtures.plan().json(embedding: scenario)
        let embedded = try #require(document["scenarioDocument"])
        #expect(try Scenario(json: embedded) == scenario)
        #expect(document["rows"] == PlanFixtures.plan().json["rows"])
    }
}
