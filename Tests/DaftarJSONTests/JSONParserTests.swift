import DaftarJSON
import Testing

@Suite struct JSONParserTests {
    @Test func parsesAndCanonicalises() throws {
        let v = try JSONParser.parse(#" { "b" : [1, 2.50, -0, 1E+3], "a": "x\u00e9\n/", "c": {"z": null, "y": true} } "#)
        #expect(v.canonicalText == #"{"a":"xé\n/","b":[1,2.50,0,1e3],"c":{"y":true,"z":null}}"#)
    }

    @Test func keysSortByUTF8Bytes() throws {
        let v = try JSONParser.parse(#"{"é":1,"z":2,"Z":3,"aa":4,"a":5}"#)
        #expect(v.canonicalText == #"{"Z":3,"a":5,"aa":4,"z":2,"é":1}"#)
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "-", "1e", "tru", "\"\\x\"", "\"a\nb\"",
        "{\"a\":1,\"a\":2}", "[1] 2", "\"\\ud800\"", "NaN", "{a:1}", "1e1234567",
    ])
    func rejectsInvalid(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test func rejectsDeepNesting() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    }

    @Test func surrogatePairsDecode() throws {
        let v = try JSONParser.parse(#""\ud83d\ude00""#)
        #expect(v.stringValue == "😀")
        #expect(v.canonicalText == "\"😀\"")
    }

    @Test func numbersCompareExactly() throws {
        let a = try #require(JSONNumber(literal: "1.10"))
        let b = try #require(JSONNumber(literal: "11e-1"))
        #expect(a == b)
        #expect(JSONNumber(literal: "0.1")! < JSONNumber(literal: "0.10000000000000000001")!)
        #expect(JSONNumber(literal: "-2")! < JSONNumber(literal: "-1.5")!)
        #expect(JSONNumber(literal: "9223372036854775807")!.int64Value == Int64.max)
        #expect(JSONNumber(literal: "9223372036854775808")!.int64Value == nil)
        #expect(JSONNumber(literal: "-9223372036854775808")!.int64Value == Int64.min)
        #expect(JSONNumber(literal: "2.5e1")!.int64Value == 25)
        #expect(JSONNumber(literal: "2.5")!.isInteger == false)
    }

    @Test func multipleOfIsExact() throws {
        let v = JSONNumber(literal: "0.3")!.decimal
        #expect(v.isMultiple(of: JSONNumber(literal: "0.1")!.decimal))
        #expect(!v.isMultiple(of: JSONNumber(literal: "0.2")!.decimal))
        #expect(JSONNumber(literal: "1000")!.decimal.isMultiple(of: JSONNumber(literal: "250")!.decimal))
    }
}
