import EventStore
import PersonalData
import Testing

@Suite struct PersonDetailsTests {
    @Test func normalisesWhatItKeeps() throws {
        let p = try zainab()
        #expect(p.fullName == "زينب عبد الحسين")
        #expect(p.nationalId == "197906143321")
        #expect(p.phone == "+9647701234567")
        #expect(p.birthDate?.description == "1979-06-14")
        let bare = try PersonDetails(personId: "P-BG0001234502", fullName: "  Ali  ", nationalId: "197906143322", phone: " ", address: "")
        #expect(bare.fullName == "Ali" && bare.phone == nil && bare.address == nil && bare.birthDate == nil)
    }

    @Test(arguments: [
        ("personId", "pattern"), ("fullName", "required"), ("fullName", "maxLength"), ("fullName", "characters"), ("nationalId", "length"),
        ("phone", "pattern"), ("address", "maxLength"), ("birthDate", "range"),
    ])
    func namesTheFieldAndTheRule(_ field: String, _ rule: String) {
        var id = "P-BG0001234501"
        var name = "زينب"
        var national = "197906143321"
        var phone: String? = nil
        var address: String? = nil
        var birth: BusinessDate? = nil
        switch (field, rule) {
        case ("personId", _): id = "P-bg01"
        case ("fullName", "required"): name = "   "
        case ("fullName", "maxLength"): name = String(repeating: "ز", count: 201)
        case ("fullName", _): name = "زينب\nعلي"
        case ("nationalId", _): national = "١٢٣"
        case ("phone", _): phone = "07701234567"
        case ("address", _): address = String(repeating: "a", count: 301)
        default: birth = BusinessDate(year: 2199, month: 1, day: 1)
        }
        let error = #expect(throws: PersonalDataError.self) {
            try PersonDetails(personId: id, fullName: name, nationalId: national, phone: phone, address: address, birthDate: birth)
        }
        #expect(error?.code == .invalidInput)
        #expect(error?.field == field)
        #expect(error?.rule == rule)
    }

    @Test func twoHundredArabicCharactersAreAName() throws {
        #expect(
            try PersonDetails(personId: "P-BG0001234501", fullName: String(repeating: "ز", count: 200), nationalId: "197906143321").fullName.count
                == 200)
    }
}
