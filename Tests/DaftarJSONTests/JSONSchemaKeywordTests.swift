import DaftarJSON
import Testing

/// Assertion semantics of every supported keyword, one valid and one invalid instance at least.
@Suite struct JSONSchemaKeywordTests {
    static let conditional =
        #"{"if":{"properties":{"kind":{"const":"cash"}}},"then":{"required":["amount"]},"else":{"required":["voucher"]}}"#

    @Test(arguments: [
        SchemaCase(#"{"type":"string"}"#, #""x""#),
        SchemaCase(#"{"type":"string"}"#, "1", fails: "type"),
        SchemaCase(#"{"type":"integer"}"#, "7"),
        SchemaCase(#"{"type":"integer"}"#, "1.0"),
        SchemaCase(#"{"type":"integer"}"#, "1e2"),
        SchemaCase(#"{"type":"integer"}"#, "1.5", fails: "type"),
        SchemaCase(#"{"type":"integer"}"#, #""1""#, fails: "type"),
        SchemaCase(#"{"type":"number"}"#, "1.5"),
        SchemaCase(#"{"type":"number"}"#, "3"),
        SchemaCase(#"{"type":"number"}"#, "true", fails: "type"),
        SchemaCase(#"{"type":"boolean"}"#, "false"),
        SchemaCase(#"{"type":"boolean"}"#, "0", fails: "type"),
        SchemaCase(#"{"type":"null"}"#, "null"),
        SchemaCase(#"{"type":"null"}"#, "false", fails: "type"),
        SchemaCase(#"{"type":"object"}"#, "{}"),
        SchemaCase(#"{"type":"object"}"#, "[]", fails: "type"),
        SchemaCase(#"{"type":"array"}"#, "[]"),
        SchemaCase(#"{"type":"array"}"#, "{}", fails: "type"),
        SchemaCase(#"{"type":["string","null"]}"#, "null"),
        SchemaCase(#"{"type":["string","null"]}"#, #""a""#),
        SchemaCase(#"{"type":["string","null"]}"#, "0", fails: "type"),
    ])
    func type(_ c: SchemaCase) throws { try c.verify() }

    @Test(arguments: [
        SchemaCase(#"{"enum":["a",1,null]}"#, #""a""#),
        SchemaCase(#"{"enum":["a",1,null]}"#, "1.0"),
        SchemaCase(#"{"enum":["a",1,null]}"#, "null"),
        SchemaCase(#"{"enum":["a",1,null]}"#, #""b""#, fails: "enum"),
        SchemaCase(#"{"enum":[false]}"#, "0", fails: "enum"),
        SchemaCase(#"{"enum":[{"a":[1,2]}]}"#, #"{"a":[1,2]}"#),
        SchemaCase(#"{"enum":[{"a":[1,2]}]}"#, #"{"a":[2,1]}"#, fails: "enum"),
        SchemaCase(#"{"enum":[]}"#, "1", fails: "enum"),
    ])
    func enumeration(_ c: SchemaCase) throws { try c.verify() }

    @Test(arguments: [
        SchemaCase(#"{"const":2}"#, "2.00"),
        SchemaCase(#"{"const":2}"#, "2e0"),
        SchemaCase(#"{"const":2}"#, "2.01", fails: "const"),
        SchemaCase(#"{"const":{"a":1,"b":[true,null]}}"#, #"{"b":[true,null],"a":1.0}"#),
        SchemaCase(#"{"const":{"a":1}}"#, #"{"a":1,"b":2}"#, fails: "const"),
        SchemaCase(#"{"const":[1,2]}"#, "[2,1]", fails: "const"),
        SchemaCase(#"{"const":null}"#, "null"),
        SchemaCase(#"{"const":null}"#, "false", fails: "const"),
        SchemaCase(#"{"const":true}"#, "1", fails: "const"),
    ])
    func const(_ c: SchemaCase) throws { try c.verify() }

    @Test(arguments: [
        SchemaCase(#"{"minLength":2}"#, #""ab""#),
        SchemaCase(#"{"minLength":2}"#, #""a""#, fails: "minLength"),
        SchemaCase(#"{"maxLength":2}"#, #""ab""#),
        SchemaCase(#"{"maxLength":2}"#, #""abc""#, fails: "maxLength"),
        // Code points, not bytes or UTF-16 units: "سلام" is 4 code points in 8 bytes; "😀" is
        // 1 code point in 4 bytes and 2 UTF-16 units.
        SchemaCase(#"{"maxLength":4}"#, #""سلام""#),
        SchemaCase(#"{"minLength":5}"#, #""سلام""#, fails: "minLength"),
        SchemaCase(#"{"maxLength":1}"#, #""😀""#),
        SchemaCase(#"{"minLength":2}"#, #""😀""#, fails: "minLength"),
        // "é" as e + combining accent is one grapheme but two code points.
        SchemaCase(#"{"maxLength":1}"#, #""e\u0301""#, fails: "maxLength"),
        SchemaCase(#"{"minLength":2}"#, #""e\u0301""#),
        SchemaCase(#"{"minLength":1.0}"#, #""""#, fails: "minLength"),
        SchemaCase(#"{"minLength":5}"#, "12", fails: nil),
    ])
    func length(_ c: SchemaCase) throws { try c.verify() }

    @Test(arguments: [
        SchemaCase(#"{"pattern":"^[A-Z]{2}-[0-9]+$"}"#, #""HH-123""#),
        SchemaCase(#"{"pattern":"^[A-Z]{2}-[0-9]+$"}"#, #""HH-12a""#, fails: "pattern"),
        // Unanchored: a match anywhere is enough.
        SchemaCase(#"{"pattern":"[0-9]"}"#, #""abc7def""#),
        SchemaCase(#"{"pattern":"[0-9]"}"#, #""abcdef""#, fails: "pattern"),
        SchemaCase(#"{"pattern":"^a"}"#, #""ba""#, fails: "pattern"),
        // Non-strings are not checked by string keywords.
        SchemaCase(#"{"pattern":"^a$"}"#, "12"),
    ])
    func pattern(_ c: SchemaCase) throws { try c.verify() }

    @Test(arguments: [
        SchemaCase(#"{"minimum":10}"#, "10"),
        SchemaCase(#"{"minimum":10}"#, "9.999999999999999999999", fails: "minimum"),
        SchemaCase(#"{"maximum":10}"#, "10.0"),
        SchemaCase(#"{"maximum":10}"#, "10.000000000000000000001", fails: "maximum"),
        SchemaCase(#"{"exclusiveMinimum":0}"#, "0.0000001"),
        SchemaCase(#"{"exclusiveMinimum":0}"#, "0", fails: "exclusiveMinimum"),
        SchemaCase(#"{"exclusiveMinimum":0}"#, "-0", fails: "exclusiveMinimum"),
        SchemaCase(#"{"exclusiveMaximum":1.5}"#, "1.4999"),
        SchemaCase(#"{"exclusiveMaximum":1.5}"#, "1.50", fails: "exclusiveMaximum"),
        SchemaCase(#"{"minimum":-5}"#, "-5"),
        SchemaCase(#"{"minimum":-5}"#, "-5.5", fails: "minimum"),
        // Beyond Int64 and Double precision, still exact.
        SchemaCase(#"{"maximum":9223372036854775807}"#, "9223372036854775808", fails: "maximum"),
        SchemaCase(#"{"maximum":12345678901234567890.5}"#, "12345678901234567890.49"),
        SchemaCase(#"{"maximum":1}"#, #""2""#),
    ])
    func numericLimits(_ c: SchemaCase) throws { try c.verify() }

    @Test(arguments: [
        SchemaCase(#"{"multipleOf":0.1}"#, "0.3"),
        SchemaCase(#"{"multipleOf":0.01}"#, "19.99"),
        SchemaCase(#"{"multipleOf":0.01}"#, "19.999", fails: "multipleOf"),
        SchemaCase(#"{"multipleOf":3}"#, "9"),
        SchemaCase(#"{"multipleOf":3}"#, "10", fails: "multipleOf"),
        SchemaCase(#"{"multipleOf":1}"#, "1.0"),
        SchemaCase(#"{"multipleOf":1}"#, "1.5", fails: "multipleOf"),
        SchemaCase(#"{"multipleOf":0.0001}"#, "1e-4"),
        SchemaCase(#"{"multipleOf":1.5}"#, "-4.5"),
        SchemaCase(#"{"multipleOf":2}"#, "0"),
        SchemaCase(#"{"multipleOf":1e-8}"#, "123456789.12345678"),
        SchemaCase(#"{"multipleOf":1e-8}"#, "123456789.123456789", fails: "multipleOf"),
        // More digits than 64 bits hold: decided by long division.
        SchemaCase(#"{"multipleOf":0.1}"#, "12345678901234567890.3"),
        SchemaCase(#"{"multipleOf":0.1}"#, "12345678901234567890.35", fails: "multipleOf"),
        SchemaCase(#"{"multipleOf":7}"#, "700000000000000000000000007"),
        SchemaCase(#"{"multipleOf":7}"#, "700000000000000000000000008", fails: "multipleOf"),
    ])
    func multipleOf(_ c: SchemaCase) throws { try c.verify() }

    @Test(arguments: [
        SchemaCase(#"{"properties":{"a":{"type":"string"}}}"#, #"{"a":"x","b":1}"#),
        SchemaCase(#"{"properties":{"a":{"type":"string"}}}"#, #"{"a":1}"#, fails: "type"),
        SchemaCase(#"{"properties":{"a":{"type":"string"}}}"#, "[1]"),
        SchemaCase(#"{"required":["a","b"]}"#, #"{"a":1,"b":null}"#),
        SchemaCase(#"{"required":["a","b"]}"#, #"{"a":1}"#, fails: "required"),
        SchemaCase(#"{"required":["a"]}"#, #"["a"]"#),
        SchemaCase(#"{"properties":{"a":true},"additionalProperties":false}"#, #"{"a":1}"#),
        SchemaCase(#"{"properties":{"a":true},"additionalProperties":false}"#, #"{"a":1,"b":2}"#, fails: "additionalProperties"),
        SchemaCase(#"{"additionalProperties":{"type":"integer"}}"#, #"{"a":1,"b":2}"#),
        SchemaCase(#"{"additionalProperties":{"type":"integer"}}"#, #"{"a":1,"b":"2"}"#, fails: "type"),
        SchemaCase(#"{"patternProperties":{"^x-":{"type":"string"}},"additionalProperties":false}"#, #"{"x-a":"1"}"#),
        SchemaCase(#"{"patternProperties":{"^x-":{"type":"string"}},"additionalProperties":false}"#, #"{"x-a":1}"#, fails: "type"),
        SchemaCase(#"{"patternProperties":{"^x-":{"type":"string"}},"additionalProperties":false}"#, #"{"y":"1"}"#, fails: "additionalProperties"),
        // A member matched by both properties and patternProperties must satisfy both.
        SchemaCase(#"{"properties":{"x-a":{"minLength":2}},"patternProperties":{"^x-":{"maxLength":3}}}"#, #"{"x-a":"abcd"}"#, fails: "maxLength"),
        SchemaCase(#"{"propertyNames":{"pattern":"^[a-z]+$"}}"#, #"{"abc":1}"#),
        SchemaCase(#"{"propertyNames":{"pattern":"^[a-z]+$"}}"#, #"{"aBc":1}"#, fails: "propertyNames"),
        SchemaCase(#"{"propertyNames":{"maxLength":3}}"#, #"{"abcd":1}"#, fails: "propertyNames"),
        SchemaCase(#"{"minProperties":2}"#, #"{"a":1,"b":2}"#),
        SchemaCase(#"{"minProperties":2}"#, #"{"a":1}"#, fails: "minProperties"),
        SchemaCase(#"{"maxProperties":1}"#, #"{"a":1}"#),
        SchemaCase(#"{"maxProperties":1}"#, #"{"a":1,"b":2}"#, fails: "maxProperties"),
        SchemaCase(#"{"dependentRequired":{"iban":["bankCode"]}}"#, #"{"iban":"x","bankCode":"y"}"#),
        SchemaCase(#"{"dependentRequired":{"iban":["bankCode"]}}"#, #"{"bankCode":"y"}"#),
        SchemaCase(#"{"dependentRequired":{"iban":["bankCode"]}}"#, #"{"iban":"x"}"#, fails: "dependentRequired"),
    ])
    func objects(_ c: SchemaCase) throws { try c.verify() }

    @Test(arguments: [
        SchemaCase(#"{"items":{"type":"integer"}}"#, "[1,2,3]"),
        SchemaCase(#"{"items":{"type":"integer"}}"#, "[1,2.5]", fails: "type"),
        SchemaCase(#"{"items":{"type":"integer"}}"#, #"{"a":"b"}"#),
        SchemaCase(#"{"prefixItems":[{"type":"string"},{"type":"integer"}]}"#, #"["a",1,null]"#),
        SchemaCase(#"{"prefixItems":[{"type":"string"},{"type":"integer"}]}"#, #"["a"]"#),
        SchemaCase(#"{"prefixItems":[{"type":"string"},{"type":"integer"}]}"#, #"[1,1]"#, fails: "type"),
        SchemaCase(#"{"prefixItems":[{"type":"string"}],"items":false}"#, #"["a"]"#),
        SchemaCase(#"{"prefixItems":[{"type":"string"}],"items":false}"#, #"["a","b"]"#, fails: "items"),
        SchemaCase(#"{"prefixItems":[{"type":"string"}],"items":{"type":"integer"}}"#, #"["a",1,2]"#),
        SchemaCase(#"{"prefixItems":[{"type":"string"}],"items":{"type":"integer"}}"#, #"["a",1,"2"]"#, fails: "type"),
        SchemaCase(#"{"minItems":1}"#, "[0]"),
        SchemaCase(#"{"minItems":1}"#, "[]", fails: "minItems"),
        SchemaCase(#"{"maxItems":1}"#, "[0]"),
        SchemaCase(#"{"maxItems":1}"#, "[0,1]", fails: "maxItems"),
        SchemaCase(#"{"uniqueItems":true}"#, #"[1,"1",[1],{"a":1},true]"#),
        SchemaCase(#"{"uniqueItems":true}"#, "[1,2,1.0]", fails: "uniqueItems"),
        SchemaCase(#"{"uniqueItems":true}"#, #"[{"a":1,"b":2},{"b":2,"a":1}]"#, fails: "uniqueItems"),
        SchemaCase(#"{"uniqueItems":false}"#, "[1,1]"),
        SchemaCase(#"{"contains":{"const":"x"}}"#, #"["a","x"]"#),
        SchemaCase(#"{"contains":{"const":"x"}}"#, #"["a","b"]"#, fails: "contains"),
        SchemaCase(#"{"contains":{"const":"x"}}"#, "[]", fails: "contains"),
        SchemaCase(#"{"contains":{"const":"x"},"minContains":2}"#, #"["x","a","x"]"#),
        SchemaCase(#"{"contains":{"const":"x"},"minContains":2}"#, #"["x","a"]"#, fails: "minContains"),
        SchemaCase(#"{"contains":{"const":"x"},"minContains":0}"#, "[]"),
        SchemaCase(#"{"contains":{"const":"x"},"maxContains":1}"#, #"["x","a"]"#),
        SchemaCase(#"{"contains":{"const":"x"},"maxContains":1}"#, #"["x","x"]"#, fails: "maxContains"),
        SchemaCase(#"{"maxContains":0}"#, #"["x"]"#),
    ])
    func arrays(_ c: SchemaCase) throws { try c.verify() }

    @Test(arguments: [
        SchemaCase(#"{"allOf":[{"type":"integer"},{"minimum":3}]}"#, "4"),
        SchemaCase(#"{"allOf":[{"type":"integer"},{"minimum":3}]}"#, "2", fails: "minimum"),
        SchemaCase(#"{"anyOf":[{"type":"string"},{"minimum":3}]}"#, #""a""#),
        SchemaCase(#"{"anyOf":[{"type":"string"},{"minimum":3}]}"#, "5"),
        SchemaCase(#"{"anyOf":[{"type":"string"},{"minimum":3}]}"#, "2", fails: "anyOf"),
        SchemaCase(#"{"oneOf":[{"type":"integer"},{"minimum":3}]}"#, "2"),
        SchemaCase(#"{"oneOf":[{"type":"integer"},{"minimum":3}]}"#, "3.5"),
        SchemaCase(#"{"oneOf":[{"type":"integer"},{"minimum":3}]}"#, "4", fails: "oneOf"),
        SchemaCase(#"{"oneOf":[{"type":"integer"},{"minimum":3}]}"#, "1.5", fails: "oneOf"),
        SchemaCase(#"{"not":{"type":"null"}}"#, "0"),
        SchemaCase(#"{"not":{"type":"null"}}"#, "null", fails: "not"),
        SchemaCase(Self.conditional, #"{"kind":"cash","amount":5}"#),
        SchemaCase(Self.conditional, #"{"kind":"cash"}"#, fails: "required"),
        SchemaCase(Self.conditional, #"{"kind":"card","voucher":"v"}"#),
        SchemaCase(Self.conditional, #"{"kind":"card","amount":5}"#, fails: "required"),
        // then/else without if have no effect.
        SchemaCase(#"{"then":false,"else":false}"#, "1"),
        SchemaCase(#"{"if":true,"then":{"type":"string"}}"#, "1", fails: "type"),
    ])
    func applicators(_ c: SchemaCase) throws { try c.verify() }

    @Test(arguments: [
        SchemaCase("true", #"{"anything":[1]}"#),
        SchemaCase("false", "null", fails: "false"),
        SchemaCase(#"{"properties":{"a":false}}"#, #"{"b":1}"#),
        SchemaCase(#"{"properties":{"a":false}}"#, #"{"a":1}"#, fails: "false"),
        SchemaCase("{}", "[[[]]]"),
    ])
    func booleanSchemas(_ c: SchemaCase) throws { try c.verify() }

    @Test(arguments: [
        SchemaCase(#"{"format":"date"}"#, #""2024-02-29""#),
        SchemaCase(#"{"format":"date"}"#, #""2023-02-29""#, fails: "format"),
        SchemaCase(#"{"format":"date-time"}"#, #""2024-05-01T10:00:00Z""#),
        SchemaCase(#"{"format":"date-time"}"#, #""2024-05-01 10:00:00Z""#, fails: "format"),
        SchemaCase(#"{"format":"uuid"}"#, #""0189c5a4-9b7e-7c3a-8f00-1a2b3c4d5e6f""#),
        SchemaCase(#"{"format":"uuid"}"#, #""0189c5a49b7e7c3a8f001a2b3c4d5e6f""#, fails: "format"),
        SchemaCase(#"{"format":"email"}"#, #""a.b@example.org""#),
        SchemaCase(#"{"format":"email"}"#, #""a..b@example.org""#, fails: "format"),
        // Unknown formats are annotations only.
        SchemaCase(#"{"format":"national-id"}"#, #""anything""#),
        SchemaCase(#"{"format":"date"}"#, "20240229"),
    ])
    func format(_ c: SchemaCase) throws { try c.verify() }

    @Test func allKeywordsAreReportedInValidate() throws {
        let schema = try compile(
            #"""
            {"type":"object","required":["a","b"],"properties":{"c":{"type":"string","minLength":3,"pattern":"^z"}},
             "additionalProperties":{"type":"integer"}}
            """#)
        let violations = schema.validate(try json(#"{"c":"ab","d":"x","e":1}"#))
        #expect(violations.map(\.keyword) == ["required", "required", "minLength", "pattern", "type"])
        #expect(violations.map(\.instancePointer) == ["/a", "/b", "/c", "/c", "/d"])
        #expect(schema.firstViolation(in: try json(#"{"c":"ab","d":"x","e":1}"#)) == violations.first)
    }
}
