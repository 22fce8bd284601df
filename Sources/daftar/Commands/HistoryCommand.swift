import ArgumentParser
import Audit
import DaftarJSON
import EventStore
import Foundation
import Postgres

/// `daftar history`: a household's events and standing, as effective on a date, as known at a time.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Every event of a household across programmes, and its standing as effective on a date, as known at a time.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The household id (HH-…).") var household: String
    @Option(help: "Only this programme's events (the registry's are always shown).") var programme: String?
    @Option(help: "The business date to reconstruct the standing for (default: today, UTC).") var effectiveOn: String?
    @Option(help: "Only what was recorded by this time: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (default: now).") var knownAt: String?
    @Option(help: "table or json.") var format: String = "table"

    func run() async throws {
        try await reportingErrors {
            guard ["table", "json"].contains(format) else {
                throw CLIError(code: "invalid_input", message: "format: must be table or json", field: "format", rule: "enum")
            }
            guard household.range(of: "^HH-[0-9A-Z]{8,20}$", options: .regularExpression) != nil else {
                throw CLIError(code: "invalid_input", message: "household: must be a household id like HH-BG00012345", field: "household", rule: "pattern")
            }
            let date = try effectiveOn.map { try BusinessDate(parsing: $0, field: "effectiveOn") } ?? BusinessDate.today()
            let known = try knownAt.map { try EventTime.parseMicros($0, field: "knownAt") }
            let uri = try await database.connect()
            let conn = try await PostgresConnection.connect(uri)
            let history = try await HouseholdHistory.load(
                on: conn, householdId: household, programmeId: programme, effectiveOn: date, knownAtMicros: known)
            await conn.close()
            if format == "json" {
                Terminal.emit(history.json)
                return
            }
            Terminal.emit("Household \(household) — standing as effective on \(date)\(known.map { ", as known at \(EventTime.rfc3339(micros: $0))" } ?? "")")
            for s in history.standings {
                let amount = s.entitlement.map { " — \($0.monthlyAmountMinor) \($0.currency.code)/month" } ?? ""
                Terminal.emit("  \(s.programmeId): \(s.status)\(amount)")
                for (cycle, b) in s.overpayments {
                    Terminal.emit("    overpaid \(cycle): \(b.identifiedMinor) \(b.currency.code), outstanding \(b.outstandingMinor)")
                }
            }
            for m in history.erasedMembers {
                Terminal.emit("  member \(m.personId): erased on \(m.erasedOn) (\(m.reason), by \(m.decidedBy))")
            }
            Terminal.emit("")
            Terminal.emit("effective   recorded                     seq      event                      actor / reason / rule / evidence")
            for e in history.entries {
                let seq = e.ledgerSeq.map(String.init) ?? "-"
                let why = [e.actor, e.reason, e.ruleVersion, e.evidence].compactMap { $0 }.joined(separator: " / ")
                Terminal.emit(
                    "\(e.event.effectiveAt)  \(e.event.recordedAtText)  \(seq.padding(toLength: 8, withPad: " ", startingAt: 0)) \(e.event.type.padding(toLength: 26, withPad: " ", startingAt: 0)) \(why)")
            }
        }
    }
}

/// `daftar explain`: the events that produced a household's standing or one of its payments.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "List the events that produced a household's eligibility row, or its payment in a cycle.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "The programme id.") var programme: String
    @Option(help: "The household id (HH-…).") var household: String
    @Option(help: "A payment cycle, YYYY-MM.") var cycle: String?

    func run() async throws {
        try await reportingErrors {
            if let cycle, cycle.range(of: "^[0-9]{4}-(0[1-9]|1[0-2])$", options: .regularExpression) == nil {
                throw CLIError(code: "invalid_input", message: "cycle: must be YYYY-MM", field: "cycle", rule: "pattern")
            }
            let uri = try await database.connect()
            let conn = try await PostgresConnection.connect(uri)
            let explanation = try await Explanation.load(on: conn, programmeId: programme, householdId: household, cycle: cycle)
            await conn.close()
            if let s = explanation.standing {
                Terminal.note("\(s.programmeId): \(s.status)\(s.entitlement.map { " — \($0.monthlyAmountMinor) \($0.currency.code)/month" } ?? "")")
            }
            for e in explanation.events {
                var o: [String: JSONValue] = [
                    "effectiveAt": .string(e.event.effectiveAt.description), "recordedAt": .string(e.event.recordedAtText),
                    "stream": .string(e.event.stream), "type": .string(e.event.type), "eventId": .string(e.event.eventID),
                ]
                if let v = e.ledgerSeq { o["ledgerSeq"] = .number(JSONNumber(v)) }
                if let v = e.actor { o["actor"] = .string(v) }
                if let v = e.reason { o["reason"] = .string(v) }
                if let v = e.ruleVersion { o["ruleVersion"] = .string(v) }
                if let v = e.evidence { o["evidence"] = .string(v) }
                Terminal.emit(.object(o))
            }
        }
    }
}
