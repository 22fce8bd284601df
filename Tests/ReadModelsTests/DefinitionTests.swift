import Postgres
import ProjectionRunner
import Testing

@testable import ReadModels

@Suite struct DefinitionTests {
    /// The SQL files are the single source of truth for shapes: the code writes exactly their columns.
    @Test func eachSQLFileCreatesTheColumnsItsCodeWrites() async throws {
        let env = try await ReadModelDatabase.make()
        let builds = try await env.runner.prepare()
        let conn = try await PostgresConnection.connect(env.db.uri)
        for projection in env.runner.projections {
            let build = try #require(builds.first { $0.projection == projection.definition.name })
            for table in projection.definition.tables {
                let columns = try await conn.query(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position",
                    [build.schema, table.name]
                ).rows.map { try $0.decode(String.self, 0) }
                #expect(Set(columns) == Set(table.columns), "\(projection.definition.name).\(table.name)")
            }
            #expect(!projection.definition.viewNames.isEmpty && projection.definition.viewNames.allSatisfy { $0.hasPrefix("reporting.") })
        }
        await conn.close()
    }

    @Test func aFileWithoutASectionOrTableIsRefusedAndTheVersionFollowsTheSQLAndCode() throws {
        let sql = "-- @tables\nCREATE TABLE {{schema}}.t (a int);\n-- @indexes\n-- @views\nCREATE OR REPLACE VIEW reporting.t AS SELECT a FROM {{schema}}.t;\n"
        let table = ProjectionTable.keyed("t", partitionColumn: "a", columns: ["a"])
        let one = try ProjectionDefinition(name: "t", sql: sql, codeVersion: 1, tables: [table])
        #expect(try ProjectionDefinition(name: "t", sql: sql, codeVersion: 2, tables: [table]).version != one.version)
        #expect(try ProjectionDefinition(name: "t", sql: sql + "\n", codeVersion: 1, tables: [table]).version != one.version)
        #expect(one.sql(.views, schema: "rm_t_x_1").contains("FROM rm_t_x_1.t"))
        #expect(throws: ProjectionError.self) {
            try ProjectionDefinition(name: "t", sql: sql.replacingOccurrences(of: "-- @indexes\n", with: ""), codeVersion: 1, tables: [table])
        }
        #expect(throws: ProjectionError.self) {
            try ProjectionDefinition(name: "t", sql: sql, codeVersion: 1, tables: [.keyed("u", partitionColumn: "a", columns: ["a"])])
        }
        #expect(throws: ProjectionError.self) { try ProjectionDefinition(name: "T-1", sql: sql, codeVersion: 1, tables: [table]) }
    }

    static let splits: [(Int64, [Int64])] = [
        (275_000, [250_000, 25_000]), (100_000, [250_000, 25_000]), (91_667, [250_000, 25_000, -10_000]),
        (1, [1, 1, 1]), (-50_000, [250_000, 25_000]), (7, [0, 0]),
    ]

    @Test(arguments: splits)
    func amountsSplitOverComponentsSumExactly(amount: Int64, weights: [Int64]) {
        let shares = CostProjection.split(amount, over: weights)
        #expect(shares.count == weights.count)
        #expect(shares.reduce(0, +) == amount)
        if amount == weights.reduce(0, +) { #expect(shares == weights) }
    }
}
