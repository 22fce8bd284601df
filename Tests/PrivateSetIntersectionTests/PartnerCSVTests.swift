import Foundation
import PrivateSetIntersection
import Testing

/// The partner's CSV: every row used or reported with its line, never dropped silently.
@Suite struct PartnerCSVTests {
    let a = Synthetic.nationalID(1), b = Synthetic.nationalID(2), c = Synthetic.nationalID(3), d = Synthetic.nationalID(4)

    @Test func readsQuotedFieldsArabicTextBOMAndCRLF() throws {
        let csv = "\u{FEFF}National_ID , Indicator\r\n"
            + "\(a),loan-band-A\r\n"
            + "\"\(Synthetic.arabicIndic(b))\",\"قرض كبير، فوق ١٠٠ مليون\"\r\n"
            + "\(Synthetic.dashed(c)),\"fuel station, \"\"Basra\"\"\"\r\n"
            + "\r\n"
            + " \(Synthetic.easternArabicIndic(d)) ,  licence  \n"
        let report = try PartnerCSV.read(Data(csv.utf8))
        #expect(report.rejected.isEmpty, "\(report.rejected)")
        #expect(report.blankLines == 1)
        #expect(report.rows.map(\.line) == [2, 3, 4, 6])
        #expect(report.rows.map(\.nationalID) == [a, b, c, d])
        #expect(report.rows.map(\.indicator) == ["loan-band-A", "قرض كبير، فوق ١٠٠ مليون", #"fuel station, "Basra""#, "licence"])
        #expect(report.partnerRows.map(\.indicator) == report.rows.map(\.indicator))
    }

    @Test func badRowsAreReportedWithLineAndReason() throws {
        let csv = """
            national_id,indicator
            \(a),band-A
            12345,band-B
            \(b)
            \(c),band-C,extra
            "\(d),band-D
            \(d),"band-D" trailing
            \(d),band"D
            \(d),
            \(Synthetic.dashed(a)),band-A-again
            \(Synthetic.nationalID(5)),ok

            """
        let report = try PartnerCSV.read(Data(csv.utf8))
        #expect(report.rows.map(\.line) == [2, 11])
        let byLine = Dictionary(uniqueKeysWithValues: report.rejected.map { ($0.line!, $0) })
        #expect(report.rejected.map(\.line) == [3, 4, 5, 6, 7, 8, 9, 10])
        #expect(byLine[3]?.code == .invalidNationalID && byLine[3]?.message.contains("5 digits") == true)
        #expect(byLine[4]?.code == .invalidRow && byLine[4]?.message.contains("1 field;") == true)
        #expect(byLine[5]?.code == .invalidRow && byLine[5]?.message.contains("3 fields") == true)
        #expect(byLine[6]?.message.contains("unterminated quote") == true)
        #expect(byLine[7]?.message.contains("after the closing quote") == true)
        #expect(byLine[8]?.message.contains("quote inside unquoted field") == true)
        #expect(byLine[9]?.field == "indicator" && byLine[9]?.message.contains("empty") == true)
        #expect(byLine[10]?.code == .duplicateNationalID && byLine[10]?.message == "the same national id as line 2")
    }

    @Test func invalidUTF8AndControlCharactersAreRowErrors() throws {
        var bytes = Array("national_id,indicator\n\(a),ok\n\(b),".utf8)
        bytes += [0xFF, 0xFE, 0x0A]
        bytes += Array("\(c),tab\there\n".utf8)
        bytes += Array("\(d),\(String(repeating: "x", count: 257))\n".utf8)
        let report = try PartnerCSV.read(Data(bytes))
        #expect(report.rows.map(\.line) == [2])
        #expect(report.rejected.map(\.line) == [3, 4, 5])
        #expect(report.rejected[0].message == "not UTF-8")
        #expect(report.rejected[1].message.contains("control character"))
        #expect(report.rejected[2].message.contains("256 bytes"))
    }

    @Test func aFileWithoutTheHeaderIsRefusedWhole() {
        for csv in ["", "\(a),band-A\n", "id,indicator\n", "national_id;indicator\n"] {
            let e = #expect(throws: MatchError.self) { try PartnerCSV.read(Data(csv.utf8)) }
            #expect(e?.code == .invalidCSV && e?.line == 1, "\(csv)")
        }
    }

    @Test func anotherLengthRule() throws {
        let report = try PartnerCSV.read(Data("national_id,indicator\n0123456789,x\n\(a),y\n".utf8), rule: .init(name: "ten", digits: 10))
        #expect(report.rows.map(\.nationalID) == ["0123456789"])
        #expect(report.rejected.first?.message == "has 12 digits; rule ten (10 digits)")
    }
}
