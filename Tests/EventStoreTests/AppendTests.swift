import DaftarJSON
import DaftarTesting
import EventStore
import Postgres
import Testing

@Suite struct AppendTests {
    @Test func appendsAssignVersionsAndHashesThatSwiftRecomputes() async throws {
        let db = try await TestCluster.newDatabase()
        let store = EventStore(pool: db.pool())
        let first = try await store.append(request("k1", "household-HH-00000001", .noStream, [event("A", ["x": "عربي"]), event("B")]))
        #expect(first.events.map(\.streamVersion) == [1, 2])
        #expect(!first.isDuplicate)
        let second = try await store.append(request("k2", "household-HH-00000001", .exact(2), [event("C", ["big": 9_223_372_036_854_775_807])]))
        #expect(second.events.map(\.streamVersion) == [3])
        let events = try await store.readStream("household-HH-00000001")
        #expect(events.map(\.type) == ["A", "B", "C"])
        #expect(events[0].previousHash == EventHash.zero)
        for (i, e) in events.enumerated() {
            #expect(e.recomputedHash == e.hash, "hash of version \(e.streamVersion)")
            if i > 0 { #expect(e.previousHash == events[i - 1].hash) }
        }
        #expect(events.map(\.hash) == (first.events + second.events).map(\.hash))
        #expect(try events[0].data() == ["x": "عربي"])
        #expect(try await store.streamVersion("household-HH-00000001") == 3)
        #expect(try await store.streamVersion("household-HH-00000002") == 0)
    }

    @Test func multiStreamAppendIsAtomic() async throws {
        let db = try await TestCluster.newDatabase()
        let store = EventStore(pool: db.pool())
        _ = try await store.append(request("setup", "b-stream", .noStream, [event()]))
        let both = AppendRequest(idempotencyKey: "both", streams: [
            StreamAppend(stream: "a-stream", expected: .noStream, events: [event("A")]),
            StreamAppend(stream: "b-stream", expected: .exact(5), events: [event("B")]),
        ])
        let error = await #expect(throws: EventStoreError.self) { try await store.append(both) }
        #expect(error?.code == .wrongExpectedVersion)
        #expect(error?.stream == "b-stream")
        #expect(error?.expectedVersion == 5)
        #expect(error?.actualVersion == 1)
        #expect(try await store.readStream("a-stream").isEmpty)
        #expect(try await store.readEverything().count == 1)
        // The key was not consumed by the failed attempt.
        let fixed = AppendRequest(idempotencyKey: "both", streams: [
            StreamAppend(stream: "a-stream", expected: .noStream, events: [event("A")]),
            StreamAppend(stream: "b-stream", expected: .exact(1), events: [event("B")]),
        ])
        let ok = try await store.append(fixed)
        #expect(ok.events.map(\.stream) == ["a-stream", "b-stream"])
        #expect(Set(ok.events.map(\.checkpoint.xid)).count == 1)
    }

    @Test func racingWritersOnOneStreamExactlyOneWins() async throws {
        let db = try await TestCluster.newDatabase()
        let store = EventStore(pool: db.pool(maximumConnections: 8))
        _ = try await store.append(request("seed", "contested", .noStream, [event()]))
        for (round, expectation) in [ExpectedVersion.exact(1), .noStream].enumerated() {
            let stream = round == 0 ? "contested" : "brand-new"
            let outcomes = await withTaskGroup(of: Result<AppendResult, any Error>.self) { group in
                for i in 0..<8 {
                    group.addTask {
                        await attempt { try await store.append(request("race-\(round)-\(i)", stream, expectation, [event("Raced", ["writer": .number(JSONNumber(Int64(i)))])])) }
                    }
                }
                var all: [Result<AppendResult, any Error>] = []
                for await r in group { all.append(r) }
                return all
            }
            let wins = outcomes.filter { if case .success = $0 { return true } else { return false } }
            #expect(wins.count == 1)
            for case .failure(let error) in outcomes {
                let e = try #require(error as? EventStoreError)
                #expect(e.code == .wrongExpectedVersion)
                #expect(e.expectedVersion == (round == 0 ? 1 : 0))
                #expect(e.actualVersion == (round == 0 ? 2 : 1))
                #expect(e.message.contains("expected"))
            }
        }
    }

    @Test func retriesAreIdempotentAndKeyReuseIsAnError() async throws {
        let db = try await TestCluster.newDatabase()
        let store = EventStore(pool: db.pool())
        let original = try await store.append(request("pay-2026-03-HH-1", "payments", .any, [event("PaymentIssued", ["amount": 125_000])]))
        let retry = try await store.append(request("pay-2026-03-HH-1", "payments", .any, [event("PaymentIssued", ["amount": 125_000])]))
        #expect(retry.isDuplicate)
        #expect(retry.events == original.events)
        let error = await #expect(throws: EventStoreError.self) {
            try await store.append(request("pay-2026-03-HH-1", "payments", .any, [event("PaymentIssued", ["amount": 999_999])]))
        }
        #expect(error?.code == .idempotencyKeyReused)
        #expect(error?.field == "idempotencyKey")
        #expect(try await store.readEverything().count == 1)
        // Concurrent retries of one command append it once.
        let results = try await withThrowingTaskGroup(of: AppendResult.self) { group in
            for _ in 0..<8 {
                group.addTask { try await store.append(request("once", "payments", .any, [event("PaymentIssued", ["amount": 1])])) }
            }
            var all: [AppendResult] = []
            for try await r in group { all.append(r) }
            return all
        }
        #expect(results.filter { !$0.isDuplicate }.count == 1)
        #expect(Set(results.map(\.events)).count == 1)
        #expect(try await store.readEverything().count == 2)
    }

    @Test(arguments: [
        ("bad stream", request("k", "bad stream", .any, [event()]), "streams[0].stream", "pattern"),
        ("empty stream", request("k", "", .any, [event()]), "streams[0].stream", "pattern"),
        ("key with space", request("a key", "s", .any, [event()]), "idempotencyKey", "pattern"),
        ("empty key", request("", "s", .any, [event()]), "idempotencyKey", "pattern"),
        ("bad type", request("k", "s", .any, [event("lowercase")]), "streams[0].events[0].type", "pattern"),
        ("no events", request("k", "s", .any, []), "streams[0].events", "minItems"),
        ("zero version", request("k", "s", .exact(0), [event()]), "streams[0].expectedVersion", "minimum"),
        ("payload not object", request("k", "s", .any, [event("A", [1, 2])]), "streams[0].events[0].data", "type"),
        ("oversize", request("k", "s", .any, [event("A", ["blob": .string(String(repeating: "x", count: 70_000))])]), "streams[0].events[0].data", "maxBytes"),
    ])
    func badInputIsRejectedBeforeTheDatabaseAndChangesNothing(_ name: String, _ bad: AppendRequest, _ field: String, _ rule: String) async throws {
        let db = try await TestCluster.newDatabase()
        let store = EventStore(pool: db.pool())
        let error = await #expect(throws: EventStoreError.self) { try await store.append(bad) }
        #expect(error?.code == .invalidInput || error?.code == .schemaViolation, "\(name)")
        #expect(error?.field == field, "\(name)")
        #expect(error?.rule == rule, "\(name)")
        let bulk = await #expect(throws: EventStoreError.self) { try await store.bulkAppend([request("fine", "s", .any, [event()]), bad]) }
        #expect(bulk?.requestIndex == 1)
        #expect(try await store.readEverything().isEmpty)
    }

    @Test func metadataIsStrict() throws {
        #expect(throws: EventStoreError.self) { try EventMetadata(json: ["actor": "nobody"]) }
        #expect(throws: EventStoreError.self) { try EventMetadata(json: ["actor": "user:x", "name": "Amina"]) }
        #expect(throws: EventStoreError.self) { try EventMetadata(json: ["role": "x"]) }
        let m = try EventMetadata(json: ["actor": "system:cross-match", "reason": "cross-match-vehicle", "correlationId": "run-7"])
        #expect(m.reason == "cross-match-vehicle")
        #expect(m.json.canonicalText == #"{"actor":"system:cross-match","correlationId":"run-7","reason":"cross-match-vehicle"}"#)
    }

    @Test func datesAndCheckpointsParseStrictly() throws {
        #expect(try BusinessDate(parsing: "2024-02-29").description == "2024-02-29")
        for bad in ["2023-02-29", "2024-2-01", "2024-13-01", "1899-12-31", "2024-01-01T00:00Z", ""] {
            #expect(throws: EventStoreError.self) { try BusinessDate(parsing: bad) }
        }
        #expect(BusinessDate(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(BusinessDate(year: 2026, month: 11, day: 26)!.daysSinceEpoch == 20_783)
        #expect(try Checkpoint(parsing: "12:34") == Checkpoint(xid: 12, position: 34))
        #expect(throws: EventStoreError.self) { try Checkpoint(parsing: "12") }
        #expect(EventTime.rfc3339(micros: 1_764_152_337_123_456) == "2025-11-26T10:18:57.123456Z")
    }
}
