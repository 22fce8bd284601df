/// A regular expression that is only a sequence of repeated character sets, optionally anchored
/// (`^HH-[0-9]{6}$`, `^[A-Z]{3}$`, `[a-z]+@`), matched without Foundation.
///
/// Most identifier patterns in event schemas have this shape, and matching them natively is
/// several times faster than a round trip through `NSRegularExpression`. Anything else
/// (alternation, groups, look-around, back-references, word boundaries, `\p{…}`) is not parsed
/// and stays with `NSRegularExpression`; ``SchemaPattern`` decides.
///
/// Matching runs over code points in time linear in the length of the string for each element of
/// the pattern: the set of positions where each prefix of the pattern can end is computed as a
/// union of intervals, so no input makes it backtrack.
struct SimplePattern: Sendable {
    struct Element: Sendable {
        let set: ScalarSet
        let min: Int
        /// `Int.max` when unbounded.
        let max: Int
    }

    let anchoredAtStart: Bool
    let anchoredAtEnd: Bool
    let elements: [Element]

    /// Parses an ECMA-262 pattern; `nil` when it uses anything beyond sets, repetition and
    /// a leading `^` or trailing `$`.
    init?(ecmaScript source: String) {
        let s = Array(source.unicodeScalars)
        var i = 0
        var start = false
        var end = false
        var elements: [Element] = []
        if s.first == "^" {
            start = true
            i = 1
        }
        while i < s.count {
            if s[i] == "$" {
                guard i == s.count - 1 else { return nil }
                end = true
                break
            }
            guard let (set, next) = SimplePattern.atom(s, i) else { return nil }
            i = next
            var min = 1
            var max = 1
            if i < s.count {
                switch s[i] {
                case "*": (min, max) = (0, Int.max); i += 1
                case "+": (min, max) = (1, Int.max); i += 1
                case "?": (min, max) = (0, 1); i += 1
                case "{":
                    guard let (lo, hi, after) = SimplePattern.braces(s, i) else { return nil }
                    (min, max) = (lo, hi)
                    i = after
                default: break
                }
                // A lazy quantifier changes which match is found, not whether one exists.
                if max != 1 || min != 1, i < s.count, s[i] == "?" { i += 1 }
            }
            elements.append(Element(set: set, min: min, max: max))
        }
        anchoredAtStart = start
        anchoredAtEnd = end
        self.elements = elements
    }

    /// Whether the pattern matches somewhere in `string`.
    func matches(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { utf8 in
            if utf8.allSatisfy({ $0 < 0x80 }) { return matches(codePoints: utf8) }
            return matches(codePoints: Array(String(decoding: utf8, as: UTF8.self).unicodeScalars.lazy.map(\.value)))
        }
    }

    private func matches<C: RandomAccessCollection>(codePoints c: C) -> Bool
    where C.Element: FixedWidthInteger, C.Index == Int {
        let n = c.count
        let base = c.startIndex
        // reach[p]: the pattern so far can end at position p. runEnd[p]: the first position at or
        // after p whose code point is outside the current set. cover: interval sums.
        var reach = [Bool](repeating: !anchoredAtStart, count: n + 1)
        reach[0] = true
        var runEnd = [Int](repeating: 0, count: n + 1)
        var cover = [Int](repeating: 0, count: n + 2)
        for element in elements {
            runEnd[n] = n
            var p = n - 1
            while p >= 0 {
                runEnd[p] = element.set.contains(UInt32(truncatingIfNeeded: c[base + p])) ? runEnd[p + 1] : p
                p -= 1
            }
            for q in 0...(n + 1) { cover[q] = 0 }
            var any = false
            for p in 0...n where reach[p] {
                let run = runEnd[p] - p
                guard run >= element.min else { continue }
                let hi = p + (element.max < run ? element.max : run)
                cover[p + element.min] += 1
                cover[hi + 1] -= 1
                any = true
            }
            guard any else { return false }
            var depth = 0
            for q in 0...n {
                depth += cover[q]
                reach[q] = depth > 0
            }
        }
        return anchoredAtEnd ? reach[n] : reach.contains(true)
    }

    // MARK: - Parsing

    /// One atom at `i`: a literal, an escape, `.` or a class. Returns the set and the next index.
    private static func atom(_ s: [Unicode.Scalar], _ i: Int) -> (ScalarSet, Int)? {
        switch s[i] {
        case "\\":
            guard i + 1 < s.count else { return nil }
            let e = s[i + 1]
            switch e {
            case "d": return (.digit, i + 2)
            case "D": return (ScalarSet.digit.inverted, i + 2)
            case "w": return (.word, i + 2)
            case "W": return (ScalarSet.word.inverted, i + 2)
            case "s": return (.whitespace, i + 2)
            case "S": return (ScalarSet.whitespace.inverted, i + 2)
            default:
                guard let literal = escapedLiteral(e) else { return nil }
                return (ScalarSet(single: literal), i + 2)
            }
        case ".":
            return (ScalarSet.lineTerminators.inverted, i + 1)
        case "[":
            return characterClass(s, i)
        case "(", ")", "|", "*", "+", "?", "{", "}", "^", "$", "]":
            return nil
        default:
            return (ScalarSet(single: s[i].value), i + 1)
        }
    }

    /// The code point an escape like `\.` or `\n` stands for; `nil` for escapes with other meanings.
    private static func escapedLiteral(_ e: Unicode.Scalar) -> UInt32? {
        switch e {
        case "n": return 0x0A
        case "t": return 0x09
        case "r": return 0x0D
        case "f": return 0x0C
        case "v": return 0x0B
        default:
            // Escaped punctuation is the character itself; letters and digits are special.
            guard e.isASCII, !e.properties.isAlphabetic, !("0"..."9").contains(e) else { return nil }
            return e.value
        }
    }

    /// `[…]` starting at `i`.
    private static func characterClass(_ s: [Unicode.Scalar], _ i: Int) -> (ScalarSet, Int)? {
        var j = i + 1
        var set = ScalarSet()
        var negated = false
        if j < s.count, s[j] == "^" {
            negated = true
            j += 1
        }
        // `[]` and `[^]` are left to the general engine.
        guard j < s.count, s[j] != "]" else { return nil }
        while j < s.count, s[j] != "]" {
            guard let (low, afterLow) = classMember(s, j, into: &set) else { return nil }
            j = afterLow
            guard let low else { continue }  // `\d`, `\w`, `\s` were added whole
            if j + 1 < s.count, s[j] == "-", s[j + 1] != "]" {
                var ignored = ScalarSet()
                guard let (high, afterHigh) = classMember(s, j + 1, into: &ignored), let high, low <= high else {
                    return nil
                }
                set.add(low...high)
                j = afterHigh
            } else {
                set.add(low...low)
            }
        }
        guard j < s.count else { return nil }
        return (negated ? set.inverted : set, j + 1)
    }

    /// One class member at `j`: returns its code point (or `nil` after adding a whole escape set
    /// to `set`) and the next index; `nil` overall when unsupported.
    private static func classMember(_ s: [Unicode.Scalar], _ j: Int, into set: inout ScalarSet) -> (UInt32?, Int)? {
        switch s[j] {
        case "\\":
            guard j + 1 < s.count else { return nil }
            switch s[j + 1] {
            case "d": set.formUnion(.digit)
            case "w": set.formUnion(.word)
            case "s": set.formUnion(.whitespace)
            default:
                guard let literal = escapedLiteral(s[j + 1]) else { return nil }
                return (literal, j + 2)
            }
            return (nil, j + 2)
        case "[":
            return nil
        default:
            return (s[j].value, j + 1)
        }
    }

    /// `{n}`, `{n,}` or `{n,m}` starting at `i`.
    private static func braces(_ s: [Unicode.Scalar], _ i: Int) -> (Int, Int, Int)? {
        var j = i + 1
        func number() -> Int? {
            var value = 0
            let start = j
            while j < s.count, ("0"..."9").contains(s[j]) {
                value = value * 10 + Int(s[j].value - 48)
                guard value <= 100_000 else { return nil }
                j += 1
            }
            return j > start ? value : nil
        }
        guard let low = number() else { return nil }
        var high = low
        if j < s.count, s[j] == "," {
            j += 1
            if j < s.count, s[j] == "}" {
                high = Int.max
            } else {
                guard let h = number(), h >= low else { return nil }
                high = h
            }
        }
        guard j < s.count, s[j] == "}" else { return nil }
        return (low, high, j + 1)
    }
}

/// A set of code points: a bitmap for ASCII and ranges beyond, possibly inverted.
struct ScalarSet: Sendable {
    private var asciiLow: UInt64 = 0
    private var asciiHigh: UInt64 = 0
    private var ranges: [ClosedRange<UInt32>] = []
    private var isInverted = false

    init() {}

    init(single value: UInt32) {
        add(value...value)
    }

    init(_ members: [ClosedRange<UInt32>]) {
        for r in members { add(r) }
    }

    /// `[0-9]`
    static let digit = ScalarSet([0x30...0x39])
    /// `[A-Za-z0-9_]`
    static let word = ScalarSet([0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    /// ECMA-262 `WhiteSpace` and `LineTerminator`.
    static let whitespace = ScalarSet([
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029,
        0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ])
    /// What `.` does not match.
    static let lineTerminators = ScalarSet([0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029])

    var inverted: ScalarSet {
        var copy = self
        copy.isInverted.toggle()
        return copy
    }

    mutating func add(_ range: ClosedRange<UInt32>) {
        precondition(!isInverted)
        var low = range.lowerBound
        while low <= range.upperBound && low < 128 {
            if low < 64 { asciiLow |= 1 << UInt64(low) } else { asciiHigh |= 1 << UInt64(low - 64) }
            low += 1
        }
        if low <= range.upperBound { ranges.append(low...range.upperBound) }
    }

    mutating func formUnion(_ other: ScalarSet) {
        precondition(!isInverted && !other.isInverted)
        asciiLow |= other.asciiLow
        asciiHigh |= other.asciiHigh
        ranges += other.ranges
    }

    func contains(_ value: UInt32) -> Bool {
        let member: Bool
        if value < 64 {
            member = asciiLow & (1 << UInt64(value)) != 0
        } else if value < 128 {
            member = asciiHigh & (1 << UInt64(value - 64)) != 0
        } else {
            member = ranges.contains { $0.contains(value) }
        }
        return member != isInverted
    }
}
