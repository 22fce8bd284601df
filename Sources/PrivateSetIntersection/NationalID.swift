/// National id numbers as both sides of a match must spell them: normalised to ASCII digits, then
/// hashed to a curve point (see ``NationalID/point(normalized:)``).
///
/// Two ministries write the same number differently: in Arabic-Indic digits (`٠١٢…`, U+0660–U+0669,
/// usual in Iraq and the Levant), in Eastern Arabic-Indic digits (`۰۱۲…`, U+06F0–U+06F9, Persian and
/// Kurdish keyboards), with spaces, dashes or dots between groups, with invisible direction marks
/// pasted along from right-to-left text. ``normalize(_:rule:)`` reduces every such spelling to the
/// same string of ASCII digits, and refuses anything else, so that an id can only match itself.
public enum NationalID {
    /// How many digits an id must have, with a name to quote in errors.
    public struct Rule: Sendable, Hashable, CustomStringConvertible {
        /// A short name, quoted in errors: `iraq-unified-card`.
        public var name: String
        /// The number of digits allowed (one value, or a range for registries with legacy ids).
        public var digits: ClosedRange<Int>

        /// A rule.
        ///
        /// - Parameters:
        ///   - name: the name quoted in errors.
        ///   - digits: the allowed number of digits (at least 1).
        public init(name: String, digits: ClosedRange<Int>) {
            precondition(digits.lowerBound >= 1, "a national id has at least one digit")
            self.name = name
            self.digits = digits
        }

        /// A rule of exactly `count` digits.
        ///
        /// - Parameters:
        ///   - name: the name quoted in errors.
        ///   - count: the number of digits.
        public init(name: String, digits count: Int) {
            self.init(name: name, digits: count...count)
        }

        /// Iraq's unified national card (البطاقة الوطنية الموحدة): 12 digits. The default.
        public static let iraqUnifiedCard = Rule(name: "iraq-unified-card", digits: 12)

        public var description: String {
            digits.count == 1 ? "\(name) (\(digits.lowerBound) digits)" : "\(name) (\(digits.lowerBound)–\(digits.upperBound) digits)"
        }
    }

    /// The id as ASCII digits.
    ///
    /// Keeps ASCII digits; maps Arabic-Indic (U+0660–U+0669) and Eastern Arabic-Indic (U+06F0–U+06F9)
    /// digits to ASCII; drops spaces (any Unicode space separator and tabs), dashes (`-`, U+2010–U+2015,
    /// U+2212), dots (`.`, U+066B Arabic decimal separator, U+06D4 Arabic full stop, U+00B7) and invisible
    /// direction marks (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069, U+FEFF). Anything else is
    /// refused, and so is a digit count outside the rule. Leading zeros are kept: an id is a string.
    ///
    /// Error messages name the rule, the position and the offending character, never the id itself,
    /// so that they can go to logs.
    ///
    /// - Parameters:
    ///   - raw: the id as written.
    ///   - rule: the length rule; Iraq's 12-digit unified card by default.
    /// - Returns: the digits, ASCII.
    /// - Throws: ``MatchError`` `invalid_national_id` for a character that is not a digit or separator, or
    ///   a digit count outside `rule`.
    public static func normalize(_ raw: String, rule: Rule = .iraqUnifiedCard) throws(MatchError) -> String {
        var digits = [UInt8]()
        digits.reserveCapacity(rule.digits.upperBound)
        for (position, scalar) in raw.unicodeScalars.enumerated() {
            let v = scalar.value
            switch v {
            case 0x30...0x39: digits.append(UInt8(v))
            case 0x0660...0x0669: digits.append(UInt8(0x30 + v - 0x0660))
            case 0x06F0...0x06F9: digits.append(UInt8(0x30 + v - 0x06F0))
            case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: continue  // spaces
            case 0x2D, 0x2010...0x2015, 0x2212: continue  // dashes
            case 0x2E, 0x066B, 0x06D4, 0xB7: continue  // dots
            case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: continue  // direction marks, BOM
            default:
                let shown = scalar.properties.generalCategory == .control ? "" : " '\(Character(scalar))'"
                throw MatchError(
                    .invalidNationalID, field: "national_id",
                    "character\(shown) (U+\(String(v, radix: 16, uppercase: true).leftPadded(to: 4))) at position \(position + 1) is not a digit, space, dash or dot; rule \(rule)")
            }
            if digits.count > rule.digits.upperBound + 64 { break }  // no need to count a megabyte of digits
        }
        guard rule.digits.contains(digits.count) else {
            throw MatchError(.invalidNationalID, field: "national_id", "has \(digits.count) digit\(digits.count == 1 ? "" : "s"); rule \(rule)")
        }
        return String(decoding: digits, as: UTF8.self)
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
