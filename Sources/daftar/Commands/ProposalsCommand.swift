import ArgumentParser
import Audit
import Benefits
import BenefitsLedger
import DaftarJSON
import EventStore
import Foundation
import Postgres

/// `daftar proposals`: the exclusion proposals cross-matching produced, and the programme manager's decision on each.
struct ProposalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proposals",
        abstract: "List open exclusion proposals and decide them (maker-checker: not by whoever started the run or proposed).",
        subcommands: [List.self, Decide.self])

    /// Refuses text that does not match `pattern` with an `invalid_input` error on `field`.
    static func require(_ text: String, matches pattern: String, field: String, what: String) throws {
        guard text.range(of: pattern, options: .regularExpression) != nil else {
            throw CLIError(code: "invalid_input", message: "\(field): must be \(what)", field: field, rule: "pattern")
        }
    }

    /// Refuses text that `isValid` refuses with an `invalid_input` error on `field`, rule `pattern`.
    static func require(_ text: String, satisfies isValid: (String) -> Bool, field: String, what: String) throws {
        guard isValid(text) else {
            throw CLIError(code: "invalid_input", message: "\(field): must be \(what)", field: field, rule: "pattern")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The open exclusion proposals, oldest first: id, household, governorate, reason, run, hits, proposed and effective dates.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only this programme's proposals.") var programme: String?
        @Option(help: "Only households living in this governorate (ISO 3166-2, e.g. IQ-BG).") var governorate: String?
        @Option(help: "Only this exclusion reason, e.g. crossMatchBankLoan.") var reason: String?
        @Option(help: "table or json.") var format: String = "table"

        func run() async throws {
            try await reportingErrors {
                guard ["table", "json"].contains(format) else {
                    throw CLIError(code: "invalid_input", message: "format: must be table or json", field: "format", rule: "enum")
                }
                if let programme { try require(programme, matches: "^[a-z][a-z0-9-]{1,31}$", field: "programme", what: "a programme id like iq-spn") }
                if let governorate {
                    try require(governorate, matches: "^[A-Z]{2}-[A-Z0-9]{1,3}$", field: "governorate", what: "an ISO 3166-2 code like IQ-BG")
                }
                let reasonCode = try reason.map { text in
                    guard let code = ExclusionReason(rawValue: text) else {
                        throw CLIError(
                            code: "invalid_input",
                            message: "reason: must be one of \(ExclusionReason.allCases.map(\.rawValue).joined(separator: ", "))", field: "reason",
                            rule: "enum")
                    }
                    return code
                }
                let uri = try await database.connect()
                let conn = try await PostgresConnection.connect(uri)
                let items = try await conn.closing {
                    try await ExclusionProposalQueue.open(
                        on: $0, programmeId: programme.map(ProgrammeID.init), governorate: governorate.map(GovernorateCode.init), reason: reasonCode)
                }
                if format == "json" {
                    Terminal.emit(["count": .number(JSONNumber(Int64(items.count))), "proposals": .array(items.map(\.json))])
                    return
                }
                Terminal.emit(Self.table(items))
                Terminal.note("\(items.count) open proposal(s)")
            }
        }

        /// The proposals as an aligned text table.
        static func table(_ items: [ExclusionProposalQueue.Item]) -> String {
            let header = ["proposal", "programme", "household", "governorate", "reason", "run", "hits", "proposed on", "effective on"]
            let rows = items.map { item -> [String] in
                let p = item.proposal
                return [
                    p.proposalId.rawValue, p.programmeId.rawValue, p.householdId.rawValue, item.governorate?.rawValue ?? "-", p.reason.rawValue,
                    p.crossMatchRunId?.rawValue ?? "-", String(p.hitIds?.count ?? 0), p.proposedOn.description, p.effectiveOn.description,
                ]
            }
            let widths = header.indices.map { i in ([header] + rows).map { $0[i].count }.max()! }
            return ([header] + rows).map { row in
                row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                    .trimmingCharacters(in: .whitespaces)
            }.joined(separator: "\n")
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve (exclude) or reject (dismiss) an open exclusion proposal.",
            discussion: """
                --approve excludes the household from the proposal's effective date, the date the evidence applies: payments \
                made for cycles from that date on become overpayments, identified in the same append. --reject dismisses \
                the proposal; its --reason is the dismissal's code: falsePositiveMatch, belowMaterialThreshold, \
                alreadyExcluded, insufficientEvidence or circumstancesChanged (kebab-case accepted). An approval's --reason \
                is a reason code for the event's metadata. Reasons are codes, never free text (no personal data in the \
                ledger). Maker-checker: whoever started the cross-match run, or made the proposal, cannot decide it.
                """)
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The proposal id (XP-…).") var proposal: String
        @Flag(help: "Exclude the household as proposed.") var approve = false
        @Flag(help: "Dismiss the proposal.") var reject = false
        @Option(help: "Why: a code (for --reject, the dismissal reason).") var reason: String
        @Option(help: "Who decides, kind:id (e.g. user:manager.bg.07).") var actor: String
        @Option(help: "The date of the decision, YYYY-MM-DD (default: today, UTC).") var on: String?
        @Option(help: "The legal instrument of an exclusion, e.g. IQ-LAW-11-2014.") var legalBasis: String?

        func run() async throws {
            try await reportingErrors {
                guard approve != reject else {
                    throw CLIError(code: "invalid_input", message: "give exactly one of --approve and --reject", field: "decision", rule: "required")
                }
                try require(proposal, matches: "^XP-[0-9A-Z]{8,20}$", field: "proposalId", what: "a proposal id like XP-2025BA004512")
                try require(actor, satisfies: EventMetadata.isActor, field: "actor", what: "kind:id, e.g. user:manager.bg.07")
                try require(
                    reason, satisfies: EventMetadata.isCode, field: "reason",
                    what: "a reason code (1 to 128 of A-Z a-z 0-9 . _ : / @ -), not free text")
                if let legalBasis {
                    try require(legalBasis, matches: "^[A-Z]{2}-[A-Z]+(-[A-Z0-9]+){1,6}$", field: "legalBasis", what: "a legal basis like IQ-LAW-11-2014")
                }
                let dismissal = try reject ? Self.dismissalReason(reason) : nil
                let decidedOn = try on.map { try BusinessDate(parsing: $0, field: "on") } ?? BusinessDate.today()
                let uri = try await database.connect()
                let conn = try await PostgresConnection.connect(uri)
                let lookup = try await conn.closing { try await ExclusionProposalQueue.find(ProposalID(proposal), on: $0) }
                let item: ExclusionProposalQueue.Item
                switch lookup {
                case .unknown:
                    throw CLIError(
                        code: "unknown_proposal", message: "proposalId: no exclusion proposal \(proposal) in the ledger", field: "proposalId",
                        rule: "an exclusion proposal with this id exists")
                case .decided(_, let decision):
                    throw CLIError(
                        code: "proposal_already_decided", message: "proposalId: \(proposal) was already decided: \(Self.describe(decision))",
                        field: "proposalId", rule: "a proposal is decided once")
                case .open(let open):
                    item = open
                }
                let p = item.proposal
                var metadata = EventMetadata(actor: actor)
                metadata.reason = dismissal?.rawValue ?? reason
                metadata.correlationId = p.proposalId.rawValue
                metadata.evidence = p.evidenceRef.rawValue
                metadata.legalBasis = legalBasis
                let ledger = try Ledger(store: database.store(uri))
                let key = "proposal-decision/\(p.proposalId)/\(approve ? "approve" : "reject")/\(actor)"
                let outcome: LedgerOutcome
                if let dismissal {
                    outcome = try await ledger.handle(
                        DismissExclusionProposal(
                            proposalId: p.proposalId, programmeId: p.programmeId, householdId: p.householdId, reason: dismissal,
                            decidedBy: ActorID(actor), decidedOn: decidedOn),
                        metadata: metadata, idempotencyKey: key)
                } else {
                    outcome = try await ledger.handle(
                        Exclude(
                            programmeId: p.programmeId, householdId: p.householdId, reason: p.reason, evidenceRef: p.evidenceRef,
                            decidedBy: ActorID(actor), decidedOn: decidedOn, effectiveOn: p.effectiveOn, proposalId: p.proposalId,
                            crossMatchRunId: p.crossMatchRunId, personId: p.personId, legalBasis: legalBasis.map(LegalBasis.init)),
                        metadata: metadata, idempotencyKey: key)
                }
                await ledger.store.pool.close()
                let overpayments = outcome.events.compactMap { $0 as? OverpaymentIdentified }
                var result: [String: JSONValue] = [
                    "proposalId": .string(p.proposalId.rawValue), "decision": .string(approve ? "approved" : "rejected"),
                    "programmeId": .string(p.programmeId.rawValue), "householdId": .string(p.householdId.rawValue),
                    "events": .array(outcome.events.map { .string($0.eventType) }), "duplicate": .bool(outcome.isDuplicate),
                ]
                if approve {
                    result["effectiveOn"] = .string(p.effectiveOn.description)
                    result["overpayments"] = .array(
                        overpayments.map {
                            ["cycle": .string($0.cycle.description), "amountMinor": .number(JSONNumber($0.amountMinor)), "currency": .string($0.currency.code)]
                        })
                } else {
                    result["reason"] = .string(dismissal!.rawValue)
                }
                Terminal.emit(.object(result))
                if !overpayments.isEmpty {
                    let total = overpayments.reduce(Int64(0)) { $0 &+ $1.amountMinor }
                    Terminal.note(
                        "\(p.householdId) excluded from \(p.effectiveOn): \(overpayments.count) cycle(s) overpaid, \(total) \(overpayments[0].currency.code)")
                }
            }
        }

        /// The dismissal reason a `--reason` names: its code, or the code in kebab-case.
        static func dismissalReason(_ text: String) throws -> ExclusionProposalDismissed.Reason {
            let camel = text.split(separator: "-").enumerated().map { $0 == 0 ? String($1) : $1.prefix(1).uppercased() + $1.dropFirst() }.joined()
            guard let reason = ExclusionProposalDismissed.Reason(rawValue: camel) else {
                throw CLIError(
                    code: "invalid_input",
                    message: "reason: a rejection's reason is one of \(ExclusionProposalDismissed.Reason.allCases.map(\.rawValue).joined(separator: ", "))",
                    field: "reason", rule: "enum")
            }
            return reason
        }

        /// How a decision reads in an error: what, by whom, on which date.
        static func describe(_ decision: any DomainEvent) -> String {
            switch decision {
            case let e as BeneficiaryExcluded: "excluded by \(e.decidedBy) on \(e.decidedOn), effective \(e.effectiveOn)"
            case let e as ExclusionProposalDismissed: "dismissed (\(e.reason.rawValue)) by \(e.decidedBy) on \(e.decidedOn)"
            default: decision.eventType
            }
        }
    }
}
