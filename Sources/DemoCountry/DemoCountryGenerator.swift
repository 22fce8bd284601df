import Benefits
import DaftarJSON
import EventStore

/// Generates a synthetic country's social-protection programme, end to end, as append requests.
///
/// Deterministic: the same ``DemoCountryConfiguration`` gives the same requests, byte for byte.
/// Every draw comes from ``DemoRandom`` seeded by the configuration's seed (households from their
/// own index, so household *i* is the same in every country of that seed); money is whole dinars.
///
/// The programme `iq-spn` (IQD) runs as ``Ledger`` would run it, in memory: each command's pure
/// decision is called on folded states and its events are folded back (``CountryLedger``). Requests
/// are handed to the caller in chunks of ``DemoCountryConfiguration/chunkSize``, and households
/// never enrolled are dropped as soon as they are decided, so millions of households fit.
///
/// The steps, in order: the programme (definition, PMT formula with an intercept calibrated to the
/// poverty headcount, eligibility rule, the §6 benefit table by head's sex); each household's
/// registration, members, assessment, eligibility and enrolment; the fiscal year's budget; then
/// each month: exits, top-ups, the cycle (open, schedule, issue, confirm; a few failed and re-issued,
/// some reversed), the cross-match in month 4 (exclusions, some retroactive), appeals as they fall
/// due, and the cycle's close.
public final class DemoCountryGenerator {
    /// The programme generated.
    public static let programmeId = ProgrammeID("iq-spn")
    static let law = LegalBasis("IQ-LAW-11-2014")
    /// The PMT threshold above the poverty line, millionths: tuned so that about 27 % of households
    /// are enrolled under "PMT and a Law 11/2014 category" (calibration §6).
    static let thresholdOffsetMicro: Int64 = 350_000
    /// Households of the pilot sample the intercept is calibrated on (the same for every size).
    static let pilotHouseholds = 20_000

    public let configuration: DemoCountryConfiguration
    /// What was generated so far.
    public internal(set) var summary = DemoCountrySummary()
    /// Progress out of ``progressTotal``: households registered, then months run (each weighted as
    /// `households / months`), for a progress bar.
    public internal(set) var progress = 0
    /// Twice the households.
    public var progressTotal: Int { configuration.households * 2 }

    var ledger = CountryLedger(programmeId: DemoCountryGenerator.programmeId)
    var random: DemoRandom
    var buffer: [AppendRequest] = []
    var caseload: [CaseloadMember] = []
    var agenda: [AgendaItem] = []
    var sink: (([AppendRequest]) async throws -> Void)?

    /// A household on the programme's books after enrolment.
    struct CaseloadMember {
        let id: HouseholdID
        let index: Int
        let tag: String
        let head: PersonID
        let size: Int
    }

    /// A step that falls due on a date: an appeal filed, or decided.
    struct AgendaItem {
        enum Step { case appeal(AppealID), decision(AppealID, upheld: Bool) }
        let date: BusinessDate
        let sequence: Int
        let member: CaseloadMember
        let step: Step
    }

    /// A generator for a configuration.
    public init(_ configuration: DemoCountryConfiguration) {
        self.configuration = configuration
        random = DemoRandom(seed: configuration.seed, stream: 2, index: 0)
    }

    /// Generates the whole country, handing requests to `sink` in order, in chunks.
    /// - Parameter sink: receives each chunk; what it throws stops the generation.
    /// - Returns: the summary of what was generated.
    /// - Throws: ``DemoCountryError`` `domain_rejected` if a decision refuses a generated command (a
    ///   generator bug), or what `sink` throws.
    @discardableResult
    public func generate(_ sink: @escaping ([AppendRequest]) async throws -> Void) async throws -> DemoCountrySummary {
        self.sink = sink
        summary = DemoCountrySummary()
        summary.months = configuration.months
        try await defineProgramme()
        for index in 0..<configuration.households {
            try await register(DrawnHousehold.draw(index: index, seed: configuration.seed))
            progress = index + 1
        }
        try await allocateBudget(fiscalYear: 2025, decidedOn: BusinessDate(year: 2024, month: 12, day: 20)!)
        for (m, cycle) in configuration.cycles.enumerated() {
            try await runMonth(m + 1, cycle)
            progress = configuration.households + (m + 1) * configuration.households / configuration.months
        }
        try await flush()
        self.sink = nil
        return summary
    }

    /// Decides a command and queues its request.
    func emit(_ command: some Command, _ metadata: EventMetadata) async throws {
        guard let request = try ledger.handle(command, metadata: metadata, key: nextKey()) else { return }
        try await push(request)
    }

    func nextKey() -> String { "\(configuration.keyPrefix)/\(summary.requests + buffer.count + 1)" }

    func push(_ request: AppendRequest) async throws {
        buffer.append(request)
        if buffer.count >= configuration.chunkSize { try await flush() }
    }

    func flush() async throws {
        guard !buffer.isEmpty else { return }
        let chunk = buffer
        buffer = []
        summary.requests += chunk.count
        summary.events += chunk.reduce(0) { $0 + $1.streams.reduce(0) { $0 + $1.events.count } }
        try await sink?(chunk)
    }

    static func metadata(_ actor: String, role: String, reason: String? = nil) -> EventMetadata {
        var m = EventMetadata(actor: actor)
        m.role = role
        m.legalBasis = law.rawValue
        m.reason = reason
        return m
    }
}
