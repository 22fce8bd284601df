import EventStore
import Foundation

/// A person's details as the vault keeps them: checked and normalised, never written anywhere in clear.
///
/// The rules (field names as in the API; the CSV import reports its column names instead):
/// - `personId`: the catalogue's pseudonymous person id, `^P-[0-9A-Z]{8,20}$`.
/// - `fullName`: Unicode (Arabic welcome), normalised to NFC, surrounding white space trimmed,
///   1 to 200 characters, no control characters.
/// - `nationalId`: 12 digits after ``NationalIDNormalizer`` (Arabic-Indic digits, spaces and dashes allowed).
/// - `phone` (optional): international form after the same digit mapping and with spaces, dashes,
///   dots and parentheses removed: `+` then 8 to 15 digits, the first not 0 (`+9647701234567`).
/// - `address` (optional): NFC, trimmed, at most 300 characters, no control characters but line breaks.
/// - `birthDate` (optional): a calendar date from 1900-01-01 up to today (UTC).
public struct PersonDetails: Sendable, Hashable {
    /// The pseudonymous person id (`P-BG0001234501`), the key events use.
    public let personId: String
    /// The full name, NFC.
    public let fullName: String
    /// The national id, 12 ASCII digits.
    public let nationalId: String
    /// The phone number, `+` and digits.
    public let phone: String?
    /// The postal or descriptive address.
    public let address: String?
    /// The date of birth.
    public let birthDate: BusinessDate?

    /// The pattern of person ids (`EventSchemas/common.v1.json#/$defs/personId`).
    public static let personIdPattern = "^P-[0-9A-Z]{8,20}$"
    /// The most characters a name may have.
    public static let maximumNameLength = 200
    /// The most characters an address may have.
    public static let maximumAddressLength = 300

    /// Checks and normalises a person's details.
    /// - Parameters:
    ///   - personId: the pseudonymous person id.
    ///   - fullName: the full name.
    ///   - nationalId: the national id as written (see ``NationalIDNormalizer``).
    ///   - phone: the phone number, or `nil` (an empty or blank string counts as none).
    ///   - address: the address, or `nil` (an empty or blank string counts as none).
    ///   - birthDate: the date of birth, or `nil`.
    /// - Throws: ``PersonalDataError`` `invalid_input` naming the field and rule; the message never repeats the value.
    public init(
        personId: String, fullName: String, nationalId: String, phone: String? = nil, address: String? = nil, birthDate: BusinessDate? = nil
    ) throws(PersonalDataError) {
        self.personId = try Self.checkPersonId(personId)
        self.fullName = try Self.checkName(fullName)
        self.nationalId = try NationalIDNormalizer.normalize(nationalId, field: "nationalId")
        if let phone { self.phone = try Self.checkPhone(phone) } else { self.phone = nil }
        if let address { self.address = try Self.checkAddress(address) } else { self.address = nil }
        if let birthDate, birthDate > BusinessDate.today() {
            throw PersonalDataError.invalid("birthDate", "range", "must not lie in the future")
        }
        self.birthDate = birthDate
    }

    /// A birth date written `YYYY-MM-DD`, or `nil` for an empty or blank text.
    /// - Parameters:
    ///   - text: the date as written.
    ///   - field: the field to name in an error.
    /// - Returns: the date, or `nil` for no date.
    /// - Throws: ``PersonalDataError`` `invalid_input`, rule `date`.
    public static func parseBirthDate(_ text: String, field: String = "birthDate") throws(PersonalDataError) -> BusinessDate? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        do {
            return try BusinessDate(parsing: trimmed, field: field)
        } catch {
            throw PersonalDataError.invalid(field, "date", "must be a calendar date written YYYY-MM-DD from 1900-01-01")
        }
    }

    /// Checks a person id against ``personIdPattern``.
    /// - Parameters:
    ///   - id: the person id.
    ///   - field: the field to name in an error.
    /// - Returns: the id, unchanged.
    /// - Throws: ``PersonalDataError`` `invalid_input`, rule `required` or `pattern`.
    public static func checkPersonId(_ id: String, field: String = "personId") throws(PersonalDataError) -> String {
        if id.isEmpty { throw PersonalDataError.invalid(field, "required", "is required") }
        let u = Array(id.utf8)
        let body = u.dropFirst(2)
        guard u.count >= 10, u.count <= 22, u[0] == UInt8(ascii: "P"), u[1] == UInt8(ascii: "-"),
            body.allSatisfy({ (48...57).contains($0) || (65...90).contains($0) })
        else {
            throw PersonalDataError.invalid(field, "pattern", "must be a person id like P-BG0001234501 (P- then 8 to 20 of 0-9 A-Z)")
        }
        return id
    }

    static func checkName(_ raw: String) throws(PersonalDataError) -> String {
        let name = raw.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { throw PersonalDataError.invalid("fullName", "required", "is required") }
        guard name.count <= maximumNameLength else {
            throw PersonalDataError.invalid("fullName", "maxLength", "must be at most \(maximumNameLength) characters (found \(name.count))")
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw PersonalDataError.invalid("fullName", "characters", "must not contain control characters or line breaks")
        }
        return name
    }

    static func checkPhone(_ raw: String) throws(PersonalDataError) -> String? {
        var out = ""
        var sawAnything = false
        for scalar in raw.unicodeScalars {
            if let digit = NationalIDNormalizer.asciiDigit(scalar) {
                out.unicodeScalars.append(digit)
                sawAnything = true
            } else if scalar == "+" {
                out.unicodeScalars.append(scalar)
                sawAnything = true
            } else if NationalIDNormalizer.isIgnorable(scalar) || scalar == "(" || scalar == ")" || scalar == "." {
                continue
            } else {
                throw PersonalDataError.invalid("phone", "pattern", "must be an international number: + then 8 to 15 digits, e.g. +9647701234567")
            }
        }
        if !sawAnything { return nil }
        let u = Array(out.utf8)
        guard u.count >= 9, u.count <= 16, u[0] == UInt8(ascii: "+"), u[1] != UInt8(ascii: "0"),
            u.dropFirst().allSatisfy({ (48...57).contains($0) })
        else {
            throw PersonalDataError.invalid("phone", "pattern", "must be an international number: + then 8 to 15 digits, e.g. +9647701234567")
        }
        return out
    }

    static func checkAddress(_ raw: String) throws(PersonalDataError) -> String? {
        let address = raw.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        if address.isEmpty { return nil }
        guard address.count <= maximumAddressLength else {
            throw PersonalDataError.invalid("address", "maxLength", "must be at most \(maximumAddressLength) characters (found \(address.count))")
        }
        guard !address.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\r" }) else {
            throw PersonalDataError.invalid("address", "characters", "must not contain control characters")
        }
        return address
    }
}
