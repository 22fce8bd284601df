import ArgumentParser
import Audit
import Benefits
import DaftarJSON
import EventSchemaResources
import EventStore
import Foundation
import Postgres

/// `daftar bench history`: how fast one household's history comes back from a ledger of N events.
struct HistoryBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "p50/p99 of one household's history at N events, against a raw index lookup of the same events in the same run.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Events in the scratch ledger (households × (9 + 3 per paid month)).") var events: Int = 1_000_000
    @Option(help: "Paid months per household.") var months: Int = 12
    @Option(help: "Households whose history is read.") var samples: Int = 500

    func run() async throws {
        try await reportingErrors {
            guard events >= 10_000, (1...120).contains(months), (10...100_000).contains(samples) else {
                throw CLIError(code: "invalid_input", message: "events ≥ 10000, months 1–120, samples 10–100000", rule: "range")
            }
            let scratch = try await ScratchDatabase.create(database)
            let templates = try HouseholdTemplates()
            let perHousehold = 9 + 3 * months
            let households = max(1, events / perHousehold)
            let store = EventStore(pool: PostgresPool(conninfo: scratch.uri, maximumConnections: 2), catalogue: try BenefitsCatalogue())
            let progress = ProgressBar("load", total: households * perHousehold)
            var loaded = 0
            for start in stride(from: 0, to: households, by: 2000) {
                let batch = (start..<min(households, start + 2000)).flatMap { templates.requests(household: $0, months: months) }
                let r = try await store.bulkAppend(batch)
                loaded += r.appendedEvents
                progress.update(loaded)
            }
            progress.finish(loaded)
            let conn = try await PostgresConnection.connect(scratch.uri)
            try await conn.execute("ANALYZE event_store.events")
            var rng = SystemRandomNumberGenerator()
            let picks = (0..<samples).map { _ in HouseholdTemplates.householdID(Int.random(in: 0..<households, using: &rng)) }
            var raw: [Double] = []
            var history: [Double] = []
            for id in picks {
                let t0 = ContinuousClock.now
                _ = try await conn.query("SELECT * FROM event_store.events e WHERE \(HouseholdHistory.householdKey) = $1", [id])
                raw.append((ContinuousClock.now - t0).seconds * 1000)
                let t1 = ContinuousClock.now
                _ = try await HouseholdHistory.load(on: conn, householdId: id, effectiveOn: BusinessDate(year: 2025, month: 6, day: 1)!)
                history.append((ContinuousClock.now - t1).seconds * 1000)
            }
            await conn.close()
            await store.pool.close()
            try await scratch.drop()
            func pct(_ xs: [Double], _ p: Double) -> Double {
                let s = xs.sorted()
                return s[min(s.count - 1, Int((Double(s.count) * p).rounded(.up)) - 1)]
            }
            func f(_ x: Double) -> String { String(format: "%.2f", x) }
            Terminal.emit("ledger: \(loaded) events, \(households) households, \(perHousehold) events each")
            Terminal.emit("raw index lookup   p50 \(f(pct(raw, 0.5))) ms   p99 \(f(pct(raw, 0.99))) ms")
            Terminal.emit("daftar history     p50 \(f(pct(history, 0.5))) ms   p99 \(f(pct(history, 0.99))) ms   ratio (raw p99 / history p99) \(f(pct(raw, 0.99) / pct(history, 0.99)))")
            Terminal.emit([
                "events": .number(JSONNumber(Int64(loaded))), "history_p50_ms": .number(JSONNumber(literal: f(pct(history, 0.5)))!),
                "history_p99_ms": .number(JSONNumber(literal: f(pct(history, 0.99)))!),
                "raw_p99_ms": .number(JSONNumber(literal: f(pct(raw, 0.99)))!),
                "history_vs_raw_p99": .number(JSONNumber(literal: f(pct(raw, 0.99) / pct(history, 0.99)))!),
            ])
        }
    }
}

/// Schema-valid events for synthetic households, made from the catalogue's own valid examples
/// with the household's ids substituted: a registration, members, an assessment, eligibility,
/// enrolment, and a scheduled, issued and confirmed payment per month.
struct HouseholdTemplates {
    var examples: [String: JSONValue] = [:]

    init() throws {
        for file in try EventSchemaFiles.examples() {
            let name = file.name.replacingOccurrences(of: ".examples.json", with: "")
            examples[name] = try JSONParser.parse(file.text)["valid"]?.arrayValue?.first
        }
    }

    static func householdID(_ i: Int) -> String { "HH-" + String(format: "%010d", i) }

    func event(_ name: String, type: String, _ edit: (inout [String: JSONValue]) -> Void) -> NewEvent {
        var data = examples[name]?.objectValue ?? [:]
        edit(&data)
        return NewEvent(
            type: type, schemaVersion: name.hasSuffix(".v2") ? 2 : 1, data: .object(data), metadata: EventMetadata(actor: "system:bench"),
            effectiveAt: BusinessDate(year: 2024, month: 12, day: 1)!)
    }

    func requests(household i: Int, months: Int) -> [AppendRequest] {
        let hh = HouseholdTemplates.householdID(i)
        let person = "P-" + String(format: "%010d", i)
        func ids(_ d: inout [String: JSONValue]) {
            d["householdId"] = .string(hh)
            for key in ["personId", "payeePersonId", "headPersonId"] where d[key] != nil { d[key] = .string(person + "01") }
        }
        var registry = [event("household-registered.v1", type: "HouseholdRegistered", ids)]
        for m in 1...5 {
            registry.append(event("member-added.v1", type: "MemberAdded") { d in
                ids(&d)
                d["personId"] = .string(person + String(format: "%02d", m))
            })
        }
        registry.append(event("household-assessed.v2", type: "HouseholdAssessed", ids))
        let programme = [
            event("eligibility-determined.v1", type: "EligibilityDetermined", ids), event("beneficiary-enrolled.v1", type: "BeneficiaryEnrolled", ids),
        ]
        var out = [
            AppendRequest(idempotencyKey: "reg-\(hh)", stream: "household-\(hh)", expected: .noStream, events: registry),
            AppendRequest(idempotencyKey: "enrol-\(hh)", stream: "beneficiary-iq-spn-\(hh)", expected: .noStream, events: programme),
        ]
        for m in 0..<months {
            let cycle = String(format: "2025-%02d", m % 12 + 1)
            let year = 2025 + m / 12
            let cycleText = "\(year)" + cycle.dropFirst(4)
            func pay(_ d: inout [String: JSONValue]) {
                ids(&d)
                d["cycle"] = .string(cycleText)
                d["paymentId"] = .string("PAY-" + cycleText.replacingOccurrences(of: "-", with: "") + String(format: "%010d", i))
            }
            out.append(
                AppendRequest(
                    idempotencyKey: "pay-\(cycleText)-\(hh)", stream: "payment-iq-spn-\(cycleText)-\(hh)", expected: .noStream,
                    events: [
                        event("payment-scheduled.v1", type: "PaymentScheduled", pay), event("payment-issued.v1", type: "PaymentIssued", pay),
                        event("payment-confirmed.v1", type: "PaymentConfirmed", pay),
                    ]))
        }
        return out
    }
}
