import Benefits
import DaftarJSON
import EventStore
import Foundation

/// Reads the values of a scenario document strictly, each at a field path such as
/// `changes[2].amountMinor`, and throws ``PlanningError`` `invalid_scenario` naming the field and
/// the rule broken.
///
/// The bounds and patterns here are those of `Ops/plan/scenario.schema.json`; a document the reader
/// accepts, the schema accepts, and the other way round (`ScenarioFilesTests` checks both on the
/// examples and on a set of bad documents).
struct ScenarioJSONReader {
    /// The largest amount of a scheduled benefit, top-up or ceiling, in ledger units (as the catalogue's `amountMinor`).
    static let maximumAmountMinor: Int64 = 1_000_000_000_000_000
    /// The largest GDP or revenue figure, in ledger units (room for large economies in small units).
    static let maximumMacroMinor: Int64 = 1_000_000_000_000_000_000
    /// The most characters of a scenario's name.
    static let maximumNameLength = 200
    /// The most characters of a scenario's description.
    static let maximumDescriptionLength = 4000
    /// The most changes a scenario may make.
    static let maximumChanges = 100
    /// The most elements of a take-up curve and the most months of a top-up.
    static let maximumCurveMonths = 120
    /// The most fractional digits of a share (a rate in 0…1).
    static let maximumShareFractionDigits = 18
    /// The most fractional digits of a PMT threshold, as the catalogue's `pmtScore`.
    static let maximumThresholdFractionDigits = 6

    // MARK: - Paths and errors

    /// The path of member `key` of the object at `path`.
    static func member(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The path of element `index` of the array at `path`.
    static func element(_ path: String, _ index: Int) -> String { "\(path)[\(index)]" }

    /// How a field is named at the start of a message.
    static func subject(_ path: String) -> String { path.isEmpty ? "The scenario document" : "The field \(path)" }

    /// An `invalid_scenario` error.
    static func invalid(_ path: String, _ rule: String, _ message: String) -> PlanningError {
        PlanningError(code: "invalid_scenario", field: path, rule: rule, message: message)
    }

    /// A `type` error: `expected` in words, and the JSON type found.
    static func wrongType(_ path: String, _ value: JSONValue, expected: String) -> PlanningError {
        invalid(path, "type", "\(subject(path)) must be \(expected), but it is \(article(value.kindName)) \(value.kindName).")
    }

    private static func article(_ noun: String) -> String {
        noun.first.map { "aeiou".contains($0) } == true ? "an" : "a"
    }

    // MARK: - Objects

    /// The members of the object at `path`, after checking that it has no member but `allowed`.
    /// - Throws: rule `type` for a non-object, `unknownField` for the first unknown member (by name).
    static func object(_ value: JSONValue, at path: String, allowed: [String]) throws(PlanningError) -> [String: JSONValue] {
        guard case .object(let members) = value else { throw wrongType(path, value, expected: "a JSON object") }
        let unknown = members.keys.filter { !allowed.contains($0) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        if let first = unknown.first {
            let field = member(path, first)
            throw invalid(
                field, "unknownField",
                "\(subject(field)) is not allowed here: \(path.isEmpty ? "a scenario" : path) has only the fields \(allowed.joined(separator: ", "))."
            )
        }
        return members
    }

    /// The member `key`, which must be present.
    /// - Throws: rule `required` when absent.
    static func required(_ members: [String: JSONValue], _ key: String, in path: String) throws(PlanningError) -> JSONValue {
        guard let value = members[key] else {
            let field = member(path, key)
            throw invalid(field, "required", "\(subject(field)) is required but missing.")
        }
        return value
    }

    // MARK: - Scalars

    /// A string of `1…maximumLength` characters (Unicode scalars) without control characters.
    /// - Throws: rule `type`, `length` or `pattern`.
    static func text(_ value: JSONValue, at path: String, maximumLength: Int, allowsLineBreaks: Bool) throws(PlanningError) -> String {
        guard case .string(let text) = value else { throw wrongType(path, value, expected: "a string") }
        let count = text.unicodeScalars.count
        guard count >= 1, count <= maximumLength else {
            throw invalid(path, "length", "\(subject(path)) must have 1 to \(maximumLength) characters, but it has \(count).")
        }
        let forbidden = text.unicodeScalars.contains { s in
            (s.value < 0x20 || s.value == 0x7F) && !(allowsLineBreaks && (s == "\n" || s == "\r" || s == "\t"))
        }
        if forbidden {
            throw invalid(
                path, "pattern",
                "\(subject(path)) must not contain control characters\(allowsLineBreaks ? " other than line breaks and tabs" : " such as line breaks")."
            )
        }
        return text
    }

    /// A whole number in `range`.
    /// - Throws: rule `type` for anything but a whole JSON number, `range` outside `range`.
    static func integer(_ value: JSONValue, at path: String, in range: ClosedRange<Int64>, unit: String = "") throws(PlanningError) -> Int64 {
        guard case .number(let number) = value, number.isInteger else {
            throw wrongType(path, value, expected: "a whole number (a JSON integer)")
        }
        guard let integer = number.int64Value, range.contains(integer) else {
            throw invalid(
                path, "range", "\(subject(path)) must be from \(range.lowerBound) to \(range.upperBound)\(unit), but it is \(number.literal).")
        }
        return integer
    }

    /// An amount in ledger units, `minimum…maximum`.
    /// - Throws: as ``integer(_:at:in:unit:)``.
    static func amount(_ value: JSONValue, at path: String, minimum: Int64 = 0, maximum: Int64 = maximumAmountMinor) throws(PlanningError) -> Int64 {
        try integer(value, at: path, in: minimum...maximum, unit: " (ledger units of the scenario's currency)")
    }

    /// A non-negative decimal written as a JSON string: digits without leading zeros, and optionally
    /// a point and fractional digits (no sign: no decimal of a scenario is negative). Returns the value and its count of fractional digits.
    /// - Throws: rule `type` for anything but a string (a JSON number included: decimals are never
    ///   read through floating point), `syntax` for any other text.
    static func decimal(_ value: JSONValue, at path: String, example: String) throws(PlanningError) -> (value: Decimal, fractionDigits: Int) {
        guard case .string(let text) = value else {
            throw wrongType(path, value, expected: "a decimal number written as a JSON string, such as \"\(example)\"")
        }
        let bytes = Array(text.utf8)
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        var i = 0
        let integerStart = i
        while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        let integerDigits = i - integerStart
        var fractionDigits = 0
        var wellFormed = integerDigits > 0 && (integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0"))
        if wellFormed, i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            fractionDigits = i - fractionStart
            wellFormed = fractionDigits > 0
        }
        // Bounded so that Decimal holds the text exactly (38 digits); every field's range is far narrower.
        guard wellFormed, i == bytes.count, bytes.count <= 40,
            let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        else {
            throw invalid(
                path, "syntax",
                "\(subject(path)) must be a plain decimal number such as \"\(example)\": digits without a leading zero, optionally a point and more digits; no sign, spaces, exponent or separators."
            )
        }
        return (decimal, fractionDigits)
    }

    /// A share: a decimal string from 0 to 1 with at most 18 fractional digits.
    /// - Throws: as ``decimal(_:at:example:)``, and rule `range` outside 0…1, `precision` for more fractional digits.
    static func share(_ value: JSONValue, at path: String) throws(PlanningError) -> Rate {
        let (decimal, fractionDigits) = try Self.decimal(value, at: path, example: "0.05")
        guard decimal >= 0, decimal <= 1 else {
            throw invalid(path, "range", "\(subject(path)) must be a share from 0 to 1, but it is \(decimal).")
        }
        guard fractionDigits <= maximumShareFractionDigits else {
            throw invalid(path, "precision", "\(subject(path)) may have at most \(maximumShareFractionDigits) digits after the point.")
        }
        do {
            return try Rate(decimal, field: path)
        } catch {
            throw invalid(path, "precision", "\(subject(path)) has too many significant digits.")
        }
    }

    /// A PMT threshold: a decimal string from 0 to 100 with at most 6 fractional digits (the catalogue's `pmtScore`).
    /// - Throws: as ``decimal(_:at:example:)``, and rule `range` outside 0…100, `precision` for more fractional digits.
    static func threshold(_ value: JSONValue, at path: String) throws(PlanningError) -> Decimal {
        let (decimal, fractionDigits) = try Self.decimal(value, at: path, example: "11.8277")
        guard decimal >= 0, decimal <= 100 else {
            throw invalid(path, "range", "\(subject(path)) must be a PMT threshold from 0 to 100, but it is \(decimal).")
        }
        guard fractionDigits <= maximumThresholdFractionDigits else {
            throw invalid(path, "precision", "\(subject(path)) may have at most \(maximumThresholdFractionDigits) digits after the point.")
        }
        return decimal
    }

    /// A month written `YYYY-MM`, years 1900–2199.
    /// - Throws: rule `type`, `pattern` for anything but `YYYY-MM`, `range` for a month outside 1–12 or a year outside 1900–2199.
    static func cycle(_ value: JSONValue, at path: String) throws(PlanningError) -> PaymentCycle {
        guard case .string(let text) = value else { throw wrongType(path, value, expected: "a month written as a string YYYY-MM") }
        guard let (year, month) = PaymentCycle.digits(of: text) else {
            throw invalid(path, "pattern", "\(subject(path)) must be a month written YYYY-MM, such as \"2026-01\".")
        }
        guard let cycle = PaymentCycle(year: year, month: month) else {
            throw invalid(path, "range", "\(subject(path)) must be a month from 01 to 12 of a year from 1900 to 2199, but it is \"\(text)\".")
        }
        return cycle
    }

    /// One of `codes`.
    /// - Throws: rule `type` for a non-string, `enum` for another string.
    static func code(_ value: JSONValue, at path: String, oneOf codes: [String]) throws(PlanningError) -> String {
        guard case .string(let text) = value else { throw wrongType(path, value, expected: "a string") }
        guard codes.contains(text) else {
            throw invalid(path, "enum", "\(subject(path)) must be one of \(codes.joined(separator: ", ")).")
        }
        return text
    }

    /// A governorate code (`IQ-BA`): the pattern `^[A-Z]{2}-[A-Z0-9]{1,3}$` of `common.v1.json#/$defs/governorate`.
    /// - Throws: rule `type` or `pattern`.
    static func governorate(_ value: JSONValue, at path: String) throws(PlanningError) -> GovernorateCode {
        guard case .string(let text) = value else { throw wrongType(path, value, expected: "a governorate code such as \"IQ-BA\"") }
        guard isGovernorate(Array(text.utf8)[...]) else {
            throw invalid(
                path, "pattern",
                "\(subject(path)) must be a governorate code: two capital letters, a hyphen and 1 to 3 capital letters or digits, such as \"IQ-BA\".")
        }
        return GovernorateCode(text)
    }

    /// A governorate (`IQ-BA`) or district (`IQ-BA-03`) code: the patterns of `common.v1.json#/$defs/governorate`
    /// and `#/$defs/district`.
    /// - Throws: rule `type` or `pattern`.
    static func area(_ value: JSONValue, at path: String) throws(PlanningError) -> AreaCode {
        guard case .string(let text) = value else { throw wrongType(path, value, expected: "a governorate or district code such as \"IQ-BA-03\"") }
        let bytes = Array(text.utf8)
        var ok = isGovernorate(bytes[...])
        if !ok, let dash = bytes.lastIndex(of: UInt8(ascii: "-")), dash > 3 {
            let number = bytes[(dash + 1)...]
            ok = isGovernorate(bytes[..<dash]) && (2...4).contains(number.count) && number.allSatisfy(isDigit)
        }
        guard ok else {
            throw invalid(
                path, "pattern",
                "\(subject(path)) must be a governorate code such as \"IQ-BA\" or a district code such as \"IQ-BA-03\" (a governorate code, a hyphen and 2 to 4 digits)."
            )
        }
        return AreaCode(text)
    }

    /// The governorate an area code (governorate or district) lies in: its first two parts.
    static func governorate(of area: AreaCode) -> GovernorateCode {
        let parts = area.rawValue.split(separator: "-", omittingEmptySubsequences: false)
        return GovernorateCode(parts.prefix(2).joined(separator: "-"))
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    private static func isUpper(_ b: UInt8) -> Bool { b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") }

    private static func isGovernorate(_ bytes: ArraySlice<UInt8>) -> Bool {
        let b = Array(bytes)
        guard (4...6).contains(b.count), isUpper(b[0]), isUpper(b[1]), b[2] == UInt8(ascii: "-") else { return false }
        return b[3...].allSatisfy { isUpper($0) || isDigit($0) }
    }

    // MARK: - Arrays

    /// The elements of the array at `path`, `count` of them.
    /// - Throws: rule `type` for a non-array, `length` for a count outside `count`.
    static func array(_ value: JSONValue, at path: String, count: ClosedRange<Int>) throws(PlanningError) -> [JSONValue] {
        guard case .array(let elements) = value else { throw wrongType(path, value, expected: "a JSON array") }
        guard count.contains(elements.count) else {
            throw invalid(
                path, "length", "\(subject(path)) must have \(count.lowerBound) to \(count.upperBound) elements, but it has \(elements.count).")
        }
        return elements
    }

    /// Checks that no element of the array at `path` repeats an earlier one.
    /// - Throws: rule `unique`, naming the repeated element.
    static func unique<T: Hashable>(_ values: [T], at path: String) throws(PlanningError) {
        var seen = Set<T>()
        for (index, value) in values.enumerated() where !seen.insert(value).inserted {
            let field = element(path, index)
            throw invalid(field, "unique", "\(subject(field)) repeats an earlier element of \(path).")
        }
    }

    // MARK: - Years

    /// An object from fiscal years (`"2026"`, 1900–2199) to amounts in `minimum…maximum`.
    /// - Throws: rule `type`, `pattern` for a key that is not a year, and the amounts' errors.
    static func amountsByYear(
        _ value: JSONValue, at path: String, minimum: Int64, maximum: Int64, atLeastOne: Bool
    ) throws(PlanningError) -> [Int: Int64] {
        guard case .object(let members) = value else { throw wrongType(path, value, expected: "a JSON object from years to amounts") }
        if atLeastOne, members.isEmpty {
            throw invalid(path, "length", "\(subject(path)) must give an amount for at least one year.")
        }
        var result: [Int: Int64] = [:]
        for (key, amountValue) in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            let field = member(path, key)
            let bytes = Array(key.utf8)
            guard bytes.count == 4, bytes.allSatisfy(isDigit), let year = Int(key), (1900...2199).contains(year) else {
                throw invalid(
                    field, "pattern", "\(subject(field)) is not a year: the keys of \(path) must be fiscal years from 1900 to 2199, such as \"2026\"."
                )
            }
            result[year] = try amount(amountValue, at: field, minimum: minimum, maximum: maximum)
        }
        return result
    }
}
