import DaftarJSON
import Foundation

/// A decimal number of a payload that is not money: a PMT score, a threshold, an indicator value or
/// weight, an intercept.
///
/// Kept as the JSON number as written (`-6.0` stays `-6.0`), so a payload is written back exactly;
/// computations use ``decimal``, a Foundation `Decimal`, never `Double`. Numbers are equal when
/// their values are (`1.0 == 1`).
public struct DecimalNumber: Sendable, Hashable, Comparable, CustomStringConvertible, JSONConvertible {
    /// The number as the payload holds it.
    public let number: JSONNumber

    /// A number as written in JSON.
    /// - Parameter number: the JSON number.
    public init(_ number: JSONNumber) {
        self.number = number
    }

    /// A number from a `Decimal`, written in plain decimal notation (`11.827736`).
    /// - Parameter decimal: a finite decimal.
    /// - Returns: `nil` for NaN.
    public init?(_ decimal: Decimal) {
        guard !decimal.isNaN, let number = JSONNumber(literal: decimal.description) else { return nil }
        self.number = number
    }

    /// Reads any JSON number.
    /// - Throws: ``EventDecodingError`` with rule `type` for anything else.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        guard case .number(let number) = json else { throw .wrongType(pointer, expected: "number", found: json) }
        self.number = number
    }

    /// The exact value as a Foundation `Decimal`.
    public var decimal: Decimal {
        Decimal(string: number.literal, locale: Locale(identifier: "en_US_POSIX")) ?? .nan
    }

    /// The number as written.
    public var description: String { number.literal }

    /// The number, as written.
    public var json: JSONValue { .number(number) }

    public static func < (lhs: DecimalNumber, rhs: DecimalNumber) -> Bool { lhs.number < rhs.number }
}
