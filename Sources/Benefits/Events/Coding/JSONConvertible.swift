import DaftarJSON
import EventStore

/// A value that an event payload holds, read from and written to ``JSONValue`` exactly.
///
/// Reading checks the JSON kind and the value's own format (a calendar date, an enum code); it does
/// not check the schema's patterns and bounds, which the catalogue checks on every append
/// (``BenefitsCatalogue``). Writing gives back the JSON that was read: decoding then encoding a
/// schema-valid payload yields the same canonical text.
public protocol JSONConvertible: Sendable {
    /// Reads the value.
    /// - Parameters:
    ///   - json: the JSON value.
    ///   - pointer: where it is in the payload, for errors (`/components/0`).
    /// - Throws: ``EventDecodingError`` naming the pointer and the rule.
    init(json: JSONValue, at pointer: String) throws(EventDecodingError)

    /// The value as JSON.
    var json: JSONValue { get }
}

extension Bool: JSONConvertible {
    /// Reads `true` or `false`.
    /// - Throws: ``EventDecodingError`` with rule `type` for anything else.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        guard case .bool(let value) = json else { throw .wrongType(pointer, expected: "boolean", found: json) }
        self = value
    }

    /// `true` or `false`.
    public var json: JSONValue { .bool(self) }
}

extension Int: JSONConvertible {
    /// Reads a whole number (`3`, also `3.0` as JSON Schema's `integer` allows) that fits in `Int`.
    /// - Throws: ``EventDecodingError`` with rule `type` for anything else.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        guard let value = json.int64Value, let int = Int(exactly: value) else {
            throw .wrongType(pointer, expected: "integer", found: json)
        }
        self = int
    }

    /// The number.
    public var json: JSONValue { .number(JSONNumber(Int64(self))) }
}

extension Int64: JSONConvertible {
    /// Reads a whole number that fits in `Int64`.
    /// - Throws: ``EventDecodingError`` with rule `type` for anything else.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        guard let value = json.int64Value else { throw .wrongType(pointer, expected: "64-bit integer", found: json) }
        self = value
    }

    /// The number.
    public var json: JSONValue { .number(JSONNumber(self)) }
}

extension BusinessDate: JSONConvertible {
    /// Reads a calendar date written `YYYY-MM-DD`.
    /// - Throws: ``EventDecodingError`` with rule `type` for a non-string, `format` for a string that is not a date.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        guard case .string(let text) = json else { throw .wrongType(pointer, expected: "date string", found: json) }
        do {
            self = try BusinessDate(parsing: text, field: pointer)
        } catch {
            throw .invalid(pointer, "format", "must be a calendar date written YYYY-MM-DD")
        }
    }

    /// The date as `YYYY-MM-DD`.
    public var json: JSONValue { .string(description) }
}

extension Currency: JSONConvertible {
    /// Reads an ISO 4217 code from Daftar's table.
    /// - Throws: ``EventDecodingError`` with rule `type` or `enum`.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        guard case .string(let code) = json else { throw .wrongType(pointer, expected: "currency code", found: json) }
        do {
            self = try Currency(code: code, field: pointer)
        } catch {
            throw .invalid(pointer, "enum", "must be one of \(Currency.all.map(\.code).joined(separator: ", "))")
        }
    }

    /// The ISO 4217 code.
    public var json: JSONValue { .string(code) }
}

extension Array: JSONConvertible where Element: JSONConvertible {
    /// Reads a JSON array, element by element.
    /// - Throws: ``EventDecodingError`` for a non-array or the first element that cannot be read.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        guard case .array(let elements) = json else { throw .wrongType(pointer, expected: "array", found: json) }
        var result: [Element] = []
        result.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            result.append(try Element(json: element, at: "\(pointer)/\(index)"))
        }
        self = result
    }

    /// The elements as a JSON array, in order.
    public var json: JSONValue { .array(map(\.json)) }
}

/// A code from one of the catalogue's string enums, read and written as its raw value.
public protocol JSONStringCode: JSONConvertible, RawRepresentable, CaseIterable, Hashable where RawValue == String {}

extension JSONStringCode {
    /// Reads one of the codes.
    /// - Throws: ``EventDecodingError`` with rule `type` for a non-string, `enum` for an unknown code.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        guard case .string(let text) = json else { throw .wrongType(pointer, expected: "string code", found: json) }
        guard let value = Self(rawValue: text) else {
            throw .invalid(pointer, "enum", "must be one of \(Self.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = value
    }

    /// The code.
    public var json: JSONValue { .string(rawValue) }
}

/// A code from one of the catalogue's integer enums, read and written as its raw value.
public protocol JSONIntegerCode: JSONConvertible, RawRepresentable, CaseIterable, Hashable where RawValue == Int {}

extension JSONIntegerCode {
    /// Reads one of the codes.
    /// - Throws: ``EventDecodingError`` with rule `type` for a non-integer, `enum` for an unknown code.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        let raw = try Int(json: json, at: pointer)
        guard let value = Self(rawValue: raw) else {
            throw .invalid(pointer, "enum", "must be one of \(Self.allCases.map { String($0.rawValue) }.joined(separator: ", "))")
        }
        self = value
    }

    /// The code.
    public var json: JSONValue { .number(JSONNumber(Int64(rawValue))) }
}

extension Dictionary: JSONConvertible where Key: JSONStringCode, Value: JSONConvertible {
    /// Reads a JSON object whose member names are codes (for example indicator weights by indicator).
    /// - Throws: ``EventDecodingError`` with rule `type` for a non-object, `additionalProperties` for a
    ///   member name that is not a code, or the first member value that cannot be read.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        guard case .object(let members) = json else { throw .wrongType(pointer, expected: "object", found: json) }
        var result: [Key: Value] = [:]
        for name in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let memberPointer = pointer + "/" + JSONObjectReader.escape(name)
            guard let key = Key(rawValue: name) else {
                throw .invalid(memberPointer, "additionalProperties", "is not an allowed member name")
            }
            result[key] = try Value(json: members[name]!, at: memberPointer)
        }
        self = result
    }

    /// The entries as a JSON object.
    public var json: JSONValue {
        .object([String: JSONValue](uniqueKeysWithValues: map { ($0.key.rawValue, $0.value.json) }))
    }
}
