internal import Foundation

/// A compiled `pattern` or `patternProperties` regular expression.
///
/// JSON Schema patterns are ECMA-262 regular expressions, unanchored. Foundation's engine (ICU)
/// differs from ECMA-262 in ways that matter for validation, so the source is rewritten first:
/// - `\d` and `\w` are ASCII in ECMA-262 but Unicode in ICU, where `^\d+$` would accept
///   Arabic-Indic digits such as `١٢٣`; they become `[0-9]` and `[A-Za-z0-9_]`.
/// - `$` in ICU also matches before a final line terminator, so `^[0-9]{5}$` would accept
///   `"12345\n"`; it becomes `\z`, the end of input.
/// - `\s` differs at the edges (ICU leaves out U+000B and U+FEFF); it becomes ECMA-262's set.
/// - `.` in ICU also refuses U+000B, U+000C and U+0085; it becomes ECMA-262's set.
/// - Inside a character class `[` and `&` are literals in ECMA-262 but set operators in ICU.
final class SchemaPattern: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable after creation and documented as safe to use
    // from several threads at once (swift-corelibs-foundation clones the ICU matcher when the
    // shared one is in use).

    /// The pattern as written in the schema.
    let source: String
    private let regex: NSRegularExpression
    /// The native matcher, for patterns simple enough to have one.
    private let simple: SimplePattern?

    /// Compiles `source`; `nil` when it is not a valid regular expression.
    init?(_ source: String) {
        // Always compiled by ICU, so a pattern is accepted or rejected the same way whichever
        // matcher ends up running it.
        guard let translated = SchemaPattern.icuPattern(fromECMAScript: source),
            let regex = try? NSRegularExpression(pattern: translated, options: [])
        else { return nil }
        self.source = source
        self.regex = regex
        simple = SimplePattern(ecmaScript: source)
    }

    /// Whether the pattern matches anywhere in `string`.
    func matches(_ string: String) -> Bool {
        if let simple { return simple.matches(string) }
        let range = NSRange(location: 0, length: string.utf16.count)
        return regex.rangeOfFirstMatch(in: string, options: [], range: range).location != NSNotFound
    }

    /// ECMA-262 `WhiteSpace` and `LineTerminator`, the members of `\s`, as ICU set contents.
    private static let ecmaWhitespace = "\\t\\n\\x{B}\\f\\r\\x{FEFF}\\p{Zs}\\x{2028}\\x{2029}"

    /// The ICU form of an ECMA-262 pattern; `nil` for a dangling backslash.
    static func icuPattern(fromECMAScript source: String) -> String? {
        var out = ""
        var inClass = false
        var scalars = Array(source.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            switch c {
            case "\\":
                guard let e = scalars.popFirst() else { return nil }
                switch e {
                case "d": out += inClass ? "0-9" : "[0-9]"
                case "D": out += "[^0-9]"
                case "w": out += inClass ? "A-Za-z0-9_" : "[A-Za-z0-9_]"
                case "W": out += "[^A-Za-z0-9_]"
                case "s": out += inClass ? SchemaPattern.ecmaWhitespace : "[" + SchemaPattern.ecmaWhitespace + "]"
                case "S": out += "[^" + SchemaPattern.ecmaWhitespace + "]"
                case "b" where inClass: out += "\\x{8}"
                case "0" where !(scalars.first.map { ("0"..."9").contains($0) } ?? false): out += "\\x{0}"
                case "u" where scalars.first == "{":
                    // `\u{1F600}` (the `u` flag's code point escape) is `\x{1F600}` in ICU.
                    out += "\\x"
                default:
                    out.unicodeScalars.append("\\")
                    out.unicodeScalars.append(e)
                }
            case "[" where inClass: out += "\\["
            case "&" where inClass: out += "\\&"
            case "[":
                var negated = false
                if scalars.first == "^" {
                    scalars.removeFirst()
                    negated = true
                }
                // `[]` matches no character in ECMA-262 and `[^]` any; ICU reads `]` there as a literal.
                if scalars.first == "]" {
                    scalars.removeFirst()
                    out += negated ? "[\\s\\S]" : "[^\\s\\S]"
                    continue
                }
                inClass = true
                out += negated ? "[^" : "["
            case "]" where inClass:
                inClass = false
                out += "]"
            case "$" where !inClass: out += "\\z"
            case "." where !inClass: out += "[^\\n\\r\\u2028\\u2029]"
            default: out.unicodeScalars.append(c)
            }
        }
        // ICU refuses an empty pattern; ECMA-262 matches everything with it.
        return out.isEmpty ? "(?:)" : out
    }
}
