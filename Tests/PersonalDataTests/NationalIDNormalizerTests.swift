import PersonalData
import Testing

@Suite struct NationalIDNormalizerTests {
    @Test(arguments: [
        ("197906143321", "197906143321"),
        ("١٩٧٩٠٦١٤٣٣٢١", "197906143321"),
        ("۱۹۷۹۰۶۱۴۳۳۲۱", "197906143321"),
        ("1979 0614-3321", "197906143321"),
        ("١٩٧٩ ٠٦١٤–٣٣٢١", "197906143321"),
        ("\u{200F}١٩٧٩٠٦١٤٣٣٢١\u{200E}", "197906143321"),
        ("  1979\u{00A0}0614 3321 ", "197906143321"),
    ])
    func normalisesToTwelveASCIIDigits(_ raw: String, _ expected: String) throws {
        #expect(try NationalIDNormalizer.normalize(raw) == expected)
    }

    @Test(arguments: [
        ("", "required"),
        (" - ", "required"),
        ("19790614332", "length"),
        ("1979061433210", "length"),
        ("1979O6143321", "format"),
        ("+197906143321", "format"),
        ("1979/06/143321", "format"),
    ])
    func refusesWithTheRuleAndWithoutTheValue(_ raw: String, _ rule: String) {
        let error = #expect(throws: PersonalDataError.self) { try NationalIDNormalizer.normalize(raw, field: "national_id") }
        #expect(error?.code == .invalidInput)
        #expect(error?.field == "national_id")
        #expect(error?.rule == rule)
        if raw.count > 3 { #expect(error?.message.contains(raw) == false) }
    }
}
