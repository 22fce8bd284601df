import Benefits
import DaftarTesting
import EventStore
import Postgres
import ProjectionRunner
import ReadModels
import Testing

/// A test database with the store and the read models' migrations, and a store checking schemas.
struct ReadModelDatabase {
    let db: TestDatabase
    let store: EventStore
    let runner: ProjectionRunner<BenefitsFolder>

    static func make() async throws -> ReadModelDatabase {
        let db = try await TestCluster.newDatabase()
        let conn = try await PostgresConnection.connect(db.uri)
        for migrator in try ReadModels.migrators() { _ = try await migrator.migrate(conn) }
        await conn.close()
        let store = EventStore(pool: db.pool(maximumConnections: 4), catalogue: try BenefitsCatalogue())
        var runner = try ReadModels.runner(conninfo: db.uri)
        runner.pollInterval = .milliseconds(100)
        return ReadModelDatabase(db: db, store: store, runner: runner)
    }

    /// The last event in the log.
    func head() async throws -> Checkpoint {
        try await PostgresConnection.connect(db.uri).closing { try await ProjectionCatalog.head($0) }
    }

    /// Applies batches (of random sizes when `random` is given) until `builds` have read up to `head`.
    func catchUp(_ builds: [ProjectionBuild], to head: Checkpoint, random: inout SeededRandom?) async throws -> [ProjectionBuild] {
        let conn = try await PostgresConnection.connect(db.uri)
        var current = builds
        var runner = self.runner
        let deadline = ContinuousClock.now + .seconds(120)
        while current[0].checkpoint < head {
            if var r = random {
                runner.batchSize = 1 + Int(r.next() % 97)
                random = r
            }
            let (after, events) = try await runner.applyBatch(current, on: conn)
            current = after
            if events == 0 {
                guard ContinuousClock.now < deadline else { throw ProjectionError(.busy, "the horizon did not pass \(head) in time") }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        await conn.close()
        return current
    }

    /// Rows of `a` not in `b` plus rows of `b` not in `a`, over every table of every projection.
    func differences(_ a: [ProjectionBuild], _ b: [ProjectionBuild]) async throws -> [String: Int] {
        let conn = try await PostgresConnection.connect(db.uri)
        var result: [String: Int] = [:]
        for projection in runner.projections {
            let name = projection.definition.name
            guard let left = a.first(where: { $0.projection == name }), let right = b.first(where: { $0.projection == name }) else {
                result[name] = -1
                continue
            }
            for table in projection.definition.tables {
                let columns = table.columns.joined(separator: ", ")
                let count = try await conn.query(
                    """
                    SELECT (SELECT count(*) FROM (SELECT \(columns) FROM \(left.schema).\(table.name) EXCEPT ALL SELECT \(columns) FROM \(right.schema).\(table.name)) x)
                         + (SELECT count(*) FROM (SELECT \(columns) FROM \(right.schema).\(table.name) EXCEPT ALL SELECT \(columns) FROM \(left.schema).\(table.name)) y)
                    """
                ).rows[0].decode(Int.self, 0)
                result["\(name).\(table.name)"] = count
            }
        }
        await conn.close()
        return result
    }

    /// Runs `sql` and returns the first column of the first row.
    func scalar(_ sql: String) async throws -> String? {
        try await PostgresConnection.connect(db.uri).closing { try await $0.query(sql).rows.first?[0] }
    }
}
