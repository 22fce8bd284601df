import DaftarJSON
import Testing

/// `pattern` follows ECMA-262 where Foundation's ICU engine would differ.
@Suite struct JSONSchemaPatternTests {
    static func matches(_ pattern: String, _ text: String) throws -> Bool {
        let schema = try JSONSchema(compiling: .object(["pattern": .string(pattern)]))
        return schema.isValid(.string(text))
    }

    @Test(arguments: [
        // `\d` is ASCII only: Arabic-Indic and Extended Arabic-Indic digits are not digits.
        (#"^\d{3}$"#, "123", true), (#"^\d{3}$"#, "١٢٣", false), (#"^\d{3}$"#, "۱۲۳", false),
        (#"^[\d-]+$"#, "12-3", true), (#"^[\d-]+$"#, "١-٢", false),
        (#"^\D+$"#, "abc", true), (#"^\D+$"#, "a1", false),
        (#"^\w+$"#, "abc_1", true), (#"^\w+$"#, "عمان", false), (#"^\W$"#, "é", true),
        // `$` is the end of input, not "before a final newline".
        ("^[0-9]{5}$", "12345", true), ("^[0-9]{5}$", "12345\n", false),
        // `.` does not match line terminators, and does match other control characters.
        ("^a.b$", "a\u{B}b", true), ("^a.b$", "a\nb", false), ("^a.b$", "a\u{2028}b", false),
        // `\s` is ECMA-262's set.
        (#"^\s$"#, "\u{FEFF}", true), (#"^\s$"#, "\u{B}", true), (#"^\S$"#, " ", false),
        // `[` inside a class is a literal.
        ("^[[]$", "[", true), ("^[a&&b]+$", "&", true),
        // `[]` matches nothing, `[^]` anything.
        ("^a[]", "a", false), ("^a[^]$", "a\n", true),
        // Unanchored by default; Unicode properties work.
        ("ab", "xxabxx", true), (#"^\p{L}+$"#, "عمان", true), (#"^\u{1F600}$"#, "😀", true),
        (#"^\u0041$"#, "A", true), ("", "", true), ("", "anything", true),
    ])
    func ecmaScriptSemantics(_ pattern: String, _ text: String, _ expected: Bool) throws {
        #expect(try Self.matches(pattern, text) == expected)
        // Inside a group the pattern is too complex for the native matcher and runs on ICU.
        #expect(try Self.matches("(?:\(pattern))", text) == expected)
    }

    static let differentialPatterns = [
        "^HH-[0-9]{6}$", #"^\d{10}$"#, "^[A-Z]{3}$", "[a-z]+@", "^[a-z][a-z0-9_]*$", "a*a*a*b", "^.{2,4}$", "x?y+z*",
        "^[^0-9]+$", #"^[\w.-]+$"#, #"\s"#, #"^\S+$"#, "^a{0}b", "^(?:a)", "^[-a]+$", "^[a-]+$", #"^\.$"#,
        "^[+]?[0-9]{1,3}$", "b{2,}$", "^a+?$", "^é+$", "😀{2}", "[ء-ي]+", "^$", "", "^[^\n]*$", #"^[\d-]{3}$"#,
    ]
    static let differentialTexts = [
        "", "a", "b", "ab", "aab", "aaaaaaaaaaaaaaaaaaaaaab", "HH-000123", "HH-12345", "HH-0001234", "0123456789",
        "٠١٢٣٤٥٦٧٨٩", "ABC", "ABCD", "abc@x", "a_1", "1a", "xyzz", "yy", "a b", "a\nb", "\u{2028}", "é", "éé", "e\u{301}",
        "😀😀", "😀", "سلام", "+12", "1234", ".", "x.y", "bbb", "-a-", "1-2", "a\n",
    ]

    /// The native matcher and ICU must agree on every pattern the native matcher accepts.
    @Test(arguments: differentialPatterns)
    func nativeMatcherAgreesWithICU(_ pattern: String) throws {
        let native = try JSONSchema(compiling: .object(["pattern": .string(pattern)]))
        let icu = try JSONSchema(compiling: .object(["pattern": .string("(?:\(pattern))")]))
        for text in Self.differentialTexts {
            #expect(native.isValid(.string(text)) == icu.isValid(.string(text)), "\(pattern) on \(text.debugDescription)")
        }
    }

    /// Random patterns of the shape the native matcher handles, on random strings.
    @Test func nativeMatcherAgreesWithICUOnRandomPatterns() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let atoms = ["a", "b", "[ab]", "[^a]", ".", #"\d"#, #"\w"#, #"\s"#, "[0-9-]", "[a-c]", "é", #"\-"#, #"[\s1]"#]
        let quantifiers = ["", "", "*", "+", "?", "{2}", "{1,2}", "{0,}", "+?"]
        let alphabet: [Character] = ["a", "b", "c", "1", " ", "-", "é", "\n", "_"]
        var disagreements: [String] = []
        for _ in 0..<300 {
            var pattern = next(2) == 0 ? "^" : ""
            for _ in 0..<(1 + next(4)) { pattern += atoms[next(atoms.count)] + quantifiers[next(quantifiers.count)] }
            if next(2) == 0 { pattern += "$" }
            let native = try JSONSchema(compiling: .object(["pattern": .string(pattern)]))
            let icu = try JSONSchema(compiling: .object(["pattern": .string("(?:\(pattern))")]))
            for _ in 0..<20 {
                let text = String((0..<next(9)).map { _ in alphabet[next(alphabet.count)] })
                if native.isValid(.string(text)) != icu.isValid(.string(text)) {
                    disagreements.append("\(pattern) on \(text.debugDescription)")
                }
            }
        }
        #expect(disagreements == [])
    }

    @Test func nativeMatcherIsLinearOnAdversarialInput() throws {
        let schema = try JSONSchema(compiling: .object(["pattern": "a*a*a*a*a*a*a*a*b"]))
        let long = String(repeating: "a", count: 20_000)
        #expect(!schema.isValid(.string(long)))
        #expect(schema.isValid(.string(long + "b")))
    }

    @Test func patternPropertiesUseTheSameEngine() throws {
        let schema = try compile(#"{"patternProperties":{"^\\d+$":{"type":"integer"}},"additionalProperties":false}"#)
        #expect(schema.isValid(try json(#"{"12":1}"#)))
        #expect(schema.firstViolation(in: try json(#"{"١٢":1}"#))?.keyword == "additionalProperties")
        let v = try #require(schema.firstViolation(in: try json(#"{"12":"x"}"#)))
        #expect(v.schemaPointer == #"/patternProperties/^\d+$/type"#)
        #expect(v.schemaLocation == #"urn:daftar:anonymous-schema#/patternProperties/%5E%5Cd+$/type"#)
    }
}
