import Benefits
import BenefitsLedger
import EventStore
import Foundation
import PersonalData
import PrivateSetIntersection

/// The three steps of a cross-match by private set intersection, as `daftar match start|partner|finish`
/// run them and as `daftar demo --cross-match psi` runs them in-process.
extension MatchCommand {
    /// What ``start(uri:vault:partner:programme:actor:)`` did.
    struct Started {
        let runId: UUID
        /// File 1, for the partner.
        let file: Data
        let enrolledPersons: Int
        let withNationalId: Int
        /// Persons whose national id could not be blinded.
        let rejected: Int
    }

    /// Blinds the enrolled population's national ids for a partner (file 1) and seals the run's secret
    /// in the vault until it finishes.
    /// - Throws: ``CLIError`` `invalid_input` for an unknown partner; the vault's and the store's errors.
    static func start(uri: String, vault: PersonVault, partner: String, programme: String, actor: String) async throws -> Started {
        _ = try registry(of: partner)
        try PersonVault.checkActor(actor)
        let persons = try await enrolledPersons(uri, programme: programme)
        let runId = UUID()
        let ids = try await vault.nationalIds(of: persons.map(\.personId), actor: actor, purpose: "crossmatch:\(partner):\(runId.uuidString.lowercased())")
        let started = try await RegistryRun.start(persons: ids, partner: partner, run: runId)
        let state = started.run.state
        try await MatchRunStore(pool: vault.pool, masterKey: vault.masterKey).save(
            MatchRunStore.Run(
                runId: runId, partner: partner, programmeId: programme, startedBy: actor, persons: ids.count, fileSHA256: state.fileSHA256,
                isFinished: false)
        ) { state.sealed(with: $0) }
        return Started(runId: runId, file: started.file, enrolledPersons: persons.count, withNationalId: ids.count, rejected: started.rejected.count)
    }

    /// The partner's side: its CSV (`national_id,indicator`) blinded against file 1, as file 2.
    /// - Throws: ``CLIError`` `invalid_input` (field `ids`) when a row is rejected (each noted on stderr);
    ///   ``MatchError`` for a file 1 that is malformed or addressed to another partner.
    static func answer(_ file1: Data, csv: Data, partner: String?) async throws -> PartnerRun.Response {
        let report = try PartnerCSV.read(csv)
        guard report.rejected.isEmpty else {
            for rejected in report.rejected { Terminal.note("rejected: \(rejected)") }
            throw CLIError(
                code: "invalid_input", message: "ids: \(report.rejected.count) row(s) rejected (listed above); nothing was written", field: "ids",
                rule: "rows")
        }
        return try await PartnerRun.respond(to: file1, rows: report.partnerRows, partner: partner)
    }

    /// What ``MatchFinishCommand/finish(_:uri:vault:ledger:actor:snapshotOn:now:)`` did.
    struct Finished {
        let run: MatchRunStore.Run
        let matchedPersons: Int
        let hits: Int
        /// The proposals made, in order.
        let proposals: [ExclusionProposed]
        let householdsNotProposed: Int
    }
}

extension MatchFinishCommand {
    /// Completes a run from the partner's file 2: records the run and its hits (``hitsPerRecord`` a
    /// record), proposes exclusions by the programme's rule, then destroys the run's secret.
    /// - Parameters:
    ///   - data: file 2.
    ///   - actor: who finishes (and proposes).
    ///   - snapshotOn: the date of the partner's extract (default: the day of `now`).
    ///   - now: when the run completes; the proposals are dated its day.
    /// - Throws: ``CLIError`` `run_finished`, `invalid_input` (an unknown partner or indicator: nothing is
    ///   recorded); ``MatchError`` for a file 2 that does not answer the run; ``DomainRejection``.
    static func finish(
        _ data: Data, uri: String, vault: PersonVault, ledger: Ledger, actor: String, snapshotOn: BusinessDate?, now: UTCTimestamp
    ) async throws -> MatchCommand.Finished {
        try PersonVault.checkActor(actor)
        let file = try ExchangeFile.readPartner(data)
        let header = file.header
        let store = MatchRunStore(pool: vault.pool, masterKey: vault.masterKey)
        let (run, sealed) = try await store.open(header.run)
        guard let sealed else {
            throw CLIError(
                code: "run_finished", message: "file: run \(header.run.uuidString.lowercased()) was already finished; its secret is gone",
                field: "file", rule: "open")
        }
        let source = try MatchCommand.registry(of: run.partner)
        let matches = try await RegistryRun(resuming: try RegistryRun.State.open(sealed.sealed, with: sealed.key)).finish(file)
        let households = Dictionary(
            try await MatchCommand.enrolledPersons(uri, programme: run.programmeId).map { ($0.personId, $0.householdId) }, uniquingKeysWith: { a, _ in a })
        // Every indicator is read before anything is recorded: nothing is half-applied.
        var hits: [RecordCrossMatchRun.Hit] = []
        for (n, match) in matches.enumerated() {
            guard let household = households[match.personID] else { continue }
            // `code`, `code:amount` or `code:amount:threshold` (a loan above the partner's reporting threshold).
            let parts = match.indicator.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            let amounts = parts.dropFirst().map { Int64($0) }
            // A vehicle's `ownsRecentVehicle:<model year>` carries its model year, which the hit must record.
            guard let indicator = CrossMatchIndicator(rawValue: parts[0]), amounts.allSatisfy({ ($0 ?? -1) >= 0 }),
                indicator != .loanAboveThreshold || amounts.count == 2,
                indicator != .ownsRecentVehicle || (amounts.count == 1 && (1900...2100).contains(amounts[0] ?? 0))
            else {
                throw CLIError(
                    code: "invalid_input",
                    message: "file: the partner's indicator \"\(match.indicator)\" is not a code such as ownsFuelStation, receivesStatePension:450000, "
                        + "ownsRecentVehicle:2021 (the model year) or loanAboveThreshold:75000000:50000000 (amount, then the threshold it exceeds); "
                        + "nothing was recorded",
                    field: "indicator", rule: "enum")
            }
            let id = EventHash.sha256Hex(of: "\(run.runId)/\(match.personID)").prefix(20).uppercased()
            var hit = RecordCrossMatchRun.Hit(
                hitId: CrossMatchHitID("HIT-\(id)"), householdId: HouseholdID(household), personId: PersonID(match.personID), indicator: indicator,
                evidenceRef: EvidenceReference("psi:\(run.partner):\(run.runId.uuidString.lowercased().prefix(8))/\(n + 1)"))
            if indicator == .ownsRecentVehicle {
                hit.vehicleModelYear = amounts[0].map { Int($0) }
            } else if let amount = amounts.first ?? nil {
                hit.measuredAmountMinor = amount
                hit.thresholdAmountMinor = amounts.count == 2 ? amounts[1] : nil
                hit.currency = .iqd
            }
            hits.append(hit)
        }
        var metadata = EventMetadata(actor: actor)
        metadata.reason = "cross-match:\(run.partner)"
        let today = now.date
        let snapshot = snapshotOn ?? today
        var proposals: [ExclusionProposed] = []
        var skipped = 0
        let chunks = hits.isEmpty ? [[]] : stride(from: 0, to: hits.count, by: hitsPerRecord).map { Array(hits[$0..<min($0 + hitsPerRecord, hits.count)]) }
        for (k, chunk) in chunks.enumerated() {
            let runId = CrossMatchRunID(k == 0 ? run.runId.uuidString.lowercased() : derivedRunId(run.runId, k))
            let command = RecordCrossMatchRun(
                crossMatchRunId: runId, programmeId: ProgrammeID(run.programmeId), sourceRegistry: source, sourceSnapshotOn: snapshot,
                matchMethod: .dhPsiX25519, keyVersion: 1,
                counts: .init(
                    recordsSubmitted: run.persons, recordsInSource: header.partnerCount, hits: chunk.count,
                    personsWithHits: Set(chunk.compactMap(\.personId)).count, householdsWithHits: Set(chunk.map(\.householdId)).count),
                startedAt: UTCTimestamp(text: run.startedAt) ?? now, completedAt: now, startedBy: ActorID(run.startedBy), hits: chunk)
            _ = try await ledger.handle(command, metadata: metadata, idempotencyKey: "match-finish/\(runId)")
            if !chunk.isEmpty {
                let outcome = try await ledger.proposeExclusions(
                    ProposeExclusions(programmeId: ProgrammeID(run.programmeId), crossMatchRunId: runId, proposedBy: ActorID(actor), proposedOn: today),
                    metadata: metadata, idempotencyKey: "match-proposals/\(runId)")
                proposals += outcome.decision.decided
                skipped += outcome.decision.skipped.count
            }
        }
        try await store.finish(run.runId, finishedBy: actor, matched: matches.count)
        return MatchCommand.Finished(run: run, matchedPersons: matches.count, hits: hits.count, proposals: proposals, householdsNotProposed: skipped)
    }
}
