import Benefits
import DaftarJSON
import EventStore
import Postgres

/// A household's history across programmes, and where it stood, as the ledger knew it at a time.
///
/// Bitemporal: `knownAt` keeps only events recorded by then (transaction time), and each
/// programme's standing is read as effective on `effectiveOn` (business time). A correction
/// recorded later changes the answer only for a later `knownAt`.
public struct HouseholdHistory: Sendable {
    /// One event of the household, with who, why and under which rule.
    public struct Entry: Sendable {
        public let event: RecordedEvent
        /// Its place in the gapless ledger (`nil` until sequenced).
        public let ledgerSeq: Int64?
        public let actor: String?
        public let reason: String?
        public let ruleVersion: String?
        public let evidence: String?
    }

    /// Where the household stood in one programme.
    public struct Standing: Sendable {
        public let programmeId: String
        public let status: BeneficiaryStatus
        public let entitlement: Entitlement?
        /// Overpaid cycles and their balances, as known.
        public let overpayments: [(cycle: String, balance: OverpaymentBalance)]
    }

    /// A member whose personal data was erased (`PersonalDataErased` on `person-{personId}`).
    public struct ErasedMember: Sendable {
        /// The pseudonymous person id.
        public let personId: String
        /// The UTC date the data key was deleted.
        public let erasedOn: BusinessDate
        /// The reason code.
        public let reason: String
        /// Who decided.
        public let decidedBy: String
        /// Its place in the gapless ledger (`nil` until sequenced).
        public let ledgerSeq: Int64?
    }

    public let householdId: String
    public let effectiveOn: BusinessDate
    /// Microseconds since the Unix epoch; `nil` for "as known now".
    public let knownAtMicros: Int64?
    /// Every event, in effective-date order (ledger order within a date).
    public let entries: [Entry]
    /// One standing per programme the household appears in.
    public let standings: [Standing]
    /// The members (anyone a `MemberAdded` of the household names) whose personal data was erased, as known.
    public let erasedMembers: [ErasedMember]

    /// The expression households are looked up by: the benefits partition key, indexed by
    /// `events_benefits_partition_idx` (audit migration 3). Every event of a household carries its
    /// `householdId`, so for a household id it selects exactly that household's events.
    public static let householdKey = "coalesce(e.data->>'householdId', 'programme:' || (e.data->>'programmeId'))"

    /// Loads a household's history through the `audit` views.
    /// - Parameters:
    ///   - connection: any role that can read the `audit` views.
    ///   - householdId: the pseudonymous household id (`HH-…`).
    ///   - programmeId: only this programme's events (the registry's are always included).
    ///   - effectiveOn: the business date to reconstruct the standing for.
    ///   - knownAtMicros: only events recorded at or before this time.
    /// - Throws: ``PostgresError``, or a decoding error for an event the catalogue cannot read.
    public static func load(
        on connection: PostgresConnection, householdId: String, programmeId: String? = nil, effectiveOn: BusinessDate,
        knownAtMicros: Int64? = nil
    ) async throws -> HouseholdHistory {
        let rows = try await connection.query(
            """
            SELECT \(EventStore.selectColumns), e.ledger_seq, e.actor, e.reason, e.rule_version, e.evidence
            FROM audit.events e
            WHERE \(HouseholdHistory.householdKey) = $1
              AND (e.stream_id = 'household-' || $1
                   OR (e.stream_id LIKE 'beneficiary-%-' || $1 AND ($2::text IS NULL OR e.stream_id = 'beneficiary-' || $2 || '-' || $1))
                   OR (e.stream_id LIKE 'payment-%-' || $1 AND ($2::text IS NULL OR e.stream_id LIKE 'payment-' || $2 || '-%')))
              AND ($3::bigint IS NULL OR (extract(epoch FROM e.recorded_at) * 1000000)::bigint <= $3)
            ORDER BY e.effective_at, e.xid, e.position
            """, [householdId, programmeId, knownAtMicros])
        var entries: [Entry] = []
        var byProgramme: [String: [(Int64, any DomainEvent)]] = [:]
        for row in rows.rows {
            let event = try RecordedEvent(row: row)
            let seq = try row.decodeIfPresent(Int64.self, 14)
            entries.append(
                Entry(event: event, ledgerSeq: seq, actor: row[15], reason: row[16], ruleVersion: row[17], evidence: row[18]))
            if event.stream.hasPrefix("beneficiary-") {
                let programme = String(event.stream.dropFirst("beneficiary-".count).dropLast(householdId.count + 1))
                byProgramme[programme, default: []].append((event.streamVersion, try DomainEventDecoder.decode(event)))
            }
        }
        let standings = byProgramme.keys.sorted().map { programme -> Standing in
            // Fold in stream order: the aggregate's own notion of time.
            let events = byProgramme[programme]!.sorted { $0.0 < $1.0 }.map(\.1)
            let beneficiary = Beneficiary(events: events)
            return Standing(
                programmeId: programme, status: beneficiary.status(on: effectiveOn), entitlement: beneficiary.entitlement(on: effectiveOn),
                overpayments: beneficiary.overpayments.sorted { $0.key.description < $1.key.description }.map { ($0.key.description, $0.value) })
        }
        var members: [String] = []
        for e in entries where e.event.stream == "household-\(householdId)" && e.event.type == "MemberAdded" {
            if case let added as MemberAdded = try DomainEventDecoder.decode(e.event), !members.contains(added.personId.description) {
                members.append(added.personId.description)
            }
        }
        let erasedMembers = try await erasures(on: connection, personIds: members, knownAtMicros: knownAtMicros)
        return HouseholdHistory(
            householdId: householdId, effectiveOn: effectiveOn, knownAtMicros: knownAtMicros, entries: entries, standings: standings,
            erasedMembers: erasedMembers)
    }

    /// The `PersonalDataErased` facts of these persons recorded by `knownAtMicros`, in member order.
    static func erasures(on connection: PostgresConnection, personIds: [String], knownAtMicros: Int64?) async throws -> [ErasedMember] {
        guard !personIds.isEmpty else { return [] }
        let rows = try await connection.query(
            """
            SELECT e.data::text, e.ledger_seq FROM audit.events e
            WHERE e.stream_id = ANY($1::text[]) AND e.event_type = 'PersonalDataErased'
              AND ($2::bigint IS NULL OR (extract(epoch FROM e.recorded_at) * 1000000)::bigint <= $2)
            ORDER BY e.xid, e.position
            """, [PostgresArray(personIds.map { BenefitsStream.person(PersonID($0)) }), knownAtMicros])
        var byPerson: [String: ErasedMember] = [:]
        for row in rows.rows {
            let event = try PersonalDataErased(json: try JSONParser.parse(try row.decode(String.self, 0)), at: "")
            let id = event.personId.description
            guard byPerson[id] == nil else { continue }
            byPerson[id] = ErasedMember(
                personId: id, erasedOn: event.erasedOn, reason: event.reason.rawValue, decidedBy: event.decidedBy.description,
                ledgerSeq: try row.decodeIfPresent(Int64.self, 1))
        }
        return personIds.compactMap { byPerson[$0] }
    }

    /// The history as one JSON object.
    public var json: JSONValue {
        let events: [JSONValue] = entries.map { e in
            var o: [String: JSONValue] = [
                "recordedAt": .string(e.event.recordedAtText), "effectiveAt": .string(e.event.effectiveAt.description),
                "stream": .string(e.event.stream), "type": .string(e.event.type), "streamVersion": .number(JSONNumber(e.event.streamVersion)),
                "eventId": .string(e.event.eventID),
            ]
            if let v = e.ledgerSeq { o["ledgerSeq"] = .number(JSONNumber(v)) }
            if let v = e.actor { o["actor"] = .string(v) }
            if let v = e.reason { o["reason"] = .string(v) }
            if let v = e.ruleVersion { o["ruleVersion"] = .string(v) }
            if let v = e.evidence { o["evidence"] = .string(v) }
            if let data = try? e.event.data() { o["data"] = data }
            return .object(o)
        }
        let standings: [JSONValue] = standings.map { s in
            var o: [String: JSONValue] = ["programmeId": .string(s.programmeId), "status": .string(s.status.description)]
            if let e = s.entitlement {
                o["monthlyEntitlementMinor"] = .number(JSONNumber(e.monthlyAmountMinor))
                o["currency"] = .string(e.currency.code)
            }
            o["overpayments"] = .array(s.overpayments.map { cycle, b in
                ["cycle": .string(cycle), "identifiedMinor": .number(JSONNumber(b.identifiedMinor)),
                 "outstandingMinor": .number(JSONNumber(b.outstandingMinor)), "currency": .string(b.currency.code)]
            })
            return .object(o)
        }
        var root: [String: JSONValue] = [
            "householdId": .string(householdId), "effectiveOn": .string(effectiveOn.description), "events": .array(events),
            "standings": .array(standings),
        ]
        root["erasedMembers"] = .array(erasedMembers.map { m in
            var o: [String: JSONValue] = [
                "personId": .string(m.personId), "erasedOn": .string(m.erasedOn.description), "reason": .string(m.reason),
                "decidedBy": .string(m.decidedBy),
            ]
            if let v = m.ledgerSeq { o["ledgerSeq"] = .number(JSONNumber(v)) }
            return .object(o)
        })
        if let k = knownAtMicros { root["knownAt"] = .string(EventTime.rfc3339(micros: k)) }
        return .object(root)
    }
}
