import DaftarJSON
import EventStore

extension PersonDetails {
    /// The format tag inside every sealed record.
    static let format = "daftar.person.v1"

    /// The canonical JSON the vault seals: the fields, sorted, optional ones left out when absent.
    var canonicalBytes: [UInt8] {
        var object: [String: JSONValue] = [
            "format": .string(Self.format), "personId": .string(personId), "fullName": .string(fullName), "nationalId": .string(nationalId),
        ]
        if let phone { object["phone"] = .string(phone) }
        if let address { object["address"] = .string(address) }
        if let birthDate { object["birthDate"] = .string(birthDate.description) }
        var out: [UInt8] = []
        JSONValue.object(object).appendCanonical(to: &out)
        return out
    }

    /// Reads a record the vault sealed.
    /// - Throws: ``PersonalDataError`` `decryption_failed` when it is not one, or names another person.
    init(sealedJSON bytes: [UInt8], expectedPersonId: String) throws(PersonalDataError) {
        let corrupt = PersonalDataError(
            code: .decryptionFailed, message: "the stored record of \(expectedPersonId) is not a \(Self.format) record")
        guard let json = try? JSONParser.parse(bytes), json["format"]?.stringValue == Self.format,
            json["personId"]?.stringValue == expectedPersonId,
            let name = json["fullName"]?.stringValue, let nationalId = json["nationalId"]?.stringValue
        else { throw corrupt }
        personId = expectedPersonId
        fullName = name
        self.nationalId = nationalId
        phone = json["phone"]?.stringValue
        address = json["address"]?.stringValue
        if let text = json["birthDate"]?.stringValue {
            guard let date = try? BusinessDate(parsing: text) else { throw corrupt }
            birthDate = date
        } else {
            birthDate = nil
        }
    }
}
