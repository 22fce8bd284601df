import Benefits
import DaftarJSON
import EventStore
import Postgres

/// The exclusion proposals awaiting a programme manager's decision, read from the ledger.
///
/// A proposal is open while its household's beneficiary stream has its `ExclusionProposed` and no
/// decision on it (`BeneficiaryExcluded` or `ExclusionProposalDismissed` naming it): exactly what the
/// ``Beneficiary`` fold keeps in `openProposals`. The queue finds the beneficiary streams with a
/// proposal, reads them whole with the registry events that place their households
/// (`HouseholdRegistered`, `HouseholdRelocated`), and folds them; the decision on a proposal is then
/// taken by the ledger on the stream itself, so a queue read a moment before is never trusted for it.
public struct ExclusionProposalQueue: Sendable {
    /// An open proposal and where its household lives.
    public struct Item: Sendable, Hashable {
        /// The proposal, as the fold reads it (the latest event version).
        public let proposal: ExclusionProposed
        /// The household's governorate now, `nil` when the registry has no record of it.
        public let governorate: GovernorateCode?
        /// The household's district now.
        public let district: DistrictCode?
        /// The household's status in the programme as last recorded.
        public let status: BeneficiaryStatus

        /// The proposal as one JSON object: its fields, the household's area and status, and the hit count.
        public var json: JSONValue {
            var o = proposal.json.objectValue ?? [:]
            o["hits"] = .number(JSONNumber(Int64(proposal.hitIds?.count ?? 0)))
            o["status"] = .string(status.description)
            if let governorate { o["governorate"] = .string(governorate.rawValue) }
            if let district { o["district"] = .string(district.rawValue) }
            return .object(o)
        }
    }

    /// What the ledger says of a proposal id.
    public enum Lookup: Sendable {
        /// No proposal has this id.
        case unknown
        /// The proposal awaits a decision.
        case open(Item)
        /// The proposal was decided: the event that decided it (`BeneficiaryExcluded` or `ExclusionProposalDismissed`).
        case decided(ExclusionProposed, by: any DomainEvent)
    }

    /// The date the queue reads households' areas and statuses on: the ledger's latest word.
    static let latest = BusinessDate(year: 2099, month: 12, day: 31)!

    /// The open proposals, oldest first (by proposal date, then id).
    /// - Parameters:
    ///   - connection: a connection that can read `event_store.events`.
    ///   - programmeId: only this programme's proposals.
    ///   - governorate: only households living in this governorate now.
    ///   - reason: only proposals for this reason.
    /// - Returns: the proposals.
    /// - Throws: ``PostgresError``; ``EventDecodingError`` for an event the catalogue cannot read.
    public static func open(
        on connection: PostgresConnection, programmeId: ProgrammeID? = nil, governorate: GovernorateCode? = nil, reason: ExclusionReason? = nil
    ) async throws -> [Item] {
        try await load(on: connection, programmeId: programmeId, proposalId: nil).items
            .filter { item in
                (governorate == nil || item.governorate == governorate) && (reason == nil || item.proposal.reason == reason)
            }
            .sorted { ($0.proposal.proposedOn, $0.proposal.proposalId) < ($1.proposal.proposedOn, $1.proposal.proposalId) }
    }

    /// Finds one proposal: open, decided (and by which event), or unknown.
    /// - Parameters:
    ///   - proposalId: the proposal id.
    ///   - connection: a connection that can read `event_store.events`.
    /// - Returns: what the ledger says of it.
    /// - Throws: ``PostgresError``; ``EventDecodingError`` for an event the catalogue cannot read.
    public static func find(_ proposalId: ProposalID, on connection: PostgresConnection) async throws -> Lookup {
        let loaded = try await load(on: connection, programmeId: nil, proposalId: proposalId)
        if let item = loaded.items.first(where: { $0.proposal.proposalId == proposalId }) { return .open(item) }
        for events in loaded.streams.values {
            guard let proposal = events.compactMap({ $0 as? ExclusionProposed }).first(where: { $0.proposalId == proposalId }) else { continue }
            let decision = events.first { event in
                switch event {
                case let e as BeneficiaryExcluded: e.proposalId == proposalId
                case let e as ExclusionProposalDismissed: e.proposalId == proposalId
                default: false
                }
            }
            if let decision { return .decided(proposal, by: decision) }
        }
        return .unknown
    }

    /// Reads and folds the beneficiary streams with a proposal (of one programme, or holding one
    /// proposal id) and their households' placing events.
    static func load(
        on connection: PostgresConnection, programmeId: ProgrammeID?, proposalId: ProposalID?
    ) async throws -> (items: [Item], streams: [String: [any DomainEvent]]) {
        let rows = try await connection.query(
            """
            WITH proposed AS (
              SELECT DISTINCT p.stream_id, p.data->>'householdId' AS household_id
              FROM event_store.events p
              WHERE p.event_type = 'ExclusionProposed'
                AND ($1::text IS NULL OR p.data->>'programmeId' = $1)
                AND ($2::text IS NULL OR p.data->>'proposalId' = $2)
            ), streams AS (
              SELECT stream_id FROM proposed
              UNION
              SELECT 'household-' || household_id FROM proposed
            )
            SELECT \(EventStore.selectColumns)
            FROM streams s
            JOIN event_store.events e ON e.stream_id = s.stream_id
            WHERE e.stream_id LIKE 'beneficiary-%' OR e.event_type IN ('HouseholdRegistered', 'HouseholdRelocated')
            ORDER BY e.stream_id, e.stream_version
            """, [programmeId?.rawValue, proposalId?.rawValue])
        var streams: [String: [any DomainEvent]] = [:]
        for row in rows.rows {
            let recorded = try RecordedEvent(row: row)
            streams[recorded.stream, default: []].append(try DomainEventDecoder.decode(recorded))
        }
        var items: [Item] = []
        for (stream, events) in streams where stream.hasPrefix("beneficiary-") {
            let beneficiary = Beneficiary(events: events)
            guard let householdId = beneficiary.householdId else { continue }
            let area = Household(events: streams["household-\(householdId)"] ?? []).area(on: latest)
            for proposal in beneficiary.openProposals.values {
                items.append(Item(proposal: proposal, governorate: area?.governorate, district: area?.district, status: beneficiary.status))
            }
        }
        return (items, streams)
    }
}
