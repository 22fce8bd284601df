import Benefits
import BenefitsLedger
import DaftarJSON
import DaftarTesting
import EventStore
import Foundation
import Postgres
import Testing

/// `daftar proposals list|decide` as a programme manager runs them, over a ledger seeded through the domain: two
/// households enrolled and paid January to March 2025, a loan run started by an analyst that proposes the Basra family
/// (90,000,000 IQD, above the rule's 50,000,000) and not the Baghdad widow (40,000,000), and a fuel-station run that
/// proposes the widow.
@Suite struct ProposalsCLITests {
    static func date(_ text: String) -> BusinessDate { try! BusinessDate(parsing: text) }
    static func number(_ literal: String) -> DecimalNumber { DecimalNumber(JSONNumber(literal: literal)!) }

    static let programme = ProgrammeID("iq-spn")
    static let law = LegalBasis("IQ-LAW-11-2014")
    static let widow = HouseholdID("HH-BG00000001")
    static let family = HouseholdID("HH-BA00000002")
    static let analyst = "user:analyst.mof.0031"
    static let manager = "user:manager.bg.07"
    static let loansRun = CrossMatchRunID("3f2b8c1e-7d4a-4e9b-a6c2-5b1d0e8f9a73")
    static let fuelRun = CrossMatchRunID("a91c04d2-55e3-4b7f-8f10-2c6e9d3b7a48")
    static var familyProposal: String { ProposeExclusions.proposalId(run: loansRun, householdId: family).rawValue }
    static var widowProposal: String { ProposeExclusions.proposalId(run: fuelRun, householdId: widow).rawValue }

    static func head(of id: HouseholdID) -> PersonID { id == widow ? PersonID("P-BG0000000101") : PersonID("P-BA0000000201") }

    static func seed() async throws -> (TestDatabase, CLI) {
        let db = try await TestCluster.newDatabase()
        let pool = db.pool(maximumConnections: 2)
        let ledger = try Ledger(store: EventStore(pool: pool, catalogue: try BenefitsCatalogue()))
        var step = 0
        func run(_ command: some Command, as actor: String = manager) async throws {
            step += 1
            _ = try await ledger.handle(command, metadata: EventMetadata(actor: actor), idempotencyKey: "seed-\(step)")
        }
        func member(_ id: HouseholdID, _ person: String, _ sex: Sex, _ born: String, _ relationship: Relationship, _ marital: MaritalStatus,
                    _ work: WorkStatus, orphanhood: Orphanhood = .notOrphan) -> AddMember {
            AddMember(
                householdId: id, personId: PersonID(person), sex: sex, birthDate: date(born), relationship: relationship, maritalStatus: marital,
                workStatus: work, orphanhood: orphanhood, effectiveOn: date("2024-06-01"))
        }
        let commands: [any Command] = [
            DefineProgramme(
                programmeId: programme, country: CountryCode("IQ"), currency: .iqd, timeZone: .baghdad, legalBasis: law, startsOn: date("2024-10-01"),
                objectionWindowMonths: 1),
            PublishTargetingFormula(
                programmeId: programme, formulaVersion: 1, effectiveFrom: date("2024-10-01"), intercept: number("12.2"),
                weights: [
                    .logHouseholdSize: number("-0.35"), .dependencyRatio: number("-0.30"), .headEducationLevel: number("0.12"),
                    .memberEarnsSalaryOrPension: number("0.30"), .crowdingOver3PerRoom: number("-0.15"), .ownsCar: number("0.35"),
                    .ownsDwelling: number("0.08"), .ruralResidence: number("-0.10"),
                ]),
            PublishEligibilityRule(
                programmeId: programme, ruleVersion: 1, effectiveFrom: date("2024-10-01"), legalBasis: law, formulaVersion: 1,
                pmtThreshold: number("11.827736"), combination: .pmtAndCategory,
                categories: [.init(category: .marriedUnemployed), .init(category: .widow), .init(category: .orphan, maxAge: 18)]),
            PublishBenefitSchedule(
                programmeId: programme, scheduleVersion: 1, effectiveFrom: date("2024-10-01"), legalBasis: law, currency: .iqd,
                sizeTableByHeadSex: .init(female: [125_000, 200_000, 275_000, 325_000], male: [125_000, 175_000, 225_000, 275_000])),
            PublishCrossMatchExclusionRule(
                programmeId: programme, ruleVersion: 1, effectiveFrom: date("2025-01-01"), legalBasis: law, currency: .iqd,
                criteria: [
                    .init(
                        sourceRegistry: .centralBankLoans, indicator: .loanAboveThreshold, thresholdAmountMinor: 50_000_000, reason: .crossMatchBankLoan,
                        effective: .snapshotDate),
                    .init(
                        sourceRegistry: .fuelStationsAndGenerators, indicator: .ownsFuelStation, reason: .crossMatchFuelStationOrGenerator,
                        effective: .matchDate),
                ]),
            RegisterHousehold(
                householdId: widow, governorate: GovernorateCode("IQ-BG"), district: DistrictCode("IQ-BG-07"), residence: .urban,
                registrationSource: .socialResearcherVisit, registeredOn: date("2024-06-01"), registeredBy: ActorID("user:researcher.bg.0412")),
            member(widow, "P-BG0000000101", .female, "1980-05-10", .head, .widowed, .unemployed),
            member(widow, "P-BG0000000102", .male, "2012-03-02", .son, .neverMarried, .child, orphanhood: .paternal),
            member(widow, "P-BG0000000103", .female, "2015-09-21", .daughter, .neverMarried, .child, orphanhood: .paternal),
            RegisterHousehold(
                householdId: family, governorate: GovernorateCode("IQ-BA"), district: DistrictCode("IQ-BA-03"), residence: .urban,
                registrationSource: .socialResearcherVisit, registeredOn: date("2024-06-01"), registeredBy: ActorID("user:researcher.bg.0412")),
            member(family, "P-BA0000000201", .male, "1984-01-20", .head, .married, .unemployed),
            member(family, "P-BA0000000202", .female, "1988-04-11", .spouse, .married, .homeMaker),
            member(family, "P-BA0000000203", .male, "2010-02-01", .son, .neverMarried, .child),
            member(family, "P-BA0000000204", .female, "2013-06-30", .daughter, .neverMarried, .child),
            member(family, "P-BA0000000205", .male, "2019-12-12", .son, .neverMarried, .child),
        ]
        for command in commands { try await run(command) }
        for (id, log, dependency) in [(widow, "1.098612", "0.666667"), (family, "1.609438", "0.6")] {
            try await run(
                AssessHousehold(
                    householdId: id, programmeId: programme, assessedOn: date("2024-11-05"),
                    indicators: .init(
                        logHouseholdSize: number(log), dependencyRatio: number(dependency), headEducationLevel: .primary,
                        memberEarnsSalaryOrPension: false, crowdingOver3PerRoom: true, ownsCar: false, ownsDwelling: false, ruralResidence: false),
                    assessedBy: ActorID("user:researcher.bg.0412")))
            try await run(DetermineEligibility(programmeId: programme, householdId: id, effectiveOn: date("2024-11-20")))
            try await run(Enrol(programmeId: programme, householdId: id, effectiveOn: date("2024-12-01"), payeePersonId: head(of: id)))
        }
        for month in ["2025-01", "2025-02", "2025-03"] {
            let cycle = try PaymentCycle(json: .string(month), at: "")
            try await run(
                OpenPaymentCycle(
                    programmeId: programme, cycle: cycle, enrolmentDate: cycle.firstDay, windowOpensOn: date("\(month)-10"),
                    windowClosesOn: date("\(month)-25")))
            _ = try await ledger.schedulePayments(
                SchedulePayments(programmeId: programme, cycle: cycle, households: [widow, family]), metadata: EventMetadata(actor: "system:payments"),
                idempotencyKey: "schedule-\(month)")
            for id in [widow, family] {
                try await run(
                    RecordPaymentIssued(
                        programmeId: programme, cycle: cycle, householdId: id, channel: .prepaidCard, providerId: ProviderID("qi-card"),
                        providerRef: ProviderReference("QI-\(month)-\(id.rawValue.suffix(4))"), currency: .iqd, amountMinor: 275_000,
                        issuedOn: date("\(month)-12")))
            }
        }
        func hit(_ n: String, _ id: HouseholdID, _ indicator: CrossMatchIndicator, amount: Int64? = nil) -> RecordCrossMatchRun.Hit {
            .init(
                hitId: CrossMatchHitID("HIT-2025\(n)"), householdId: id, personId: head(of: id), indicator: indicator,
                evidenceRef: EvidenceReference("partner:2025-03/\(n)"), measuredAmountMinor: amount, thresholdAmountMinor: amount.map { _ in 10_000_000 },
                currency: amount.map { _ in .iqd })
        }
        for (runId, registry, day, starter, hits) in [
            (loansRun, SourceRegistry.centralBankLoans, "2025-03-18", analyst,
             [hit("CBI0000001", family, .loanAboveThreshold, amount: 90_000_000), hit("CBI0000002", widow, .loanAboveThreshold, amount: 40_000_000)]),
            (fuelRun, .fuelStationsAndGenerators, "2025-03-25", "system:cross-match", [hit("MOP0000001", widow, .ownsFuelStation)]),
        ] {
            try await run(
                RecordCrossMatchRun(
                    crossMatchRunId: runId, programmeId: programme, sourceRegistry: registry, sourceSnapshotOn: date("2025-01-31"),
                    matchMethod: .hmacNationalId, keyVersion: 3,
                    counts: .init(
                        recordsSubmitted: 8, recordsInSource: 120_000, hits: hits.count, personsWithHits: hits.count, householdsWithHits: hits.count),
                    startedAt: UTCTimestamp(text: "\(day)T01:00:00Z")!, completedAt: UTCTimestamp(text: "\(day)T01:20:00Z")!,
                    startedBy: ActorID(starter), hits: hits),
                as: starter)
            _ = try await ledger.proposeExclusions(
                ProposeExclusions(programmeId: programme, crossMatchRunId: runId, proposedBy: ActorID("system:cross-match"), proposedOn: date(day)),
                metadata: EventMetadata(actor: "system:cross-match"), idempotencyKey: "propose-\(runId)")
        }
        await pool.close()
        return (db, CLI(database: db))
    }

    static func json(_ outcome: CLI.Outcome) throws -> JSONValue {
        try JSONParser.parse(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func listShowsTheOpenProposalsFilteredByProgrammeGovernorateAndReason() async throws {
        let (_, cli) = try await Self.seed()
        let all = try await cli.run(["proposals", "list", "--format", "json"])
        #expect(all.status == 0, "\(all.stderr)")
        let listed = try Self.json(all)
        #expect(listed["count"] == 2)
        let proposals = try #require(listed["proposals"]?.arrayValue)
        #expect(proposals.map { $0["proposalId"]?.stringValue } == [Self.familyProposal, Self.widowProposal])
        let family = proposals[0]
        #expect(family["householdId"] == "HH-BA00000002")
        #expect(family["governorate"] == "IQ-BA")
        #expect(family["reason"] == "crossMatchBankLoan")
        #expect(family["crossMatchRunId"]?.stringValue == Self.loansRun.rawValue)
        #expect(family["runStartedBy"]?.stringValue == Self.analyst)
        #expect(family["hits"] == 1)
        #expect(family["proposedOn"] == "2025-03-18")
        #expect(family["effectiveOn"] == "2025-01-31")
        #expect(proposals[1]["effectiveOn"] == "2025-03-25", "a fuel station applies from the match date")

        let basra = try Self.json(try await cli.run(["proposals", "list", "--governorate", "IQ-BA", "--format", "json"]))
        #expect(basra["proposals"]?.arrayValue?.map { $0["householdId"] } == ["HH-BA00000002"])
        let fuel = try Self.json(
            try await cli.run(["proposals", "list", "--reason", "crossMatchFuelStationOrGenerator", "--format", "json"]))
        #expect(fuel["proposals"]?.arrayValue?.map { $0["householdId"] } == ["HH-BG00000001"])
        let other = try Self.json(try await cli.run(["proposals", "list", "--programme", "jo-naf", "--format", "json"]))
        #expect(other["count"] == 0)

        let table = try await cli.run(["proposals", "list"])
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("proposal") && lines[0].contains("governorate") && lines[0].contains("effective on"))
        #expect(lines[1].contains(Self.familyProposal) && lines[1].contains("IQ-BA") && lines[1].contains("crossMatchBankLoan"))
        #expect(lines[1].contains(Self.loansRun.rawValue) && lines[1].contains("2025-01-31"))

        let bad = try await cli.run(["proposals", "list", "--reason", "rich"])
        #expect(bad.status == 1)
        #expect(bad.errorJSON?["field"] == "reason")
        #expect(bad.errorJSON?["rule"] == "enum")
    }

    @Test func decideApprovesRetroactivelyRejectsWithACodeAndRefusesWhatItMustNot() async throws {
        let (_, cli) = try await Self.seed()
        let before = try await cli.count()

        // An id no proposal has.
        let unknown = try await cli.run(["proposals", "decide", "XP-00000000000000000000", "--approve", "--reason", "evidence-confirmed", "--actor", Self.manager])
        #expect(unknown.status == 1)
        #expect(unknown.errorJSON?["code"] == "unknown_proposal")
        #expect(unknown.errorJSON?["field"] == "proposalId")
        #expect(unknown.errorJSON?["rule"]?.stringValue?.isEmpty == false)

        // Maker-checker: the analyst who started the loan run.
        let maker = try await cli.run(["proposals", "decide", Self.familyProposal, "--approve", "--reason", "evidence-confirmed", "--actor", Self.analyst])
        #expect(maker.status == 1)
        #expect(maker.errorJSON?["code"] == "maker_checker_violation")
        #expect(maker.errorJSON?["field"] == "decidedBy")
        #expect(
            maker.errorJSON?["rule"]?.stringValue == "maker–checker: \(Self.analyst) started run \(Self.loansRun) and cannot decide its proposals")
        // Nor may the system that proposed, either way; free text is no reason; one decision at a time.
        let system = try await cli.run(["proposals", "decide", Self.widowProposal, "--reject", "--reason", "falsePositiveMatch", "--actor", "system:cross-match"])
        #expect(system.errorJSON?["code"] == "maker_checker_violation")
        let prose = try await cli.run(["proposals", "decide", Self.widowProposal, "--reject", "--reason", "the owner died", "--actor", Self.manager])
        #expect(prose.status == 1)
        #expect(prose.errorJSON?["field"] == "reason")
        let unlisted = try await cli.run(["proposals", "decide", Self.widowProposal, "--reject", "--reason", "not-convinced", "--actor", Self.manager])
        #expect(unlisted.errorJSON?["field"] == "reason")
        #expect(unlisted.errorJSON?["rule"] == "enum")
        let both = try await cli.run(["proposals", "decide", Self.widowProposal, "--approve", "--reject", "--reason", "x", "--actor", Self.manager])
        #expect(both.status == 1)
        #expect(both.errorJSON?["code"] == "invalid_input")
        #expect(try await cli.count() == before, "nothing refused was appended")

        // The manager approves: excluded from 31 January, February and March overpaid.
        let approved = try await cli.run([
            "proposals", "decide", Self.familyProposal, "--approve", "--reason", "evidence-confirmed", "--actor", Self.manager, "--on", "2025-03-20",
            "--legal-basis", "IQ-LAW-11-2014",
        ])
        #expect(approved.status == 0, "\(approved.stderr)")
        let result = try Self.json(approved)
        #expect(result["decision"] == "approved")
        #expect(result["effectiveOn"] == "2025-01-31")
        #expect(result["events"] == ["BeneficiaryExcluded", "OverpaymentIdentified", "OverpaymentIdentified"])
        #expect(result["overpayments"]?.arrayValue?.map { $0["cycle"] } == ["2025-02", "2025-03"])
        #expect(result["overpayments"]?.arrayValue?.map { $0["amountMinor"] } == [275_000, 275_000])
        #expect(try await cli.count() == before + 3)

        // Already decided: refused, saying by whom.
        let again = try await cli.run(["proposals", "decide", Self.familyProposal, "--reject", "--reason", "falsePositiveMatch", "--actor", "user:manager.ba.02"])
        #expect(again.status == 1)
        #expect(again.errorJSON?["code"] == "proposal_already_decided")
        #expect(again.errorJSON?["field"] == "proposalId")
        #expect(again.errorJSON?["message"]?.stringValue?.contains("excluded by \(Self.manager) on 2025-03-20") == true)

        // The widow's fuel-station proposal is rejected as a false match, the code kept in the event and its metadata.
        let rejected = try await cli.run([
            "proposals", "decide", Self.widowProposal, "--reject", "--reason", "false-positive-match", "--actor", Self.manager, "--on", "2025-03-27",
        ])
        #expect(rejected.status == 0, "\(rejected.stderr)")
        #expect(try Self.json(rejected)["events"] == ["ExclusionProposalDismissed"])
        let stream = try await cli.run(["events", "read", "--stream", "beneficiary-iq-spn-\(Self.widow)"])
        let dismissal = try #require(
            stream.stdout.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }.last { $0["type"] == "ExclusionProposalDismissed" })
        #expect(dismissal["data"]?["reason"] == "falsePositiveMatch")
        #expect(dismissal["data"]?["decidedBy"]?.stringValue == Self.manager)
        #expect(dismissal["metadata"]?["reason"] == "falsePositiveMatch")
        #expect(dismissal["metadata"]?["actor"]?.stringValue == Self.manager)

        let empty = try Self.json(try await cli.run(["proposals", "list", "--format", "json"]))
        #expect(empty["count"] == 0)
    }
}
