import DaftarJSON
import Testing

/// A compiled schema is shared by concurrent validators without locks.
@Suite struct JSONSchemaConcurrencyTests {
    @Test func concurrentValidationAgrees() async throws {
        let schema = try compile(
            #"""
            {"type":"object","required":["id","tags"],"properties":{
              "id":{"type":"string","pattern":"^HH-[0-9]{6}$"},
              "tags":{"type":"array","items":{"type":"string","pattern":"^[a-z]+$"},"uniqueItems":true}}}
            """#)
        let good = try json(#"{"id":"HH-000001","tags":["a","b","c"]}"#)
        let bad = try json(#"{"id":"HH-1","tags":["a","B"]}"#)
        let expected = schema.validate(bad)
        #expect(expected.map(\.keyword) == ["pattern", "pattern"])

        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for i in 0..<500 {
                        if (i + worker) % 2 == 0 {
                            guard schema.isValid(good), schema.validate(good).isEmpty else { return false }
                        } else {
                            guard !schema.isValid(bad), schema.validate(bad) == expected else { return false }
                        }
                    }
                    return true
                }
            }
            var all: [Bool] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes == Array(repeating: true, count: 8))
    }
}
