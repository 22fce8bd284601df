/// An exact decimal value: `sign × digits × 10^exponent`, normalised so that equal values are equal.
///
/// Used to compare JSON numbers and to check `multipleOf` without floating point. It is a value
/// for comparison, not for arithmetic on money (money is integer minor units).
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `true` for values below zero. Zero is never negative.
    public let isNegative: Bool
    /// Significant digits without leading or trailing zeros; empty for zero.
    public let digits: [UInt8]
    /// The power of ten applied to `digits`.
    public let exponent: Int

    /// A decimal from a canonical JSON number literal (see ``JSONNumber``).
    init(canonicalLiteral literal: String) {
        var bytes = Array(literal.utf8)
        var negative = false
        if bytes.first == 45 { negative = true; bytes.removeFirst() }
        var exp = 0
        if let e = bytes.firstIndex(of: 101) {
            let expText = String(decoding: bytes[(e + 1)...], as: UTF8.self)
            exp = Int(expText.prefix(9)) ?? 0
            if expText.count > 9 { exp = expText.hasPrefix("-") ? -999_999_999 : 999_999_999 }
            bytes = Array(bytes[..<e])
        }
        var all: [UInt8] = []
        if let dot = bytes.firstIndex(of: 46) {
            all = Array(bytes[..<dot]) + Array(bytes[(dot + 1)...])
            exp -= bytes.count - dot - 1
        } else {
            all = bytes
        }
        var d = all.map { $0 - 48 }
        while d.first == 0 { d.removeFirst() }
        while d.last == 0 { d.removeLast(); exp += 1 }
        if d.isEmpty {
            self.init(isNegative: false, digits: [], exponent: 0)
        } else {
            self.init(isNegative: negative, digits: d, exponent: exp)
        }
    }

    init(isNegative: Bool, digits: [UInt8], exponent: Int) {
        self.isNegative = isNegative
        self.digits = digits
        self.exponent = exponent
    }

    /// Whether the value has no fractional part.
    public var isInteger: Bool { digits.isEmpty || exponent >= 0 }

    /// The value as `Int64` when it is a whole number in range.
    public var int64Value: Int64? {
        guard isInteger else { return nil }
        if digits.isEmpty { return 0 }
        guard digits.count + exponent <= 19 else { return nil }
        var magnitude: UInt64 = 0
        for d in digits {
            let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(d))
            if o1 || o2 { return nil }
            magnitude = s
        }
        for _ in 0..<exponent {
            let (m, o) = magnitude.multipliedReportingOverflow(by: 10)
            if o { return nil }
            magnitude = m
        }
        if isNegative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// Whether `self` is an integer multiple of `divisor` (JSON Schema `multipleOf`).
    public func isMultiple(of divisor: ExactDecimal) -> Bool {
        guard !divisor.digits.isEmpty else { return false }
        if digits.isEmpty { return true }
        // Scale both to a common exponent and test integer divisibility by long division.
        let common = Swift.min(exponent, divisor.exponent)
        let a = digits + [UInt8](repeating: 0, count: exponent - common)
        let b = divisor.digits + [UInt8](repeating: 0, count: divisor.exponent - common)
        guard a.count < 400, b.count < 400 else { return false }
        return ExactDecimal.remainder(a, b).allSatisfy { $0 == 0 }
    }

    private static func compareMagnitude(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var x = a[...]
        var y = b[...]
        while x.first == 0 { x = x.dropFirst() }
        while y.first == 0 { y = y.dropFirst() }
        if x.count != y.count { return x.count < y.count ? -1 : 1 }
        for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
        return 0
    }

    private static func subtract(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var result = a
        var borrow = 0
        var j = b.count - 1
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            var v = Int(result[i]) - borrow - (j >= 0 ? Int(b[j]) : 0)
            j -= 1
            if v < 0 { v += 10; borrow = 1 } else { borrow = 0 }
            result[i] = UInt8(v)
        }
        return result
    }

    private static func remainder(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var r: [UInt8] = []
        for d in a {
            r.append(d)
            while r.first == 0 && r.count > 1 { r.removeFirst() }
            while compareMagnitude(r, b) >= 0 { r = subtract(r, b) }
        }
        return r
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        let m = magnitudeCompare(lhs, rhs)
        return lhs.isNegative ? m > 0 : m < 0
    }

    private static func magnitudeCompare(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        if a.digits.isEmpty || b.digits.isEmpty {
            if a.digits.isEmpty && b.digits.isEmpty { return 0 }
            return a.digits.isEmpty ? -1 : 1
        }
        let aa = a.digits.count + a.exponent
        let bb = b.digits.count + b.exponent
        if aa != bb { return aa < bb ? -1 : 1 }
        let n = Swift.max(a.digits.count, b.digits.count)
        for i in 0..<n {
            let x = i < a.digits.count ? a.digits[i] : 0
            let y = i < b.digits.count ? b.digits[i] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }

    public var description: String {
        if digits.isEmpty { return "0" }
        return (isNegative ? "-" : "") + digits.map { String($0) }.joined() + "e" + String(exponent)
    }
}
