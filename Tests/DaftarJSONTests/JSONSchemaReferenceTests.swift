import DaftarJSON
import Testing

/// `$ref` within a document, across documents, and the errors for references that do not resolve.
@Suite struct JSONSchemaReferenceTests {
    static let common = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://daftar.invalid/schemas/common.v1.json",
          "$defs": {
            "householdId": {"type": "string", "pattern": "^HH-[0-9]{6}$"},
            "governorate": {"enum": ["Amman", "Irbid", "Zarqa"]},
            "money": {"type": "integer", "minimum": 0}
          }
        }
        """#

    static let householdRegistered = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://daftar.invalid/schemas/household-registered.v1.json",
          "type": "object",
          "required": ["householdId", "governorate"],
          "additionalProperties": false,
          "properties": {
            "householdId": {"$ref": "common.v1.json#/$defs/householdId"},
            "governorate": {"$ref": "https://daftar.invalid/schemas/common.v1.json#/$defs/governorate"},
            "members": {"type": "array", "items": {"$ref": "#/$defs/member"}},
            "monthlyIncome": {"$ref": "./common.v1.json#/$defs/money"}
          },
          "$defs": {
            "member": {
              "type": "object",
              "required": ["birthDate"],
              "properties": {"birthDate": {"type": "string", "format": "date"}}
            }
          }
        }
        """#

    static func registry() throws -> JSONSchemaRegistry {
        var registry = JSONSchemaRegistry()
        // Registered before the document it refers to: order does not matter.
        try registry.register(jsonText: householdRegistered)
        try registry.register(jsonText: common)
        return registry
    }

    @Test func crossDocumentReferencesResolve() throws {
        let schema = try Self.registry().schema("https://daftar.invalid/schemas/household-registered.v1.json")
        #expect(schema.location == "https://daftar.invalid/schemas/household-registered.v1.json#")
        let valid = try json(
            #"{"householdId":"HH-000123","governorate":"Irbid","members":[{"birthDate":"2024-02-29"}],"monthlyIncome":150}"#)
        #expect(schema.validate(valid) == [])

        let badId = try #require(schema.firstViolation(in: try json(#"{"householdId":"HH-12","governorate":"Irbid"}"#)))
        #expect(badId.keyword == "pattern")
        #expect(badId.instancePointer == "/householdId")
        #expect(badId.schemaPointer == "/properties/householdId/$ref/pattern")
        #expect(badId.schemaLocation == "https://daftar.invalid/schemas/common.v1.json#/$defs/householdId/pattern")

        let badGovernorate = try #require(
            schema.firstViolation(in: try json(#"{"householdId":"HH-000123","governorate":"Mars"}"#)))
        #expect(badGovernorate.keyword == "enum")
        #expect(badGovernorate.schemaPointer == "/properties/governorate/$ref/enum")

        let badIncome = try #require(
            schema.firstViolation(in: try json(#"{"householdId":"HH-000123","governorate":"Amman","monthlyIncome":-1}"#)))
        #expect(badIncome.keyword == "minimum")
        #expect(badIncome.schemaLocation == "https://daftar.invalid/schemas/common.v1.json#/$defs/money/minimum")
    }

    @Test func localReferenceIntoDefs() throws {
        let schema = try Self.registry().schema("https://daftar.invalid/schemas/household-registered.v1.json")
        let v = try #require(
            schema.firstViolation(
                in: try json(#"{"householdId":"HH-000123","governorate":"Amman","members":[{"birthDate":"2023-02-29"}]}"#)))
        #expect(v.keyword == "format")
        #expect(v.instancePointer == "/members/0/birthDate")
        #expect(v.schemaPointer == "/properties/members/items/$ref/properties/birthDate/format")
        #expect(
            v.schemaLocation
                == "https://daftar.invalid/schemas/household-registered.v1.json#/$defs/member/properties/birthDate/format")
    }

    @Test func subschemaCanBeCompiledByFragment() throws {
        let schema = try Self.registry().schema("https://daftar.invalid/schemas/common.v1.json#/$defs/householdId")
        #expect(schema.isValid("HH-123456"))
        #expect(!schema.isValid("HH-1234567"))
    }

    @Test func compileAllSharesAndChecksEverything() throws {
        let all = try Self.registry().compileAll()
        #expect(Set(all.keys) == [
            "https://daftar.invalid/schemas/common.v1.json",
            "https://daftar.invalid/schemas/household-registered.v1.json",
        ])
        let household = try #require(all["https://daftar.invalid/schemas/household-registered.v1.json"])
        #expect(!household.isValid(try json(#"{"householdId":"HH-000123"}"#)))
    }

    @Test func initWithDocumentsChecksReferences() throws {
        let error = #expect(throws: JSONSchemaError.self) {
            _ = try JSONSchemaRegistry(documents: [try json(Self.householdRegistered)])
        }
        #expect(error?.code == .unresolvableReference)
        #expect(error?.location == "https://daftar.invalid/schemas/household-registered.v1.json#/properties/governorate/$ref")
        #expect(error?.message.contains("common.v1.json") == true)

        let registry = try JSONSchemaRegistry(documents: [try json(Self.householdRegistered), try json(Self.common)])
        #expect(registry.documentIDs.count == 2)
    }

    @Test func pointerEscapesInFragments() throws {
        let schema = try compile(
            #"""
            {
              "$defs": {"a/b": {"type": "integer"}, "c~d": {"type": "string"}, "e f": {"const": 1}, "percent%": {"const": 2}},
              "properties": {
                "slash": {"$ref": "#/$defs/a~1b"},
                "tilde": {"$ref": "#/$defs/c~0d"},
                "space": {"$ref": "#/$defs/e%20f"},
                "percent": {"$ref": "#/$defs/percent%25"}
              }
            }
            """#)
        #expect(schema.isValid(try json(#"{"slash":1,"tilde":"x","space":1,"percent":2}"#)))
        #expect(schema.firstViolation(in: try json(#"{"slash":"1"}"#))?.keyword == "type")
        #expect(schema.firstViolation(in: try json(#"{"tilde":1}"#))?.keyword == "type")
        #expect(schema.firstViolation(in: try json(#"{"space":2}"#))?.keyword == "const")
        #expect(schema.firstViolation(in: try json(#"{"percent":1}"#))?.keyword == "const")
        let v = try #require(schema.firstViolation(in: try json(#"{"slash":"1"}"#)))
        #expect(v.schemaPointer == "/properties/slash/$ref/type")
        #expect(v.schemaLocation == "urn:daftar:anonymous-schema#/$defs/a~1b/type")
    }

    @Test func referenceToWholeDocumentAndRecursion() throws {
        // A tree: recursion through `properties`/`items` descends into the instance, so it is allowed.
        let schema = try compile(
            #"""
            {"$id": "https://daftar.invalid/schemas/tree.json", "type": "object", "required": ["name"],
             "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#"}}}}
            """#)
        #expect(schema.isValid(try json(#"{"name":"a","children":[{"name":"b","children":[{"name":"c"}]}]}"#)))
        let v = try #require(schema.firstViolation(in: try json(#"{"name":"a","children":[{"name":"b","children":[{}]}]}"#)))
        #expect(v.keyword == "required")
        #expect(v.instancePointer == "/children/0/children/0/name")
        #expect(v.schemaPointer == "/properties/children/items/$ref/properties/children/items/$ref/required")
    }

    @Test func refSiblingsStillApply() throws {
        let schema = try compile(##"{"$defs":{"s":{"type":"string"}},"$ref":"#/$defs/s","maxLength":2}"##)
        #expect(schema.isValid("ab"))
        #expect(schema.firstViolation(in: "abc")?.keyword == "maxLength")
        #expect(schema.firstViolation(in: 1)?.keyword == "type")
    }

    @Test func embeddedIdChangesTheBase() throws {
        var registry = JSONSchemaRegistry()
        try registry.register(
            try json(
                #"""
                {"$id": "https://daftar.invalid/schemas/outer.json",
                 "$defs": {
                   "inner": {"$id": "nested/inner.json", "$defs": {"n": {"type": "integer"}}, "$ref": "#/$defs/n"}
                 },
                 "properties": {"x": {"$ref": "nested/inner.json"}, "y": {"$ref": "https://daftar.invalid/schemas/nested/inner.json#/$defs/n"}}}
                """#))
        let schema = try registry.schema("https://daftar.invalid/schemas/outer.json")
        #expect(schema.isValid(try json(#"{"x":1,"y":2}"#)))
        let v = try #require(schema.firstViolation(in: try json(#"{"x":"1"}"#)))
        #expect(v.keyword == "type")
        #expect(v.schemaLocation == "https://daftar.invalid/schemas/outer.json#/$defs/inner/$defs/n/type")
        #expect(schema.firstViolation(in: try json(#"{"y":"2"}"#))?.keyword == "type")
    }

    @Test(arguments: [
        (##"{"$ref": "#/$defs/missing"}"##, "urn:daftar:anonymous-schema#/$ref"),
        (#"{"properties": {"a": {"$ref": "other.json"}}}"#, "urn:daftar:anonymous-schema#/properties/a/$ref"),
        (##"{"$defs": {"x": {"$ref": "#/$defs/y"}}}"##, "urn:daftar:anonymous-schema#/$defs/x/$ref"),
        (##"{"$ref": "#anchorName"}"##, "urn:daftar:anonymous-schema#/$ref"),
        (##"{"$defs": {"a": {"enum": [{"type": "string"}]}}, "$ref": "#/$defs/a/enum/0"}"##, "urn:daftar:anonymous-schema#/$ref"),
    ])
    func unresolvableReferencesFailAtCompileTime(_ schemaText: String, _ location: String) throws {
        let error = #expect(throws: JSONSchemaError.self) { _ = try compile(schemaText) }
        #expect(error?.code == .unresolvableReference)
        #expect(error?.location == location)
    }

    @Test func brokenReferenceInUnusedDefsStillFails() throws {
        var registry = JSONSchemaRegistry()
        try registry.register(
            try json(#"{"$id":"https://daftar.invalid/a.json","$defs":{"unused":{"$ref":"b.json"}},"type":"string"}"#))
        let error = #expect(throws: JSONSchemaError.self) { _ = try registry.schema("https://daftar.invalid/a.json") }
        #expect(error?.code == .unresolvableReference)
        #expect(error?.location == "https://daftar.invalid/a.json#/$defs/unused/$ref")
        #expect(error?.message.contains("https://daftar.invalid/b.json") == true)

        // Registering the missing document fixes it.
        try registry.register(try json(#"{"$id":"https://daftar.invalid/b.json","type":"string"}"#))
        #expect(try registry.schema("https://daftar.invalid/a.json").isValid("x"))
    }

    @Test func unknownSchemaIsReported() throws {
        let registry = try Self.registry()
        let error = #expect(throws: JSONSchemaError.self) {
            _ = try registry.schema("https://daftar.invalid/schemas/nope.json")
        }
        #expect(error?.code == .unknownSchema)
    }

    @Test(arguments: [
        ##"{"$ref": "#"}"##,
        ##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"}"##,
        ##"{"anyOf": [{"type": "string"}, {"not": {"$ref": "#"}}]}"##,
    ])
    func inPlaceLoopsAreRejected(_ schemaText: String) throws {
        let error = #expect(throws: JSONSchemaError.self) { _ = try compile(schemaText) }
        #expect(error?.code == .referenceCycle)
    }

    @Test func relativeRefWithoutIdCannotResolve() throws {
        let error = #expect(throws: JSONSchemaError.self) { _ = try compile(#"{"$ref": "common.v1.json"}"#) }
        #expect(error?.code == .unresolvableReference)
    }
}
