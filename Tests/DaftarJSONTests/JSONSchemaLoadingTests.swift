import DaftarJSON
import Testing

/// What a schema may contain: unsupported keywords and malformed values are load errors that say
/// which keyword and where.
@Suite struct JSONSchemaLoadingTests {
    static let id = "https://daftar.invalid/schemas/test.json"

    static func register(_ schemaText: String) throws {
        var registry = JSONSchemaRegistry()
        try registry.register(jsonText: schemaText)
    }

    @Test(arguments: [
        ("minLenght", #"{"$id":"\#(id)","properties":{"name":{"minLenght":1}}}"#, "#/properties/name/minLenght"),
        ("unevaluatedProperties", #"{"$id":"\#(id)","unevaluatedProperties":false}"#, "#/unevaluatedProperties"),
        ("dependentSchemas", #"{"$id":"\#(id)","$defs":{"unused":{"dependentSchemas":{}}}}"#, "#/$defs/unused/dependentSchemas"),
        ("definitions", #"{"$id":"\#(id)","definitions":{}}"#, "#/definitions"),
        ("$anchor", #"{"$id":"\#(id)","items":{"$anchor":"x"}}"#, "#/items/$anchor"),
        ("$dynamicRef", ##"{"$id":"\##(id)","allOf":[true,{"$dynamicRef":"#x"}]}"##, "#/allOf/1/$dynamicRef"),
        ("a/b", #"{"$id":"\#(id)","not":{"a/b":1}}"#, "#/not/a~1b"),
        ("contentMediaType", #"{"$id":"\#(id)","patternProperties":{"^a":{"contentMediaType":"x"}}}"#, "#/patternProperties/%5Ea/contentMediaType"),
    ])
    func unsupportedKeywordIsRejectedAtLoad(_ keyword: String, _ schemaText: String, _ fragment: String) throws {
        let error = #expect(throws: JSONSchemaError.self) { try Self.register(schemaText) }
        #expect(error?.code == .unsupportedKeyword)
        #expect(error?.location == Self.id + fragment)
        #expect(error?.message.contains("\"\(keyword)\"") == true)
        #expect(error?.description.hasPrefix("unsupported_keyword at \(Self.id + fragment): ") == true)
    }

    @Test func adviceForCommonOlderKeywords() throws {
        let error = #expect(throws: JSONSchemaError.self) {
            _ = try compile(#"{"definitions":{"a":true}}"#)
        }
        #expect(error?.message.contains("$defs") == true)
    }

    @Test func annotationsAndExtensionsAreAccepted() throws {
        let schema = try compile(
            #"""
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "$comment": "c", "title": "t",
             "description": "d", "examples": [1], "default": 2, "deprecated": false, "readOnly": true,
             "writeOnly": false, "x-daftar-pii": true, "x-owner": {"team": "ledger"},
             "properties": {"a": {"x-note": "anything", "type": "integer"}}}
            """#)
        #expect(schema.isValid(try json(#"{"a":1}"#)))
        #expect(!schema.isValid(try json(#"{"a":"1"}"#)))
    }

    @Test(arguments: [
        (#"{"minLength":-1}"#, "#/minLength"),
        (#"{"minLength":1.5}"#, "#/minLength"),
        (#"{"maxItems":"3"}"#, "#/maxItems"),
        (#"{"type":"text"}"#, "#/type"),
        (#"{"type":[]}"#, "#/type"),
        (#"{"type":["string","string"]}"#, "#/type"),
        (#"{"required":["a","a"]}"#, "#/required"),
        (#"{"required":"a"}"#, "#/required"),
        (#"{"dependentRequired":{"a":[1]}}"#, "#/dependentRequired/a"),
        (#"{"multipleOf":0}"#, "#/multipleOf"),
        (#"{"multipleOf":-2}"#, "#/multipleOf"),
        (#"{"minimum":"0"}"#, "#/minimum"),
        (#"{"allOf":[]}"#, "#/allOf"),
        (#"{"anyOf":{}}"#, "#/anyOf"),
        (#"{"items":[{"type":"string"}]}"#, "#/items"),
        (#"{"enum":"a"}"#, "#/enum"),
        (#"{"uniqueItems":1}"#, "#/uniqueItems"),
        (#"{"title":1}"#, "#/title"),
        (#"{"$ref":1}"#, "#/$ref"),
    ])
    func malformedKeywordValuesAreRejected(_ schemaText: String, _ fragment: String) throws {
        let error = #expect(throws: JSONSchemaError.self) { _ = try compile(schemaText) }
        #expect(error?.code == .invalidKeywordValue)
        #expect(error?.location == "urn:daftar:anonymous-schema" + fragment)
    }

    @Test(arguments: [#"{"properties":{"a":1}}"#, #"{"not":"x"}"#, #"{"allOf":[null]}"#, "[]"])
    func subschemasMustBeObjectsOrBooleans(_ schemaText: String) throws {
        let error = #expect(throws: JSONSchemaError.self) { _ = try compile(schemaText) }
        #expect(error?.code == .invalidSchema)
    }

    @Test(arguments: [#"{"pattern":"(unclosed"}"#, #"{"patternProperties":{"[z-a]":true}}"#, #"{"pattern":"a\\"}"#])
    func invalidPatternsAreRejected(_ schemaText: String) throws {
        let error = #expect(throws: JSONSchemaError.self) { _ = try compile(schemaText) }
        #expect(error?.code == .invalidPattern)
    }

    @Test(arguments: ["http://json-schema.org/draft-07/schema#", "https://json-schema.org/draft/2019-09/schema"])
    func otherDialectsAreRejected(_ dialect: String) throws {
        let error = #expect(throws: JSONSchemaError.self) {
            _ = try compile(#"{"$schema":"\#(dialect)"}"#)
        }
        #expect(error?.code == .unsupportedDialect)
        #expect(error?.location == "urn:daftar:anonymous-schema#/$schema")
    }

    @Test func dialectWithEmptyFragmentIsAccepted() throws {
        _ = try compile(#"{"$schema":"https://json-schema.org/draft/2020-12/schema#"}"#)
    }

    @Test(arguments: [
        #"{"type":"string"}"#,
        #"{"$id":"relative.json"}"#,
        #"{"$id":"https://daftar.invalid/a.json#frag"}"#,
        #"{"$id":5}"#,
    ])
    func registeredDocumentsNeedAnAbsoluteID(_ schemaText: String) throws {
        let error = #expect(throws: JSONSchemaError.self) { try Self.register(schemaText) }
        #expect(error?.code == .invalidIdentifier)
    }

    @Test func idWithEmptyFragmentIsNormalised() throws {
        var registry = JSONSchemaRegistry()
        try registry.register(jsonText: #"{"$id":"https://daftar.invalid/a.json#","type":"string"}"#)
        #expect(registry.documentIDs == ["https://daftar.invalid/a.json"])
        #expect(try registry.schema("https://daftar.invalid/a.json").isValid("x"))
    }

    @Test func duplicateIDsAreRejectedAndLeaveTheRegistryUnchanged() throws {
        var registry = JSONSchemaRegistry()
        try registry.register(jsonText: #"{"$id":"https://daftar.invalid/a.json","type":"string"}"#)
        let again = #expect(throws: JSONSchemaError.self) {
            try registry.register(jsonText: #"{"$id":"https://daftar.invalid/a.json","type":"integer"}"#)
        }
        #expect(again?.code == .duplicateIdentifier)
        let embedded = #expect(throws: JSONSchemaError.self) {
            try registry.register(
                jsonText: #"{"$id":"https://daftar.invalid/b.json","$defs":{"x":{"$id":"a.json"}}}"#)
        }
        #expect(embedded?.code == .duplicateIdentifier)
        #expect(registry.documentIDs == ["https://daftar.invalid/a.json"])
        #expect(try registry.schema("https://daftar.invalid/a.json").isValid("x"))
        #expect(throws: JSONSchemaError.self) { _ = try registry.schema("https://daftar.invalid/b.json") }
    }

    @Test func failedRegistrationLeavesNoTrace() throws {
        var registry = JSONSchemaRegistry()
        #expect(throws: JSONSchemaError.self) {
            try registry.register(jsonText: #"{"$id":"https://daftar.invalid/a.json","$defs":{"ok":true},"bogus":1}"#)
        }
        #expect(registry.documentIDs.isEmpty)
        // The same $id can be registered once the document is fixed.
        try registry.register(jsonText: #"{"$id":"https://daftar.invalid/a.json","$defs":{"ok":true}}"#)
        #expect(registry.documentIDs == ["https://daftar.invalid/a.json"])
    }

    @Test func invalidJSONTextIsReported() throws {
        var registry = JSONSchemaRegistry()
        let error = #expect(throws: JSONSchemaError.self) { try registry.register(jsonText: #"{"$id": }"#) }
        #expect(error?.code == .invalidJSON)
    }
}
