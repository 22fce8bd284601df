import Benefits
import DaftarTesting
import DemoCountry
import EventStore
import Postgres
import ProjectionRunner
import ReadModels

/// A small demo country on a throwaway database, sequenced, with every read model live: built once
/// per test process and shared by the loader tests (which only read it).
struct DemoLedger: Sendable {
    let db: TestDatabase
    let store: EventStore
    /// The ledger's head after the generation.
    let head: Int64

    static let programme = DemoCountryGenerator.programmeId

    /// The shared demo: 400 households, 8 months.
    static func shared() async throws -> DemoLedger { try await holder.ledger() }

    private static let holder = Holder()

    private actor Holder {
        private var building: Task<DemoLedger, any Error>?

        func ledger() async throws -> DemoLedger {
            if let building { return try await building.value }
            let task = Task { try await DemoLedger.make(households: 400, months: 8) }
            building = task
            return try await task.value
        }
    }

    /// A new database with a demo country appended, sequenced and projected.
    static func make(households: Int, months: Int) async throws -> DemoLedger {
        try await make(try DemoCountryConfiguration(seed: 7, households: households, months: months))
    }

    /// A new database with the country of `configuration` appended, sequenced and projected.
    static func make(_ configuration: DemoCountryConfiguration) async throws -> DemoLedger {
        let db = try await TestCluster.newDatabase()
        try await PostgresConnection.connect(db.uri).closing { conn in
            for migrator in try ReadModels.migrators() { _ = try await migrator.migrate(conn) }
        }
        let store = EventStore(pool: db.pool(maximumConnections: 4), catalogue: try BenefitsCatalogue())
        let generator = DemoCountryGenerator(configuration)
        _ = try await generator.generate { chunk in _ = try await store.bulkAppend(chunk) }
        var runner = try ReadModels.runner(conninfo: db.uri)
        runner.pollInterval = .milliseconds(100)
        try await runner.run(untilCaughtUp: true)
        _ = try await LedgerSequencer(conninfo: db.uri).catchUp()
        let head = try await PostgresConnection.connect(db.uri).closing {
            try await $0.query("SELECT max(ledger_seq) FROM event_store.ledger").rows[0].decode(Int64.self, 0)
        }
        return DemoLedger(db: db, store: store, head: head)
    }

    /// Runs `body` on a new connection, closed after.
    func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await PostgresConnection.connect(db.uri).closing { try await body($0) }
    }

    /// The first column of the first row of `sql`.
    func scalar(_ sql: String) async throws -> String? {
        try await withConnection { try await $0.query(sql).rows.first?[0] }
    }
}
