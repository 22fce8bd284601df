import DemoCountry
import EventStore
import Postgres
import ProjectionRunner
import ReadModels
import Testing

/// The planning cohort's rows and flows agree with counts taken straight from the demo country's events.
@Suite struct PlanningCohortViewTests {
    @Test func aSmallCountrysCohortAndFlowsAgreeWithItsEvents() async throws {
        let env = try await ReadModelDatabase.make()
        let generator = DemoCountryGenerator(try DemoCountryConfiguration(seed: 5, households: 300, months: 6))
        let store = env.store
        _ = try await generator.generate { chunk in _ = try await store.bulkAppend(chunk) }
        try await env.runner.run(untilCaughtUp: true)
        let schema = try #require(try await env.scalar("SELECT schema_name FROM projection.builds WHERE projection = 'planning_cohort' AND phase = 'live'"))

        let pairs: [(rows: String, events: String)] = [
            // One row per household with a beneficiary record or an assessment under the programme.
            ("SELECT count(*) FROM \(schema).cohort WHERE programme_id = 'iq-spn'",
             """
             SELECT count(DISTINCT data->>'householdId') FROM event_store.events
             WHERE data->>'programmeId' = 'iq-spn' AND (stream_id LIKE 'beneficiary-%' OR event_type = 'HouseholdAssessed')
             """),
            ("SELECT sum(payable_households) FROM reporting.planning_flows", "SELECT count(*) FROM event_store.events WHERE event_type = 'PaymentScheduled'"),
            ("SELECT sum(scheduled_minor) FROM reporting.planning_flows",
             "SELECT sum((data->>'amountMinor')::bigint) FROM event_store.events WHERE event_type = 'PaymentScheduled'"),
            ("SELECT sum(exits) FROM reporting.planning_flows", "SELECT count(*) FROM event_store.events WHERE event_type = 'BeneficiaryExited'"),
            ("SELECT sum(exclusions) FROM reporting.planning_flows",
             """
             SELECT count(*) FROM event_store.events WHERE event_type = 'BeneficiaryExcluded'
               AND data->>'proposalId' IS NULL AND data->>'crossMatchRunId' IS NULL
             """),
            ("SELECT sum(entries) FROM reporting.planning_flows",
             """
             SELECT (SELECT count(DISTINCT stream_id) FROM event_store.events WHERE event_type = 'BeneficiaryEnrolled')
                  + (SELECT count(*) FROM event_store.events WHERE event_type = 'TemporaryEnrolmentGranted')
             """),
            ("SELECT sum(appeals_decided) FROM reporting.planning_flows",
             """
             SELECT count(*) FROM event_store.events WHERE event_type = 'ExclusionAppealRejected'
                 OR (event_type = 'ExclusionReversed' AND data->>'appealId' IS NOT NULL)
             """),
            ("SELECT sum(appeals_upheld) FROM reporting.planning_flows",
             "SELECT count(*) FROM event_store.events WHERE event_type = 'ExclusionReversed' AND data->>'appealId' IS NOT NULL"),
            // Standings against reporting.eligibility, which reads the same latest word.
            ("SELECT count(*) FROM \(schema).cohort WHERE standing IN ('enrolled', 'temporarilyEnrolled')",
             "SELECT count(*) FROM reporting.eligibility WHERE status = 'enrolled'"),
            ("SELECT count(*) FROM \(schema).cohort WHERE standing IN ('excluded', 'excludedAppealPending')",
             "SELECT count(*) FROM reporting.eligibility WHERE status = 'excluded'"),
            ("SELECT count(*) FROM \(schema).cohort WHERE standing = 'excludedAppealPending'",
             "SELECT count(*) FROM reporting.eligibility WHERE status = 'excluded' AND open_appeal"),
            ("SELECT count(*) FROM \(schema).cohort WHERE standing = 'suspended'", "SELECT count(*) FROM reporting.eligibility WHERE status = 'suspended'"),
            // The head is one of the members listed.
            ("SELECT count(*) FROM \(schema).cohort c WHERE c.head_person_id IS NOT NULL AND position(c.head_person_id || ',' IN c.members) = 0",
             "SELECT 0"),
            ("SELECT sum(score) FROM \(schema).cohort", "SELECT sum(pmt_score) FROM reporting.eligibility WHERE programme_id = 'iq-spn'"),
        ]
        for pair in pairs {
            let fromRows = try await env.scalar(pair.rows)
            let fromEvents = try await env.scalar(pair.events)
            #expect(fromRows != nil && fromRows == fromEvents, "\(pair.rows): \(fromRows ?? "-") vs \(fromEvents ?? "-")")
        }
        #expect(Int(try await env.scalar("SELECT sum(exits + exclusions + appeals_decided + failed_minor) FROM reporting.planning_flows") ?? "0")! > 0)
        #expect(try await env.scalar("SELECT count(*) FROM \(schema).cohort WHERE members = ''") == "0")
        #expect(try await env.runner.status().allSatisfy { $0.quarantined.isEmpty })
    }
}
