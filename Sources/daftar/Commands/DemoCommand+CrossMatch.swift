import Benefits
import BenefitsLedger
import DemoCountry
import EventStore
import Foundation
import PersonalData
import Postgres

/// `daftar demo --cross-match psi`: the country's exclusions come from the real protocol. Every
/// registered person goes into the vault, the programme publishes its cross-match exclusion rule, and
/// each of the seven partner ministries is matched by private set intersection (`match start`,
/// `match partner`, `match finish`, in-process) over the files the generator drew for it; a checker
/// then decides every proposal, after the analyst who made them is refused.
extension DemoCommand {
    static let analyst = "user:analyst.molsa"
    static let checker = "user:checker.molsa"

    /// What the cross-match did.
    struct CrossMatchByPSI {
        struct Run {
            let partner: String
            let matchedPersons: Int
            let hits: Int
            let proposals: Int
            let householdsNotProposed: Int
        }

        /// Households enrolled when the partners were matched.
        let enrolled: Int
        /// The date of the partners' extracts: the proposals take effect from it.
        let snapshotOn: BusinessDate
        /// The runs, in partner order; none when they were recorded by an earlier demo.
        let runs: [Run]
        /// The domain's refusal of the analyst deciding one of the proposals.
        let refusal: String?
    }

    /// Runs the cross-match with the seven partners after the country is loaded; does nothing when it
    /// was done already (the database holds PSI runs).
    ///
    /// The partners' extracts are dated the first day of the cycle two before the last, so the
    /// exclusions are retroactive and the payments since become overpayments. The runs complete now,
    /// or the day after the last cycle when that lies ahead.
    /// - Throws: ``CLIError`` `invalid_input` when the vault refuses a person; `maker_checker_not_enforced`
    ///   should the analyst's decision be accepted; ``DomainRejection``, the store's and the vault's errors.
    static func crossMatchByPSI(_ generator: DemoCountryGenerator, uri: String, database: DatabaseOptions) async throws -> CrossMatchByPSI {
        let configuration = generator.configuration
        let cycles = configuration.cycles
        let snapshotOn = cycles[max(0, cycles.count - 3)].firstDay
        let enrolled = generator.enrolledCaseload.count
        let already = try await PostgresConnection.connect(uri).closing { conn in
            try await conn.query(
                "SELECT count(*) FROM event_store.events WHERE event_type = 'CrossMatchRunRecorded' AND data->>'matchMethod' = 'dhPsiX25519'"
            ).rows[0].decode(Int64.self, 0)
        }
        if already > 0 {
            Terminal.note("Cross-match: the partners were matched before (\(already) runs recorded); nothing appended")
            return CrossMatchByPSI(enrolled: enrolled, snapshotOn: snapshotOn, runs: [], refusal: nil)
        }

        let vault = try await database.vault(uri, key: .write)
        let store = try database.store(uri, connections: 2)
        do {
            let result = try await match(generator, uri: uri, vault: vault, ledger: try Ledger(store: store), snapshotOn: snapshotOn)
            await store.pool.close()
            await vault.pool.close()
            return CrossMatchByPSI(enrolled: enrolled, snapshotOn: snapshotOn, runs: result.runs, refusal: result.refusal)
        } catch {
            await store.pool.close()
            await vault.pool.close()
            throw error
        }
    }

    static func match(
        _ generator: DemoCountryGenerator, uri: String, vault: PersonVault, ledger: Ledger, snapshotOn: BusinessDate
    ) async throws -> (runs: [CrossMatchByPSI.Run], refusal: String?) {
        let configuration = generator.configuration
        let programme = DemoCountryGenerator.programmeId
        let inVault = try await PostgresConnection.connect(uri).closing { conn in
            try await conn.query("SELECT count(*) FROM pii.persons").rows[0].decode(Int64.self, 0)
        }
        if inVault == 0 {
            let imported = try await vault.importCSV(generator.personsCSV(), actor: "user:registrar.molsa", purpose: "registry-load")
            if let first = imported.rejected.first {
                throw CLIError(
                    code: "invalid_input",
                    message: "persons: the vault refused \(imported.rejected.count) row(s), the first on line \(first.line): \(first.message)",
                    field: first.field, rule: first.rule)
            }
            Terminal.note("Vault: \(imported.accepted) persons imported")
        } else {
            Terminal.note("Vault: \(inVault) persons already there; none imported")
        }

        var minister = EventMetadata(actor: "user:minister.molsa")
        minister.role = "minister"
        minister.reason = "cross-match-exclusion-rule"
        _ = try await ledger.handle(
            DemoCountryGenerator.crossMatchExclusionRule(), metadata: minister, idempotencyKey: "\(configuration.keyPrefix)/cross-match-rule")

        // Runs complete now (after they started), or the day after the last cycle when that lies ahead.
        let lastDay = configuration.cycles.last!.lastDay
        func completion() -> UTCTimestamp {
            let clock = UTCTimestamp.now()
            return clock.date > lastDay ? clock : UTCTimestamp(text: "\(lastDay.adding(days: 1))T12:00:00Z")!
        }
        var now = completion()
        let files = generator.partnerFiles()
        var runs: [CrossMatchByPSI.Run] = []
        var proposals: [ExclusionProposed] = []
        for partner in DemoCountryGenerator.partners {
            let started = try await MatchCommand.start(uri: uri, vault: vault, partner: partner.code, programme: programme.rawValue, actor: analyst)
            let answered = try await MatchCommand.answer(started.file, csv: Data((files[partner.code] ?? "").utf8), partner: partner.code)
            now = completion()
            let finished = try await MatchFinishCommand.finish(
                answered.file, uri: uri, vault: vault, ledger: ledger, actor: analyst, snapshotOn: snapshotOn, now: now)
            proposals += finished.proposals
            runs.append(
                .init(
                    partner: partner.code, matchedPersons: finished.matchedPersons, hits: finished.hits, proposals: finished.proposals.count,
                    householdsNotProposed: finished.householdsNotProposed))
            Terminal.note(
                "Matched \(partner.code): \(finished.matchedPersons) persons in common, \(finished.proposals.count) exclusion proposals")
        }

        func exclude(_ p: ExclusionProposed, by actor: String) -> Exclude {
            Exclude(
                programmeId: p.programmeId, householdId: p.householdId, reason: p.reason, evidenceRef: p.evidenceRef, decidedBy: ActorID(actor),
                decidedOn: now.date, effectiveOn: p.effectiveOn, proposalId: p.proposalId, crossMatchRunId: p.crossMatchRunId, personId: p.personId,
                legalBasis: LegalBasis("IQ-LAW-11-2014"))
        }
        func metadata(_ actor: String) -> EventMetadata {
            var m = EventMetadata(actor: actor)
            m.role = "programme-manager"
            m.reason = "cross-match-decision"
            return m
        }
        // Maker–checker: the analyst who started the runs and made the proposals cannot decide them.
        var refusal: String?
        if let first = proposals.first {
            do {
                _ = try await ledger.handle(
                    exclude(first, by: analyst), metadata: metadata(analyst), idempotencyKey: "\(configuration.keyPrefix)/exclude-by-maker/\(first.proposalId)")
                throw CLIError(
                    code: "maker_checker_not_enforced", message: "\(analyst) was allowed to decide \(first.proposalId), a proposal of their own run",
                    field: "decidedBy", rule: "maker-checker")
            } catch let rejection as DomainRejection where rejection.code == .makerCheckerViolation {
                refusal = "\(analyst) deciding \(first.proposalId): \(rejection.description)"
            }
        }
        for p in proposals {
            _ = try await ledger.handle(exclude(p, by: checker), metadata: metadata(checker), idempotencyKey: "\(configuration.keyPrefix)/exclude/\(p.proposalId)")
        }
        Terminal.note("Decided: \(proposals.count) proposals excluded by \(checker)")
        return (runs, refusal)
    }

    /// The report's cross-match section, from the log: proposals by reason beside calibration §8,
    /// exclusions, the overpayments they identified, and the maker–checker refusal.
    static func crossMatchReport(_ result: CrossMatchByPSI, _ conn: PostgresConnection) async throws -> [String] {
        var byReason: [String: Int] = [:]
        for row in try await conn.query(
            "SELECT data->>'reason', count(*) FROM event_store.events WHERE event_type = 'ExclusionProposed' GROUP BY 1"
        ).rows {
            byReason[try row.decode(String.self, 0)] = Int(try row.decode(Int64.self, 1))
        }
        let counts = try await conn.query(
            """
            SELECT count(*) FILTER (WHERE event_type = 'CrossMatchRunRecorded' AND data->>'matchMethod' = 'dhPsiX25519'),
                   count(*) FILTER (WHERE event_type = 'BeneficiaryExcluded'),
                   count(*) FILTER (WHERE event_type = 'BeneficiaryExcluded' AND data->>'effectiveOn' < data->>'decidedOn'),
                   count(*) FILTER (WHERE event_type = 'OverpaymentIdentified' AND data->>'cause' = 'retroactiveExclusion'),
                   coalesce(sum((data->>'amountMinor')::bigint) FILTER (WHERE event_type = 'OverpaymentIdentified' AND data->>'cause' = 'retroactiveExclusion'), 0),
                   count(DISTINCT data->>'householdId') FILTER (WHERE event_type = 'OverpaymentIdentified' AND data->>'cause' = 'retroactiveExclusion')
            FROM event_store.events
            WHERE event_type IN ('CrossMatchRunRecorded', 'BeneficiaryExcluded', 'OverpaymentIdentified')
            """
        ).rows[0]
        let (runs, excluded, retroactive, overpaid, overpaidAmount, overpaidHouseholds) = (
            try counts.decode(Int64.self, 0), try counts.decode(Int64.self, 1), try counts.decode(Int64.self, 2), try counts.decode(Int64.self, 3),
            try counts.decode(Int64.self, 4), try counts.decode(Int64.self, 5)
        )
        let n = max(result.enrolled, 1)
        var out: [String] = []
        out.append(
            "Cross-match by private set intersection (dhPsiX25519): \(runs) runs with \(DemoCountryGenerator.partners.count) partners, "
                + "extracts of \(result.snapshotOn), \(result.enrolled) enrolled households matched")
        for run in result.runs {
            out.append(
                "  \(run.partner.padding(toLength: 14, withPad: " ", startingAt: 0)) \(run.matchedPersons) persons in common, \(run.hits) hits, "
                    + "\(run.proposals) proposed, \(run.householdsNotProposed) not (rule not met)")
        }
        out.append("  Proposals by reason                  count   per 10,000   calibration §8")
        var total = 0
        for (reason, per10k) in CountryCalibration.exclusionsPer10k {
            let count = byReason[reason.rawValue] ?? 0
            total += count
            out.append(
                String(
                    format: "  %@ %6d   %10.1f   %14d", reason.rawValue.padding(toLength: 34, withPad: " ", startingAt: 0), count,
                    Double(count) * 10_000 / Double(n), per10k))
        }
        out.append(
            String(
                format: "  %@ %6d   %10.1f   %14d", "all".padding(toLength: 34, withPad: " ", startingAt: 0), total, Double(total) * 10_000 / Double(n),
                CountryCalibration.exclusionsPer10k.reduce(0) { $0 + $1.per10k }))
        out.append("  Excluded by \(checker): \(excluded) (\(retroactive) retroactively, from the extract's date)")
        out.append(
            "  Overpayments identified: \(overpaid) payments to \(overpaidHouseholds) households, \(Money(minorUnits: overpaidAmount, currency: .iqd).decimalText(groupingSeparator: ",")) IQD paid after the exclusions took effect")
        if let refusal = result.refusal {
            out.append("  Maker–checker refused: \(refusal)")
        }
        return out
    }
}
