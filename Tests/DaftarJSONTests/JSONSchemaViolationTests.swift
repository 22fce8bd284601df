import DaftarJSON
import Testing

/// What a violation says: where, which rule, what kind of value, and never the value itself.
@Suite struct JSONSchemaViolationTests {
    static let household = #"""
        {
          "$id": "https://daftar.invalid/schemas/household-registered.v1.json",
          "type": "object",
          "required": ["householdId", "governorate", "members"],
          "additionalProperties": false,
          "properties": {
            "householdId": {"type": "string", "pattern": "^HH-[0-9]{6}$"},
            "governorate": {"enum": ["Amman", "Irbid"]},
            "headName": {"type": "string", "maxLength": 5},
            "members": {
              "type": "array", "minItems": 1,
              "items": {
                "type": "object",
                "required": ["birthDate"],
                "properties": {
                  "birthDate": {"type": "string", "format": "date"},
                  "nationalId": {"type": "string", "pattern": "^\\d{10}$"},
                  "income": {"type": "integer", "maximum": 1000, "multipleOf": 5}
                }
              }
            }
          }
        }
        """#

    @Test func requiredPointsAtTheMissingMember() throws {
        let schema = try compile(Self.household)
        let v = try #require(schema.firstViolation(in: try json(#"{"householdId":"HH-000001","members":[{"birthDate":"2000-01-01"}]}"#)))
        #expect(v.keyword == "required")
        #expect(v.instancePointer == "/governorate")
        #expect(v.schemaPointer == "/required")
        #expect(v.schemaLocation == "https://daftar.invalid/schemas/household-registered.v1.json#/required")
        #expect(v.valueKind == "missing")
        #expect(v.message == "Required property /governorate is missing (required)")
    }

    @Test func additionalPropertyIsNamedInThePointer() throws {
        let schema = try compile(Self.household)
        let v = try #require(
            schema.firstViolation(
                in: try json(
                    #"{"householdId":"HH-000001","governorate":"Amman","members":[{"birthDate":"2000-01-01"}],"phone":123}"#)))
        #expect(v.keyword == "additionalProperties")
        #expect(v.instancePointer == "/phone")
        #expect(v.schemaPointer == "/additionalProperties")
        #expect(v.valueKind == "integer")
        #expect(v.message == "Property /phone is not allowed (additionalProperties)")
    }

    @Test func nestedFormatViolation() throws {
        let schema = try compile(Self.household)
        let v = try #require(
            schema.firstViolation(
                in: try json(
                    #"""
                    {"householdId":"HH-000001","governorate":"Amman",
                     "members":[{"birthDate":"2000-01-01"},{"birthDate":"2023-02-29"}]}
                    """#)))
        #expect(v.keyword == "format")
        #expect(v.instancePointer == "/members/1/birthDate")
        #expect(v.schemaPointer == "/properties/members/items/properties/birthDate/format")
        #expect(v.valueKind == "string")
        #expect(v.message == #"The value at /members/1/birthDate is not an RFC 3339 date (YYYY-MM-DD) (format "date")"#)
    }

    @Test func messagesNameTheRuleAndTheLimit() throws {
        let schema = try compile(Self.household)
        let violations = schema.validate(
            try json(#"{"householdId":"HH-1","governorate":"Zarqa","members":[{"birthDate":"2000-01-01","income":1003}]}"#))
        #expect(violations.map(\.keyword) == ["enum", "pattern", "maximum", "multipleOf"])
        #expect(violations.map(\.instancePointer) == ["/governorate", "/householdId", "/members/0/income", "/members/0/income"])
        #expect(violations[0].message == #"The value at /governorate must be one of ["Amman","Irbid"] (enum)"#)
        #expect(violations[1].message == "The value at /householdId does not match the pattern ^HH-[0-9]{6}$ (pattern)")
        #expect(violations[2].message == "The value at /members/0/income must be at most 1000 (maximum)")
        #expect(violations[3].message == "The value at /members/0/income must be a multiple of 5 (multipleOf)")
        #expect(violations.allSatisfy { $0.description == $0.message })
    }

    @Test func rootViolation() throws {
        let schema = try compile(Self.household)
        let v = try #require(schema.firstViolation(in: try json("[1]")))
        #expect(v.instancePointer == "")
        #expect(v.keyword == "type")
        #expect(v.schemaPointer == "/type")
        #expect(v.valueKind == "array")
        #expect(v.message == "The root value must be object, not array (type)")
    }

    @Test func pointersEscapeSpecialMemberNames() throws {
        let schema = try compile(#"{"properties":{"a/b":{"type":"string"},"c~d":{"additionalProperties":false}}}"#)
        let violations = schema.validate(try json(#"{"a/b":1,"c~d":{"e/f~":2}}"#))
        #expect(violations.map(\.instancePointer) == ["/a~1b", "/c~0d/e~1f~0"])
        #expect(violations.map(\.schemaPointer) == ["/properties/a~1b/type", "/properties/c~0d/additionalProperties"])
    }

    @Test func valueKindsAreReported() throws {
        let schema = try compile(#"{"items":{"type":"string"}}"#)
        let violations = schema.validate(try json(#"[null,true,1,1.5,[],{},"ok"]"#))
        #expect(violations.map(\.valueKind) == ["null", "boolean", "integer", "number", "array", "object"])
        #expect(violations.map(\.instancePointer) == ["/0", "/1", "/2", "/3", "/4", "/5"])
    }

    @Test func itemsFalsePointsAtEachSurplusItem() throws {
        let schema = try compile(#"{"prefixItems":[true],"items":false}"#)
        let violations = schema.validate(try json("[1,2,3]"))
        #expect(violations.map(\.instancePointer) == ["/1", "/2"])
        #expect(violations.allSatisfy { $0.keyword == "items" && $0.schemaPointer == "/items" })
    }

    @Test func dependentRequiredPointsAtTheMissingMember() throws {
        let schema = try compile(#"{"dependentRequired":{"iban":["bankCode","holder"]}}"#)
        let violations = schema.validate(try json(#"{"iban":"JO00","holder":"x"}"#))
        #expect(violations.count == 1)
        #expect(violations.first?.instancePointer == "/bankCode")
        #expect(violations.first?.schemaPointer == "/dependentRequired/iban")
        #expect(violations.first?.message == "Required property /bankCode is missing; it is required when /iban is present (dependentRequired)")
    }

    @Test func combinatorsReportTheirOwnVerdict() throws {
        let schema = try compile(#"{"properties":{"p":{"oneOf":[{"type":"string"},{"type":"integer"}]},"q":{"not":{"const":0}}}}"#)
        let violations = schema.validate(try json(#"{"p":null,"q":0}"#))
        #expect(violations.map(\.keyword) == ["oneOf", "not"])
        #expect(violations.map(\.schemaPointer) == ["/properties/p/oneOf", "/properties/q/not"])
        #expect(violations[0].message == "The value at /p does not match any of the 2 alternatives (oneOf)")
    }

    @Test func allOfAndThenReportInnerViolationsWithTheirPath() throws {
        let schema = try compile(#"{"allOf":[{"minimum":0},{"maximum":10}],"if":{"type":"integer"},"then":{"multipleOf":2}}"#)
        let violations = schema.validate(try json("11"))
        #expect(violations.map(\.schemaPointer) == ["/allOf/1/maximum", "/then/multipleOf"])
    }

    @Test func firstViolationIsStableAndMatchesValidate() throws {
        let schema = try compile(
            #"{"additionalProperties":{"type":"string"},"propertyNames":{"maxLength":3}}"#)
        let instance = try json(#"{"zz":1,"aa":2,"mm":3,"long":"x"}"#)
        let all = schema.validate(instance)
        #expect(all.map(\.instancePointer) == ["/aa", "/long", "/mm", "/zz"])
        #expect(all.map(\.keyword) == ["type", "propertyNames", "type", "type"])
        for _ in 0..<20 {
            #expect(schema.firstViolation(in: instance) == all.first)
        }
    }

    /// Instances are payloads with personal data: no part of a violation may echo a value.
    @Test func violationsNeverContainTheInstanceValue() throws {
        let secret = "Zainab-Qx7-Secret"
        let schema = try compile(
            #"""
            {"type":"object","properties":{
              "a":{"pattern":"^[0-9]+$"},
              "b":{"enum":["x","y"]},
              "c":{"const":"fixed"},
              "d":{"format":"date"},
              "e":{"format":"date-time"},
              "f":{"format":"email"},
              "g":{"format":"uuid"},
              "h":{"maxLength":3},
              "i":{"type":"integer"},
              "j":{"not":{"type":"string"}},
              "k":{"anyOf":[{"type":"number"},{"minLength":100}]},
              "l":{"items":{"type":"number"}},
              "m":{"propertyNames":{"maxLength":2}},
              "n":{"uniqueItems":true},
              "o":{"contains":{"const":"other"}},
              "p":false
            }}
            """#)
        let instance: JSONValue = .object([
            "a": .string(secret), "b": .string(secret), "c": .string(secret), "d": .string(secret),
            "e": .string(secret), "f": .string(secret), "g": .string(secret), "h": .string(secret),
            "i": .string(secret), "j": .string(secret), "k": .string(secret), "l": .array([.string(secret)]),
            "m": .object(["abc": .string(secret)]), "n": .array([.string(secret), .string(secret)]),
            "o": .array([.string(secret)]), "p": .string(secret),
        ])
        let violations = schema.validate(instance)
        #expect(violations.count == 16)
        for v in violations {
            for field in [v.message, v.description, v.keyword, v.schemaPointer, v.schemaLocation, v.valueKind, v.instancePointer] {
                #expect(!field.contains(secret), "\(v.keyword) leaked the value")
                #expect(!field.contains("Zainab"), "\(v.keyword) leaked part of the value")
            }
        }

        let numbers = try compile(#"{"items":{"maximum":10,"multipleOf":7,"enum":[1]}}"#)
        let numberViolations = numbers.validate(try json("[987654321.123]"))
        #expect(numberViolations.map(\.keyword) == ["enum", "maximum", "multipleOf"])
        for v in numberViolations {
            for field in [v.message, v.schemaPointer, v.schemaLocation, v.valueKind, v.instancePointer] {
                #expect(!field.contains("987654321"))
            }
        }
    }
}
