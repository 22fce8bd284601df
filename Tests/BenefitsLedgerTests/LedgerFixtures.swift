import Benefits
import DaftarJSON
import DaftarTesting
import EventStore
import Testing

/// Dates, ids and commands of the small programme the end-to-end tests run.
enum Demo {
    static func date(_ text: String) -> BusinessDate { try! BusinessDate(parsing: text) }
    static func number(_ literal: String) -> DecimalNumber { DecimalNumber(JSONNumber(literal: literal)!) }
    static func cycle(_ text: String) -> PaymentCycle { try! PaymentCycle(json: .string(text), at: "") }

    static let programme = ProgrammeID("iq-spn")
    static let law = LegalBasis("IQ-LAW-11-2014")
    static let researcher = ActorID("user:researcher.bg.0412")
    static let manager = ActorID("user:manager.bg.07")
    static let metadata: EventMetadata = {
        var m = EventMetadata(actor: "user:manager.bg.07")
        m.role = "programme-manager"
        m.legalBasis = "IQ-LAW-11-2014"
        return m
    }()

    /// A widow with two children in Baghdad: eligible, 275,000 IQD.
    static let widow = HouseholdID("HH-BG00000001")
    /// A married unemployed man, his wife and three children in Basra: eligible, 275,000 IQD (male-headed, 4+).
    static let family = HouseholdID("HH-BA00000002")
    /// A salaried household with a car: above the threshold.
    static let wellOff = HouseholdID("HH-BG00000003")

    static let programmeCommands: [any Command] = [
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
            categories: [
                .init(category: .marriedUnemployed), .init(category: .widow), .init(category: .divorcedWoman),
                .init(category: .singleWoman, minAge: 35),
                .init(category: .orphan, maxAge: 18), .init(category: .disabledPerson), .init(category: .elderlyUnableToWork, minAge: 60),
            ]),
        PublishBenefitSchedule(
            programmeId: programme, scheduleVersion: 1, effectiveFrom: date("2024-10-01"), legalBasis: law, currency: .iqd,
            sizeTableByHeadSex: .init(female: [125_000, 200_000, 275_000, 325_000], male: [125_000, 175_000, 225_000, 275_000])),
        AllocateBudget(
            programmeId: programme, fiscalYear: 2025, kind: .initial, currency: .iqd, amountMinor: 5_500_000_000_000, decidedOn: date("2024-12-20"),
            decisionRef: EvidenceReference("budget-law:2025")),
    ]

    static func register(_ id: HouseholdID, _ governorate: String, _ district: String) -> RegisterHousehold {
        RegisterHousehold(
            householdId: id, governorate: GovernorateCode(governorate), district: DistrictCode(district), residence: .urban,
            registrationSource: .socialResearcherVisit, registeredOn: date("2024-06-01"), registeredBy: researcher)
    }

    static func member(
        _ id: HouseholdID, _ person: String, _ sex: Sex, _ born: String, _ relationship: Relationship, _ marital: MaritalStatus, _ work: WorkStatus,
        orphanhood: Orphanhood = .notOrphan
    ) -> AddMember {
        AddMember(
            householdId: id, personId: PersonID(person), sex: sex, birthDate: date(born), relationship: relationship, maritalStatus: marital,
            workStatus: work, orphanhood: orphanhood, effectiveOn: date("2024-06-01"))
    }

    static let registryCommands: [any Command] = [
        register(widow, "IQ-BG", "IQ-BG-07"),
        member(widow, "P-BG0000000101", .female, "1980-05-10", .head, .widowed, .unemployed),
        member(widow, "P-BG0000000102", .male, "2012-03-02", .son, .neverMarried, .child, orphanhood: .paternal),
        member(widow, "P-BG0000000103", .female, "2015-09-21", .daughter, .neverMarried, .child, orphanhood: .paternal),
        register(family, "IQ-BA", "IQ-BA-03"),
        member(family, "P-BA0000000201", .male, "1984-01-20", .head, .married, .unemployed),
        member(family, "P-BA0000000202", .female, "1988-04-11", .spouse, .married, .homeMaker),
        member(family, "P-BA0000000203", .male, "2010-02-01", .son, .neverMarried, .child),
        member(family, "P-BA0000000204", .female, "2013-06-30", .daughter, .neverMarried, .child),
        member(family, "P-BA0000000205", .male, "2019-12-12", .son, .neverMarried, .child),
        register(wellOff, "IQ-BG", "IQ-BG-02"),
        member(wellOff, "P-BG0000000301", .male, "1975-08-08", .head, .married, .employed),
        member(wellOff, "P-BG0000000302", .female, "1979-09-09", .spouse, .married, .unemployed),
    ]

    static func assess(_ id: HouseholdID, log: String, dependency: String, salary: Bool, car: Bool, crowded: Bool) -> AssessHousehold {
        AssessHousehold(
            householdId: id, programmeId: programme, assessedOn: date("2024-11-05"),
            indicators: .init(
                logHouseholdSize: number(log), dependencyRatio: number(dependency), headEducationLevel: .primary, memberEarnsSalaryOrPension: salary,
                crowdingOver3PerRoom: crowded, ownsCar: car, ownsDwelling: false, ruralResidence: false),
            assessedBy: researcher)
    }

    static let assessments: [AssessHousehold] = [
        assess(widow, log: "1.098612", dependency: "0.666667", salary: false, car: false, crowded: true),
        assess(family, log: "1.609438", dependency: "0.6", salary: false, car: false, crowded: true),
        assess(wellOff, log: "0.693147", dependency: "0", salary: true, car: true, crowded: false),
    ]

    static func head(of id: HouseholdID) -> PersonID {
        [widow: PersonID("P-BG0000000101"), family: PersonID("P-BA0000000201"), wellOff: PersonID("P-BG0000000301")][id]!
    }
}

/// Every committed event of a database from the start, in log order, waiting (up to 60 s) for the
/// cluster-wide transaction horizon to pass them: other tests' open transactions may hold it back.
func readEverything(_ store: EventStore) async throws -> [RecordedEvent] {
    let committed = try await store.pool.withConnection { c in
        try await c.query("SELECT count(*) FROM event_store.events").first!.decode(Int.self, 0)
    }
    var all: [RecordedEvent] = []
    var checkpoint = Checkpoint.start
    let deadline = ContinuousClock.now + .seconds(60)
    while true {
        let page = try await store.readAll(after: checkpoint, limit: 5000)
        all += page
        if let last = page.last {
            checkpoint = last.checkpoint
            continue
        }
        if all.count >= committed || ContinuousClock.now > deadline { return all }
        try await Task.sleep(for: .milliseconds(50))
    }
}

/// A decided event as the log holds it: type, schema version and canonical payload.
struct LoggedEvent: Hashable, CustomStringConvertible {
    let stream: String
    let type: String
    let schemaVersion: Int
    let data: String

    init(_ event: any DomainEvent) {
        stream = event.streamID
        type = event.eventType
        schemaVersion = event.schemaVersion
        data = event.json.canonicalText
    }

    init(_ recorded: RecordedEvent) {
        stream = recorded.stream
        type = recorded.type
        schemaVersion = recorded.schemaVersion
        data = recorded.dataText
    }

    var description: String { "\(stream) \(type)" }
}
