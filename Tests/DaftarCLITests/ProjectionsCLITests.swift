import DaftarJSON
import DaftarTesting
import Foundation
import Postgres
import Testing

/// `daftar rebuild` and `daftar projections …`, run as an operator would.
@Suite struct ProjectionsCLITests {
    @Test func anUnknownProjectionIsRefusedNamingTheFieldAndBuildsNothing() async throws {
        let db = try await TestCluster.newDatabase()
        let cli = CLI(database: db)
        _ = try await cli.run(["migrate"])
        let outcome = try await cli.run(["rebuild", "--projection", "elegibility"])
        #expect(outcome.status == 1)
        #expect(outcome.errorJSON?["code"] == "unknown_projection")
        #expect(outcome.errorJSON?["field"] == "projection")
        #expect(outcome.errorJSON?["message"]?.stringValue?.contains("eligibility, coverage, cost") == true)
        let conn = try await PostgresConnection.connect(db.uri)
        #expect(try await conn.query("SELECT count(*) FROM projection.builds").rows[0].decode(Int.self, 0) == 0)
        await conn.close()
        let never = try await cli.run(["projections", "status"])
        #expect(never.status == 3)
        #expect(never.stdout.contains("eligibility: never built"))
    }

    @Test func statusListsVersionsLagAndQuarantinesAndExitsThreeWhenSomethingIsWrong() async throws {
        let db = try await TestCluster.newDatabase()
        let cli = CLI(database: db)
        let demo = try await cli.run(["demo", "--households", "40", "--months", "3", "--seed", "5"])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("Coverage on") && demo.stdout.contains("Budget execution"))
        let healthy = try await cli.run(["projections", "status", "--json"])
        #expect(healthy.status == 0, "\(healthy.stdout)")
        let builds = try healthy.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(builds.count == 5, "eligibility, coverage, cost, planning_cohort, projection")
        #expect(builds.allSatisfy { $0["phase"] == "live" && $0["lagEvents"] == 0 && $0["version"] == $0["currentVersion"] })

        // The demo's report read the views; the views hold the log's amounts.
        let conn = try await PostgresConnection.connect(db.uri)
        let totals = try await conn.query(
            """
            SELECT (SELECT sum((data->>'amountMinor')::bigint) FROM event_store.events WHERE event_type = 'PaymentScheduled'),
                   (SELECT sum(scheduled_minor) FROM reporting.cost)
            """
        ).rows[0]
        #expect(totals[0] != nil && totals[0] == totals[1])

        // A payment event for a payment never scheduled: its stream is quarantined and listed.
        let poison =
            #"{"paymentId":"PAY-POISON000001","programmeId":"iq-spn","cycle":"2025-02","householdId":"HH-ZZ00000001","channel":"prepaidCard","providerId":"qi-card","providerRef":"QI-X","currency":"IQD","amountMinor":1000,"issuedOn":"2025-02-03"}"#
        let appended = try await cli.run([
            "events", "append", "--stream", "payment-iq-spn-2025-02-HH-ZZ00000001", "--type", "PaymentIssued", "--data", poison,
            "--idempotency-key", "poison-1", "--effective-at", "2025-02-03", "--metadata", #"{"actor":"system:bank-feed"}"#,
        ])
        #expect(appended.status == 0, "\(appended.stderr)")
        let run = try await cli.run(["projections", "run", "--until-caught-up"])
        #expect(run.status == 0, "\(run.stderr)")
        let status = try await cli.run(["projections", "status"])
        #expect(status.status == 3)
        #expect(status.stdout.contains("QUARANTINED payment-iq-spn-2025-02-HH-ZZ00000001 from version 1"))
        #expect(status.stdout.contains("orphan_payment_event"))
        await conn.close()
    }
}
