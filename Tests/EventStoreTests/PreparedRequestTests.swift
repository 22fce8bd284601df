import DaftarJSON
import Testing

@testable import EventStore

@Suite struct PreparedRequestTests {
    @Test func theHandBuiltBodyIsTheCanonicalRequest() throws {
        let requests = [
            request("k", "s", .any, [event("A", ["é": "x\"y", "n": [1, .number(JSONNumber(literal: "2.50")!), nil, true]])]),
            AppendRequest(idempotencyKey: "multi", streams: [
                StreamAppend(stream: "zeta", expected: .exact(4), events: [event("Z"), event("Y", ["a": ["b": "c"]])]),
                StreamAppend(stream: "alpha", expected: .noStream, events: [event("A")]),
            ]),
        ]
        for r in requests {
            let prepared = PreparedRequest(r)
            let body = PreparedRequest.body(prepared.sortedStreams, prepared.texts)
            #expect(body == r.canonicalJSON.canonicalText)
            #expect(try JSONParser.parse(body) == r.canonicalJSON)
            #expect(prepared.requestHash == EventHash.request(r.canonicalJSON.canonicalText))
        }
    }

    @Test func eventIDsAreVersion4UUIDs() {
        let ids = (0..<1000).map { _ in EventID.random() }
        #expect(Set(ids).count == 1000)
        for id in ids.prefix(50) {
            let u = Array(id.utf8)
            #expect(u.count == 36 && u[8] == 45 && u[13] == 45 && u[18] == 45 && u[23] == 45)
            #expect(u[14] == UInt8(ascii: "4"))
            #expect([UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b")].contains(u[19]))
        }
    }
}
