/// A JSON number kept as its canonical literal text.
///
/// The literal is validated against the JSON grammar (RFC 8259 §6). Its canonical form lowercases
/// the exponent marker, drops a `+` after it and writes negative zero as `0`. Comparison is exact
/// decimal comparison on the literal, never through floating point.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// Numbers are equal when their values are: `1`, `1.0` and `1e0` are one number.
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool { lhs.decimal == rhs.decimal }
    public func hash(into hasher: inout Hasher) { hasher.combine(decimal) }

    /// The canonical literal, for example `-12`, `0.25` or `1e-7`.
    public let literal: String

    /// A number from an integer.
    public init(_ value: Int64) {
        literal = String(value)
    }

    /// A number from a literal.
    /// - Parameter literal: text matching the JSON number grammar.
    /// - Returns: `nil` when the text is not a JSON number.
    public init?(literal: String) {
        guard let canonical = JSONNumber.canonicalize(Array(literal.utf8)) else { return nil }
        self.literal = canonical
    }

    public var description: String { literal }

    /// Whether the value is a whole number (`3`, `3.0` and `3e2` all are).
    public var isInteger: Bool { decimal.isInteger }

    /// The value as `Int64`, when it is a whole number in range.
    public var int64Value: Int64? {
        let d = decimal
        guard d.isInteger else { return nil }
        return d.int64Value
    }

    /// The exact decimal value.
    public var decimal: ExactDecimal { ExactDecimal(canonicalLiteral: literal) }

    static func canonicalize(_ bytes: [UInt8]) -> String? {
        var i = 0
        let n = bytes.count
        func digit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        var negative = false
        if i < n && bytes[i] == 45 { negative = true; i += 1 }
        guard i < n, digit(bytes[i]) else { return nil }
        let intStart = i
        if bytes[i] == 48 {
            i += 1
        } else {
            while i < n && digit(bytes[i]) { i += 1 }
        }
        let intPart = bytes[intStart..<i]
        var fracPart: ArraySlice<UInt8> = []
        if i < n && bytes[i] == 46 {
            i += 1
            let s = i
            while i < n && digit(bytes[i]) { i += 1 }
            guard i > s else { return nil }
            fracPart = bytes[s..<i]
        }
        var expNegative = false
        var expPart: ArraySlice<UInt8> = []
        if i < n && (bytes[i] == 101 || bytes[i] == 69) {
            i += 1
            if i < n && (bytes[i] == 43 || bytes[i] == 45) {
                expNegative = bytes[i] == 45
                i += 1
            }
            let s = i
            while i < n && digit(bytes[i]) { i += 1 }
            guard i > s, i - s <= 6 else { return nil }
            expPart = bytes[s..<i]
        }
        guard i == n else { return nil }
        let allZero = intPart.allSatisfy { $0 == 48 } && fracPart.allSatisfy { $0 == 48 }
        var out = ""
        if negative && !allZero { out.append("-") }
        out.append(String(decoding: intPart, as: UTF8.self))
        if !fracPart.isEmpty {
            out.append(".")
            out.append(String(decoding: fracPart, as: UTF8.self))
        }
        if !expPart.isEmpty {
            out.append("e")
            if expNegative { out.append("-") }
            out.append(String(decoding: expPart, as: UTF8.self))
        }
        return out
    }
}

extension JSONNumber: Comparable {
    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        lhs.decimal < rhs.decimal
    }
}
