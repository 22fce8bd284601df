import Benefits
import Foundation
import Planning
import PlanningLedger
import Postgres
import Testing

/// How fast the read model's path loads a large cohort. Opt-in: `DAFTAR_COHORT_BENCH=<rows>` (for
/// example 1000000); best run in release (`swift test -c release -Xswiftc -enable-testing`).
///
/// The live build of a small demo country is inflated with copies of its payable rows under new
/// household ids of the same length, then loaded.
@Suite struct CohortLoadBenchmark {
    static let rows = Int(ProcessInfo.processInfo.environment["DAFTAR_COHORT_BENCH"] ?? "") ?? 0

    @Test(.enabled(if: rows > 0), .timeLimit(.minutes(30)))
    func loadingAMillionHouseholdsFromTheReadModel() async throws {
        let demo = try await DemoLedger.make(households: 300, months: 2)
        let schema = try #require(try await demo.withConnection { try await CohortLoader.liveBuildSchema(on: $0) })
        try await demo.withConnection { conn in
            try await conn.execute(
                """
                CREATE TEMP TABLE template AS
                  SELECT row_number() OVER (ORDER BY household_id) AS n, * FROM \(schema).cohort WHERE standing <> 'candidate';
                INSERT INTO \(schema).cohort
                  SELECT t.programme_id, 'HH-ZZ' || lpad(g::text, 8, '0'), t.governorate, t.district, t.standing, t.temporary_ends_on, t.score,
                         t.head_person_id, t.members, t.top_ups, t.currency
                  FROM generate_series(1, \(Self.rows)) g
                  JOIN template t ON t.n = 1 + g % (SELECT count(*) FROM template);
                """)
            try await conn.execute("VACUUM ANALYZE \(schema).cohort")
        }
        let bytes = try await demo.scalar("SELECT pg_size_pretty(pg_table_size('\(schema).cohort'))") ?? "?"
        let members = try await demo.scalar("SELECT avg(length(members) - length(replace(members, ';', '')) + 1)::numeric(4,2) FROM \(schema).cohort") ?? "?"
        // The floor: the same COPY with nothing done to its bytes.
        let rawStart = ContinuousClock.now
        let rawBytes = try await demo.withConnection { conn in
            var total = 0
            try await conn.copyOut(CohortLoader.cohortCopy(schema: schema, programme: DemoLedger.programme, includeCandidates: false)) {
                total += $0.count
            }
            return total
        }
        let raw = ContinuousClock.now - rawStart
        print("raw COPY of the same rows: \(rawBytes / 1_000_000) MB in \(raw)")
        for run in 1...3 {
            let start = ContinuousClock.now
            let cohort = try await demo.withConnection {
                try await CohortLoader.loadFromReadModel(programme: DemoLedger.programme, asOf: nil, includeCandidates: false, on: $0)
            }
            let elapsed = ContinuousClock.now - start
            let loaded = try #require(cohort).households.count
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print(
                "cohort load run \(run): \(loaded) households (table \(bytes), \(members) members each) in \(String(format: "%.2f", seconds)) s,"
                    + " \(Int(Double(loaded) / seconds)) households/s")
            #expect(loaded >= Self.rows)
        }
    }
}
