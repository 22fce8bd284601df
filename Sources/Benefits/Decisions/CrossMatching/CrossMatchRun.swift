import EventStore

/// A privacy-preserving cross-match run and its hits, folded from its stream `cross-match-{runId}`.
public struct CrossMatchRun: Sendable, Hashable {
    /// The run, or `nil` while the stream is empty.
    public private(set) var run: CrossMatchRunRecorded?
    /// The hits by id.
    public private(set) var hits: [CrossMatchHitID: CrossMatchHitRecorded] = [:]

    /// A run not recorded: the fold of an empty stream.
    public init() {}

    /// The fold of a stream's events, in stream order.
    /// - Parameter events: the run's events; events of other streams are ignored.
    public init(events: [any DomainEvent]) {
        for event in events { apply(event) }
    }

    /// The run after `event`.
    /// - Parameter event: an event of the run's stream.
    /// - Returns: the new state; `self` unchanged for events of other streams.
    public func evolve(_ event: any DomainEvent) -> CrossMatchRun {
        var next = self
        next.apply(event)
        return next
    }

    /// Applies `event` in place (see ``evolve(_:)``).
    /// - Parameter event: an event of the run's stream.
    public mutating func apply(_ event: any DomainEvent) {
        switch event {
        case let e as CrossMatchRunRecorded: run = e
        case let e as CrossMatchRunRecordedV1:
            // Folds read current types; a v1 value handed in directly is upcast as on read.
            run = try? DomainEventDecoder.decode(type: CrossMatchRunRecordedV1.eventType, schemaVersion: 1, data: e.json) as? CrossMatchRunRecorded
        case let e as CrossMatchHitRecorded: hits[e.hitId] = e
        default: break
        }
    }

    /// Decides ``RecordCrossMatchRun``: the run and its hits in one append, with counts that match the hits.
    /// - Parameter command: the command.
    /// - Returns: `CrossMatchRunRecorded`, then a `CrossMatchHitRecorded` per hit.
    /// - Throws: ``DomainRejection`` `duplicate_identifier` (run or hit id), `hit_count_mismatch`,
    ///   `effective_date_too_early` (completed before started).
    public func decide(_ command: RecordCrossMatchRun) throws(DomainRejection) -> [any DomainEvent] {
        guard run == nil else {
            throw DomainRejection(
                .duplicateIdentifier, rule: "a cross-match run is recorded once", field: "crossMatchRunId", value: command.crossMatchRunId.rawValue)
        }
        let hitIds = command.hits.map(\.hitId)
        if let duplicate = hitIds.enumerated().first(where: { hitIds.firstIndex(of: $0.element) != $0.offset }) {
            throw DomainRejection(
                .duplicateIdentifier, rule: "a hit id is used once", field: "hits[\(duplicate.offset)].hitId", value: duplicate.element.rawValue)
        }
        let households = Set(command.hits.map(\.householdId)).count
        let persons = Set(command.hits.compactMap(\.personId)).count
        guard command.counts.hits == command.hits.count, command.counts.householdsWithHits == households,
            command.counts.personsWithHits == persons
        else {
            throw DomainRejection(
                .hitCountMismatch,
                rule: "counts give \(command.hits.count) hits on \(households) households and \(persons) persons, as recorded",
                field: "counts",
                value: "\(command.counts.hits) hits, \(command.counts.householdsWithHits) households, \(command.counts.personsWithHits) persons")
        }
        guard command.completedAt >= command.startedAt else {
            throw .tooEarly(command.completedAt.date, field: "completedAt", notBefore: command.startedAt.date, what: "the run's start")
        }
        var events: [any DomainEvent] = [
            CrossMatchRunRecorded(
                crossMatchRunId: command.crossMatchRunId, programmeId: command.programmeId, sourceRegistry: command.sourceRegistry,
                sourceSnapshotOn: command.sourceSnapshotOn, matchMethod: command.matchMethod, keyVersion: command.keyVersion,
                counts: command.counts, startedAt: command.startedAt, completedAt: command.completedAt, startedBy: command.startedBy)
        ]
        for hit in command.hits {
            events.append(
                CrossMatchHitRecorded(
                    crossMatchRunId: command.crossMatchRunId, hitId: hit.hitId, programmeId: command.programmeId,
                    sourceRegistry: command.sourceRegistry, householdId: hit.householdId, personId: hit.personId, indicator: hit.indicator,
                    evidenceRef: hit.evidenceRef, measuredAmountMinor: hit.measuredAmountMinor, thresholdAmountMinor: hit.thresholdAmountMinor,
                    currency: hit.currency, vehicleModelYear: hit.vehicleModelYear))
        }
        return events
    }
}
