import Benefits
import Foundation
import Planning
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The SVG chart of monthly cost.
@Suite struct PlanResultChartTests {
    /// The elements named `name` (any namespace) of a well-formed document.
    static func elements(_ name: String, in svg: String) throws -> [XMLElement] {
        let document = try XMLDocument(xmlString: svg, options: [])
        return try document.nodes(forXPath: "//*[local-name()='\(name)']").compactMap { $0 as? XMLElement }
    }

    /// An attribute's value, found by its qualified name (FoundationXML's `attribute(forName:)` misses
    /// unprefixed attributes of elements in a default namespace).
    static func attribute(_ name: String, of element: XMLElement) -> String? {
        element.attributes?.first { $0.name == name }?.stringValue
    }

    @Test func theChartIsWellFormedXMLWithOneLinePerScenario() throws {
        let plans = [
            PlanFixtures.plan(scenario: "baseline", perChildMinor: 0),
            PlanFixtures.plan(scenario: "child & elderly <grant> \"2026\"", perChildMinor: 25_000),
            PlanFixtures.plan(scenario: "منحة الأطفال", perChildMinor: 30_000),
        ]
        let svg = PlanResult.chart(plans)
        let root = try XMLDocument(xmlString: svg, options: []).rootElement()
        #expect(root?.localName == "svg")
        #expect(root?.uri == "http://www.w3.org/2000/svg")

        let lines = try Self.elements("polyline", in: svg)
        let series = lines.filter { Self.attribute("class", of: $0) == "series" }
        #expect(series.count == plans.count)
        #expect(Set(series.compactMap { Self.attribute("stroke", of: $0) }).count == plans.count, "distinct colours")
        // The names come back unescaped from the parser.
        #expect(series.map { $0.stringValue ?? "" } == plans.map(\.scenario))
        // Each line has a point per month.
        for line in series {
            #expect(Self.attribute("points", of: line)?.split(separator: " ").count == 16)
        }
        // The same budget for every plan: one dashed line.
        #expect(lines.filter { Self.attribute("class", of: $0) == "budget" }.count == 1)
    }

    @Test func titlesAndLabelsAreInEnglishAndArabic() throws {
        let svg = PlanResult.chart([PlanFixtures.plan()])
        #expect(svg.contains("Monthly cost"))
        #expect(svg.contains("الكلفة الشهرية"))
        #expect(svg.contains("الموازنة"))
        #expect(svg.contains("Noto Sans Arabic"))
        let arabic = try Self.elements("tspan", in: svg).filter { Self.attribute("xml:lang", of: $0) == "ar" }
        #expect(arabic.count >= 4, "title, both axes and the budget")
        #expect(arabic.allSatisfy { Self.attribute("direction", of: $0) == "rtl" })
        #expect(arabic.contains { $0.stringValue == "الكلفة الشهرية" })
        // Costs of tens of billions of dinars are labelled in billions.
        #expect(svg.contains(">20bn<"))
        #expect(svg.contains("مليار دينار عراقي"))
    }

    @Test func budgetsThatDifferGetALineEachAndNoBudgetNoLine() throws {
        let differing = PlanResult.chart([PlanFixtures.plan(budgetMinor: 40_000_000_000), PlanFixtures.plan(budgetMinor: 50_000_000_000)])
        let budgetLines = try Self.elements("polyline", in: differing).filter { Self.attribute("class", of: $0) == "budget" }
        #expect(budgetLines.count == 2)
        #expect(Set(budgetLines.compactMap { Self.attribute("stroke-dasharray", of: $0) }) == ["6 4"])

        let none = PlanResult.chart([PlanFixtures.plan(budgetMinor: nil)])
        #expect(try Self.elements("polyline", in: none).filter { Self.attribute("class", of: $0) == "budget" }.isEmpty)
        #expect(!none.contains("الموازنة"))
    }

    @Test func theChartIsDeterministic() {
        let plans = [PlanFixtures.plan(scenario: "a"), PlanFixtures.plan(scenario: "b", perChildMinor: 1)]
        #expect(PlanResult.chart(plans) == PlanResult.chart(plans))
        #expect(PlanResult.chart(plans, title: "Cost", arabicTitle: "الكلفة") != PlanResult.chart(plans))
    }

    @Test func anEmptyOrOneMonthChartIsStillWellFormed() throws {
        _ = try XMLDocument(xmlString: PlanResult.chart([]), options: [])
        var one = PlanFixtures.plan()
        one.months = 1
        one.rows = one.rows.filter { $0.month == one.from }
        one.monthlyBudgetMinor = [:]
        let svg = PlanResult.chart([one])
        #expect(try Self.elements("circle", in: svg).count == 1)
    }
}
