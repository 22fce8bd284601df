import Benefits
import Foundation

extension PlanResult {
    /// Line colours, in the order of the plans: the Okabe–Ito palette, distinguishable with the
    /// common colour-vision deficiencies (yellow left out: too pale on white).
    static let chartColours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

    /// The font families of chart text: fonts with Arabic glyphs first, then generic ones.
    static let chartFonts = "'Noto Sans Arabic', 'Noto Sans', 'DejaVu Sans', 'Arial', sans-serif"

    /// The currency's name in Arabic, for axis labels.
    static func arabicCurrencyName(_ currency: Currency) -> String {
        switch currency.code {
        case "IQD": return "دينار عراقي"
        case "SYP": return "ليرة سورية"
        case "JOD": return "دينار أردني"
        case "EGP": return "جنيه مصري"
        case "LBP": return "ليرة لبنانية"
        case "TND": return "دينار تونسي"
        case "MAD": return "درهم مغربي"
        case "USD": return "دولار أمريكي"
        default: return currency.code
        }
    }

    /// A standalone SVG chart of the plans' monthly cost, bilingual in English and Arabic.
    ///
    /// One line per plan (``costByMonth``: the cost summed over governorates and components), each in
    /// its own colour, named in the legend by its scenario; the monthly budget as a dashed line when
    /// any plan has one (one grey line when the plans share it, else one per plan in its colour). The
    /// x axis shows the months, the y axis the cost in the major unit of the first plan's currency,
    /// scaled to thousands (k), millions (M) or billions (bn). Titles and axis labels are in English
    /// and Arabic; Arabic text is in `tspan`s with `xml:lang="ar"` and `direction="rtl"`, and the
    /// font list starts with fonts that have Arabic glyphs. Scenario names are XML-escaped.
    ///
    /// Deterministic: the same plans give the same bytes (no date, no random id); coordinates have
    /// one decimal.
    /// - Parameters:
    ///   - results: the plans, in legend order.
    ///   - title: the English title.
    ///   - arabicTitle: the Arabic title.
    /// - Returns: the SVG document, UTF-8 text ending with a line feed.
    public static func chart(_ results: [PlanResult], title: String = "Monthly cost", arabicTitle: String = "الكلفة الشهرية") -> String {
        let currency = results.first?.currency ?? .iqd
        let divisor = pow(10.0, Double(currency.exponent))
        let series = results.map { r -> [(PaymentCycle, Double)] in
            let costs = r.costByMonth
            return costs.keys.sorted().map { ($0, Double(costs[$0] ?? 0) / divisor) }
        }
        // Budgets: one shared line when every plan with a budget has the same one.
        let budgets = results.map { r in r.monthlyBudgetMinor.keys.sorted().map { ($0, Double(r.monthlyBudgetMinor[$0] ?? 0) / divisor) } }
        let withBudget = results.indices.filter { !results[$0].monthlyBudgetMinor.isEmpty }
        let sharedBudget = withBudget.allSatisfy { results[$0].monthlyBudgetMinor == results[withBudget[0]].monthlyBudgetMinor }
        let budgetLines: [(index: Int?, points: [(PaymentCycle, Double)])] =
            withBudget.isEmpty ? [] : sharedBudget ? [(nil, budgets[withBudget[0]])] : withBudget.map { ($0, budgets[$0]) }

        let months = Set(series.flatMap { $0.map(\.0) } + budgetLines.flatMap { $0.points.map(\.0) }).sorted()
        let maximum = (series.flatMap { $0.map(\.1) } + budgetLines.flatMap { $0.points.map(\.1) }).max() ?? 0
        let axis = ChartAxis(maximum: maximum)

        // Layout.
        let width = 960.0
        let left = 100.0
        let right = 930.0
        let top = 80.0
        let bottom = 400.0
        let legendTop = 470.0
        let legendRows = results.count + budgetLines.count
        let height = legendTop + 22.0 * Double(legendRows) + 20
        let monthIndex = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1, $0) })
        func x(_ month: PaymentCycle) -> Double {
            let i = Double(monthIndex[month] ?? 0)
            return months.count > 1 ? left + i * (right - left) / Double(months.count - 1) : (left + right) / 2
        }
        func y(_ value: Double) -> Double { bottom - (axis.top > 0 ? value / axis.top : 0) * (bottom - top) }
        func points(_ values: [(PaymentCycle, Double)]) -> String {
            values.map { "\(format(x($0.0))),\(format(y($0.1)))" }.joined(separator: " ")
        }

        let unitArabic = axis.unit.arabic.isEmpty ? arabicCurrencyName(currency) : "\(axis.unit.arabic) \(arabicCurrencyName(currency))"
        let unitEnglish = axis.unit.english.isEmpty ? currency.code : "\(axis.unit.english) \(currency.code)"
        let white = "#FFFFFF"
        let grey = "#555555"
        let gridGrey = "#DDDDDD"
        let ink = "#333333"
        var svg: [String] = []
        svg.append(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        svg.append(
            #"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\#(format(width))" height="\#(format(height))" viewBox="0 0 \#(format(width)) \#(format(height))" xml:lang="en" font-family="\#(chartFonts)" font-size="13">"#
        )
        svg.append("<title>\(escape(title)) — \(escape(arabicTitle))</title>")
        svg.append(
            "<desc>\(escape(results.map { "\($0.scenario): programme \($0.programmeId), ledger position \($0.pin), \($0.months) months from \($0.from)" }.joined(separator: "; ")))</desc>"
        )
        svg.append(#"<rect x="0" y="0" width="\#(format(width))" height="\#(format(height))" fill="\#(white)"/>"#)
        svg.append(
            #"<text x="\#(format(width / 2))" y="34" text-anchor="middle" font-size="20" font-weight="bold">\#(bilingual(title, arabicTitle))</text>"#
        )
        if let first = results.first {
            svg.append(
                #"<text x="\#(format(width / 2))" y="58" text-anchor="middle" fill="\#(grey)">\#(escape("programme \(first.programmeId) · ledger position \(first.pin) · \(unitEnglish)"))</text>"#
            )
        }
        // Grid and y axis.
        svg.append(#"<g class="y-axis" stroke="\#(gridGrey)" stroke-width="1">"#)
        for tick in axis.ticks {
            svg.append(#"<line x1="\#(format(left))" y1="\#(format(y(tick)))" x2="\#(format(right))" y2="\#(format(y(tick)))"/>"#)
        }
        svg.append("</g>")
        svg.append(#"<g class="y-labels" text-anchor="end" fill="\#(ink)">"#)
        for tick in axis.ticks {
            svg.append(#"<text x="\#(format(left - 8))" y="\#(format(y(tick) + 4))">\#(axis.label(tick))</text>"#)
        }
        svg.append("</g>")
        svg.append(
            #"<text x="\#(format(24))" y="\#(format((top + bottom) / 2))" transform="rotate(-90 24 \#(format((top + bottom) / 2)))" text-anchor="middle">\#(bilingual("Cost (\(unitEnglish))", "الكلفة (\(unitArabic))"))</text>"#
        )
        // X axis.
        svg.append(
            #"<line class="x-axis" x1="\#(format(left))" y1="\#(format(bottom))" x2="\#(format(right))" y2="\#(format(bottom))" stroke="\#(ink)" stroke-width="1"/>"#
        )
        let every = max(1, (months.count + 11) / 12)
        svg.append(#"<g class="x-labels" text-anchor="middle" fill="\#(ink)">"#)
        for (i, month) in months.enumerated() where i % every == 0 {
            svg.append(
                #"<line x1="\#(format(x(month)))" y1="\#(format(bottom))" x2="\#(format(x(month)))" y2="\#(format(bottom + 5))" stroke="\#(ink)"/>"#)
            svg.append(#"<text x="\#(format(x(month)))" y="\#(format(bottom + 20))">\#(month)</text>"#)
        }
        svg.append("</g>")
        svg.append(
            #"<text x="\#(format((left + right) / 2))" y="\#(format(bottom + 48))" text-anchor="middle">\#(bilingual("Month", "الشهر"))</text>"#)
        // Budgets, then the plans on top.
        for line in budgetLines {
            let colour = line.index.map { chartColours[$0 % chartColours.count] } ?? "#777777"
            svg.append(
                #"<polyline class="budget" fill="none" stroke="\#(colour)" stroke-width="1.5" stroke-dasharray="6 4" points="\#(points(line.points))"/>"#
            )
        }
        for (index, values) in series.enumerated() {
            let colour = chartColours[index % chartColours.count]
            svg.append(
                #"<polyline class="series" fill="none" stroke="\#(colour)" stroke-width="2.5" stroke-linejoin="round" points="\#(points(values))"><title>\#(escape(results[index].scenario))</title></polyline>"#
            )
            if values.count == 1, let only = values.first {
                svg.append(#"<circle cx="\#(format(x(only.0)))" cy="\#(format(y(only.1)))" r="3.5" fill="\#(colour)"/>"#)
            }
        }
        // Legend.
        svg.append(#"<g class="legend">"#)
        var row = 0.0
        for (index, result) in results.enumerated() {
            let ly = legendTop + 22 * row
            svg.append(
                #"<line x1="\#(format(left))" y1="\#(format(ly))" x2="\#(format(left + 30))" y2="\#(format(ly))" stroke="\#(chartColours[index % chartColours.count])" stroke-width="2.5"/>"#
            )
            svg.append(#"<text x="\#(format(left + 40))" y="\#(format(ly + 4))">\#(escape(result.scenario))</text>"#)
            row += 1
        }
        for line in budgetLines {
            let ly = legendTop + 22 * row
            let colour = line.index.map { chartColours[$0 % chartColours.count] } ?? "#777777"
            svg.append(
                #"<line x1="\#(format(left))" y1="\#(format(ly))" x2="\#(format(left + 30))" y2="\#(format(ly))" stroke="\#(colour)" stroke-width="1.5" stroke-dasharray="6 4"/>"#
            )
            let english = line.index.map { "Budget: \(results[$0].scenario)" } ?? "Budget"
            svg.append(#"<text x="\#(format(left + 40))" y="\#(format(ly + 4))">\#(bilingual(english, "الموازنة"))</text>"#)
            row += 1
        }
        svg.append("</g>")
        svg.append("</svg>")
        return svg.joined(separator: "\n") + "\n"
    }

    /// English text, a dash, and Arabic text marked as right-to-left Arabic.
    static func bilingual(_ english: String, _ arabic: String) -> String {
        #"<tspan xml:lang="en">\#(escape(english))</tspan> — <tspan xml:lang="ar" direction="rtl" unicode-bidi="embed">\#(escape(arabic))</tspan>"#
    }

    /// `text` with the XML special characters escaped, for element content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            // Characters XML 1.0 does not allow at all: left out rather than making the document ill-formed.
            case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r": continue
            case "\u{FFFE}", "\u{FFFF}": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A coordinate with one decimal (`123.4`), the same on every machine.
    static func format(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let sign = tenths < 0 ? "-" : ""
        let magnitude = Int64(abs(tenths))
        return "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}

/// The y axis of a chart: a round top, five or so round ticks, and a unit (k, M, bn) for their labels.
struct ChartAxis {
    /// A scale for labels: the divisor and its names.
    struct Unit {
        let divisor: Double
        let english: String
        let arabic: String
    }

    let top: Double
    let step: Double
    let unit: Unit

    /// An axis from 0 to at least `maximum`.
    init(maximum: Double) {
        let target = maximum > 0 ? maximum / 5 : 1
        let power = pow(10, (log10(target)).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= target } ?? 10 * power
        self.step = step
        top = max(step, (maximum / step).rounded(.up) * step)
        if top >= 1e9 {
            unit = Unit(divisor: 1e9, english: "bn", arabic: "مليار")
        } else if top >= 1e6 {
            unit = Unit(divisor: 1e6, english: "M", arabic: "مليون")
        } else if top >= 1e3 {
            unit = Unit(divisor: 1e3, english: "k", arabic: "ألف")
        } else {
            unit = Unit(divisor: 1, english: "", arabic: "")
        }
    }

    /// The tick values, from 0 to ``top``.
    var ticks: [Double] {
        let count = Int((top / step).rounded())
        return (0...max(0, count)).map { Double($0) * step }
    }

    /// A tick's label in the unit, with as few decimals as the step needs (`0`, `2.5`, `7.5bn`).
    func label(_ value: Double) -> String {
        let scaled = value / unit.divisor
        let stepScaled = step / unit.divisor
        let decimals = stepScaled >= 1 && stepScaled.rounded() == stepScaled ? 0 : (stepScaled * 10).rounded() == stepScaled * 10 ? 1 : 2
        let factor = pow(10.0, Double(decimals))
        let units = Int64((scaled * factor).rounded())
        var text = String(units / Int64(factor))
        if decimals > 0 {
            let fraction = String(units % Int64(factor))
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return value == 0 ? "0" : text + unit.english
    }
}
