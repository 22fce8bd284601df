import DaftarJSON
import DaftarTesting
import EventStore
import Postgres
import Testing

@Suite struct BulkAppendTests {
    @Test func bulkAppendChainsWithSingleAppendsAndSkipsRetries() async throws {
        let db = try await TestCluster.newDatabase()
        let store = EventStore(pool: db.pool())
        _ = try await store.append(request("single-1", "hh-1", .noStream, [event("Registered")]))
        var batch: [AppendRequest] = []
        for i in 0..<500 {
            batch.append(request("bulk-\(i)", "hh-\(i % 50)", .any, [event("Paid", ["i": .number(JSONNumber(Int64(i)))])]))
        }
        batch.append(request("bulk-first-of-new", "hh-new", .noStream, [event("A"), event("B")]))
        batch.append(request("bulk-then-exact", "hh-new", .exact(2), [event("C")]))
        let result = try await store.bulkAppend(batch)
        #expect(result.appendedRequests == 502)
        #expect(result.appendedEvents == 503)
        #expect(result.duplicateRequests == 0)

        // Chains continue across single and bulk appends, and hashes verify.
        let hh1 = try await store.readStream("hh-1")
        #expect(hh1.map(\.streamVersion) == Array(1...11))
        #expect(hh1[1].previousHash == hh1[0].hash)
        let all = try await store.readEverything()
        #expect(all.count == 504)
        #expect(all.allSatisfy { $0.recomputedHash == $0.hash })
        #expect(try await store.streamVersion("hh-new") == 3)

        // The same batch again appends nothing; a single append with a bulk key is a retry too.
        let again = try await store.bulkAppend(batch)
        #expect(again.appendedEvents == 0)
        #expect(again.duplicateRequests == 502)
        let retry = try await store.append(batch[7])
        #expect(retry.isDuplicate)
        #expect(retry.events.count == 1)
        #expect(try await store.readEverything().count == 504)

        // One different request under a used key fails the whole batch.
        var tampered = [request("fresh-1", "hh-x", .any, [event()])]
        tampered.append(request("bulk-3", "hh-3", .any, [event("Paid", ["i": 9999])]))
        let error = await #expect(throws: EventStoreError.self) { try await store.bulkAppend(tampered) }
        #expect(error?.code == .idempotencyKeyReused)
        #expect(error?.requestIndex == 1)
        #expect(try await store.readStream("hh-x").isEmpty)
    }

    @Test func aWrongExpectationAnywhereKeepsNothingOfTheBatch() async throws {
        let db = try await TestCluster.newDatabase()
        let store = EventStore(pool: db.pool())
        _ = try await store.append(request("seed", "hh-1", .noStream, [event()]))
        var batch = (0..<1000).map { request("b-\($0)", "hh-\($0 + 2)", .noStream, [event()]) }
        batch.append(request("b-late", "hh-1", .exact(3), [event()]))
        let error = await #expect(throws: EventStoreError.self) { try await store.bulkAppend(batch) }
        #expect(error?.code == .wrongExpectedVersion)
        #expect(error?.requestIndex == 1000)
        #expect(error?.stream == "hh-1")
        #expect(error?.actualVersion == 1)
        #expect(try await store.readEverything().count == 1)
        #expect(try await store.streamVersion("hh-2") == 0)
    }

    /// The first attempt looks up neither keys nor no-stream heads; the tables' primary keys catch
    /// what it assumed wrongly, and the checked attempt gives the same answers as if it had looked.
    @Test func anOptimisticGuessThatFailsIsCheckedAgainAndAnsweredExactly() async throws {
        let db = try await TestCluster.newDatabase()
        let store = EventStore(pool: db.pool())
        _ = try await store.append(request("seed", "hh-0", .noStream, [event(), event()]))

        // A no-stream append to a stream that exists, far into the batch: refused, naming it.
        var batch = (1..<3000).map { request("b-\($0)", "hh-\($0)", .noStream, [event()]) }
        batch.append(request("b-existing", "hh-0", .noStream, [event()]))
        let error = await #expect(throws: EventStoreError.self) { try await store.bulkAppend(batch) }
        #expect(error?.code == .wrongExpectedVersion)
        #expect(error?.requestIndex == 2999)
        #expect(error?.stream == "hh-0" && error?.expectedVersion == 0 && error?.actualVersion == 2)
        #expect(try await store.readEverything().count == 2)

        // Half retries, half new: the retries are skipped and counted, the new ones appended once.
        let first = try await store.bulkAppend(Array(batch.prefix(1500)))
        #expect(first.appendedEvents == 1500)
        let mixed = try await store.bulkAppend(Array(batch.prefix(2999)))
        #expect(mixed.appendedRequests == 1499 && mixed.duplicateRequests == 1500 && mixed.appendedEvents == 1499)
        #expect(try await store.readEverything().count == 3001)
        #expect(try await store.streamVersion("hh-2999") == 1)
    }

    /// Requests are prepared in slices on several cores, but errors come in request order: an
    /// expectation broken in the first slice is reported before a payload refused in a later one.
    @Test func theFirstFailingRequestIsReportedWhicheverSliceFailsFirst() async throws {
        let db = try await TestCluster.newDatabase()
        let store = EventStore(pool: db.pool())
        var batch = (0..<5000).map { request("k-\($0)", "s-\($0)", .noStream, [event()]) }
        batch[1200] = request("k-1200", "s-1200", .exact(4), [event()])
        batch[4100] = request("k-4100", "s-4100", .noStream, [event("not a type")])
        let error = await #expect(throws: EventStoreError.self) { try await store.bulkAppend(batch) }
        #expect(error?.code == .wrongExpectedVersion && error?.requestIndex == 1200)
        batch[1200] = request("k-1200", "s-1200", .noStream, [event()])
        let second = await #expect(throws: EventStoreError.self) { try await store.bulkAppend(batch) }
        #expect(second?.field == "streams[0].events[0].type" && second?.requestIndex == 4100)
        #expect(try await store.readEverything().isEmpty)
    }

    /// Within one slice too, and when only the database can tell: a reused key or an existing
    /// stream early in the batch is reported before a payload refused later on.
    @Test func anEarlierRefusalThatOnlyTheDatabaseSeesComesBeforeALaterInvalidRequest() async throws {
        let db = try await TestCluster.newDatabase()
        let store = EventStore(pool: db.pool())
        _ = try await store.append(request("used", "taken", .noStream, [event()]))
        var batch = (0..<20).map { request("r-\($0)", "s-\($0)", .noStream, [event()]) }
        batch[8] = request("r-8", "s-8", .noStream, [event("not a type")])
        batch[5] = request("used", "s-5", .noStream, [event("Other")])
        let reused = await #expect(throws: EventStoreError.self) { try await store.bulkAppend(batch) }
        #expect(reused?.code == .idempotencyKeyReused && reused?.requestIndex == 5)
        batch[5] = request("r-5", "s-5", .noStream, [event()])
        batch[3] = request("r-3", "taken", .noStream, [event()])
        let existing = await #expect(throws: EventStoreError.self) { try await store.bulkAppend(batch) }
        #expect(existing?.code == .wrongExpectedVersion && existing?.requestIndex == 3 && existing?.stream == "taken")
        #expect(try await store.readEverything().count == 1)
    }

    /// Ids the naming rules refuse never reach a lookup (where a NUL byte would be the database's
    /// error): the request is refused by its field and rule, wherever it stands in the batch.
    @Test func refusedIdsAreNamedByFieldAndRuleNotByTheDatabase() async throws {
        let db = try await TestCluster.newDatabase()
        let store = EventStore(pool: db.pool())
        let fine = (0..<10).map { request("ok-\($0)", "s-\($0)", .noStream, [event()]) }
        let badKey = await #expect(throws: EventStoreError.self) {
            try await store.bulkAppend([request("bad\u{0}key", "s-x", .noStream, [event()])] + fine)
        }
        #expect(badKey?.field == "idempotencyKey" && badKey?.rule == "pattern" && badKey?.requestIndex == 0)
        let badStream = await #expect(throws: EventStoreError.self) {
            try await store.bulkAppend(fine + [request("k-last", "s\u{0}x", .any, [event()])])
        }
        #expect(badStream?.field == "streams[0].stream" && badStream?.rule == "pattern" && badStream?.requestIndex == 10)
        #expect(try await store.readEverything().isEmpty)
    }

    @Test(.timeLimit(.minutes(10)))  // a safety net against hangs, not a measure: the suite runs beside CPU-heavy backtests
    func aBulkAppendCutOffMidCopyLeavesNoneOfItsEvents() async throws {
        let db = try await TestCluster.newDatabase()
        let store = EventStore(pool: db.pool(maximumConnections: 2))
        let payload: JSONValue = ["padding": .string(String(repeating: "p", count: 2000))]
        let batch = (0..<60_000).map { request("kill-\($0)", "hh-\($0 % 5000)", .any, [event("Paid", payload)]) }
        let admin = try await db.superuser()
        let bulk = Task { try await store.bulkAppend(batch) }
        // Cut the connection while its COPY into the log is running.
        var killed = false
        let deadline = ContinuousClock.now + .seconds(90)
        while !killed && ContinuousClock.now < deadline {
            let pids = try await admin.query(
                "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'COPY event_store.events%' AND state = 'active'",
                [db.name])
            if let pid = pids.first {
                try await Task.sleep(for: .milliseconds(300))
                try await admin.query("SELECT pg_terminate_backend($1)", [try pid.decode(Int.self, 0)])
                killed = true
            } else {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        #expect(killed, "the COPY was seen running and cut off")
        let outcome = await bulk.result
        #expect(throws: (any Error).self) { try outcome.get() }
        let counts = try await admin.query(
            "SELECT (SELECT count(*) FROM event_store.events), (SELECT count(*) FROM event_store.idempotency_keys), (SELECT count(*) FROM event_store.streams)")
        #expect(try counts.first!.decode(Int.self, 0) == 0)
        #expect(try counts.first!.decode(Int.self, 1) == 0)
        #expect(try counts.first!.decode(Int.self, 2) == 0)
        await admin.close()
        // The store still works afterwards (the broken connection was not lent again).
        let ok = try await store.bulkAppend(Array(batch.prefix(10)))
        #expect(ok.appendedEvents == 10)
    }
}
