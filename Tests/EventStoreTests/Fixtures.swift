import DaftarJSON
import EventStore

let operatorMetadata = EventMetadata(actor: "user:test.operator")
let someDate = BusinessDate(year: 2026, month: 3, day: 1)!

func event(_ type: String = "ThingHappened", _ data: JSONValue = ["n": 1]) -> NewEvent {
    NewEvent(type: type, data: data, metadata: operatorMetadata, effectiveAt: someDate)
}

func request(_ key: String, _ stream: String, _ expected: ExpectedVersion = .any, _ events: [NewEvent]) -> AppendRequest {
    AppendRequest(idempotencyKey: key, stream: stream, expected: expected, events: events)
}

extension EventStore {
    /// Every committed event from the start, paging through the log.
    ///
    /// The horizon is cluster-wide: a transaction open in another test's database holds it back.
    /// So this reads until it has as many events as are committed in this database (counted
    /// without the horizon), waiting up to 60 seconds for the horizon to pass them.
    func readEverything(pageSize: Int = 5000) async throws -> [RecordedEvent] {
        let committed = try await pool.withConnection { c in
            try await c.query("SELECT count(*) FROM event_store.events").first!.decode(Int.self, 0)
        }
        var all: [RecordedEvent] = []
        var checkpoint = Checkpoint.start
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            let page = try await readAll(after: checkpoint, limit: pageSize)
            all += page
            if let last = page.last {
                checkpoint = last.checkpoint
                continue
            }
            if all.count >= committed || ContinuousClock.now > deadline { return all }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

func attempt<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
