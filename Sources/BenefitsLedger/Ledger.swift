import Benefits
import EventStore

/// Handles the benefits domain's commands over the event store: load, fold, decide, append.
///
/// ``handle(_:metadata:idempotencyKey:)`` reads the streams a command names (``Command/inputs``) with
/// `readStream`, decodes each event as the latest version of its type (``DomainEventDecoder``
/// upcasts older ones), folds them with `evolve`, and calls the command's pure decision. The events
/// decided are appended in one atomic request under the command's idempotency key, each stream with
/// the version the decision saw: `.noStream` for a stream that was empty, `.exact(v)` otherwise. A
/// rejection is thrown as ``DomainRejection`` and appends nothing.
///
/// **Idempotency.** A retry with the same key must return the original result, not a rejection of
/// its own effect ("already enrolled"). So the Ledger folds each stream only up to the first event
/// appended under the key, decides again on that state, and appends the same request: the store
/// recognises it and returns the original events (``LedgerOutcome/isDuplicate``). A key reused for a
/// different command fails in the store with `idempotency_key_reused`.
///
/// **Concurrency.** The streams written are checked by expected version; on a conflict the Ledger
/// reloads and decides again, up to ``maximumAttempts`` times. Streams that are only read (the
/// programme's rules when enrolling, say) are not locked: a decision may read a rule published a
/// moment before, which is the same as having decided a moment earlier.
///
/// **Caseloads.** ``schedulePayments(_:metadata:idempotencyKey:)``,
/// ``grantTopUps(_:metadata:idempotencyKey:)`` and ``proposeExclusions(_:metadata:idempotencyKey:)``
/// decide for many households at once and append with the store's bulk append, one request per
/// household under `<key>/<householdId>`.
///
/// The store must check appends against the ``BenefitsCatalogue``: every event is validated
/// against its JSON Schema before it reaches the database.
public struct Ledger: Sendable {
    /// The store, whose catalogue is a ``BenefitsCatalogue``.
    public let store: EventStore
    /// How many times a command is decided again after a version conflict.
    public var maximumAttempts = 5
    /// How many streams a caseload run reads at once.
    public var readConcurrency = 8
    /// How many household requests go into one bulk append (one transaction).
    public var bulkChunkSize = 5000

    /// A ledger over a store.
    /// - Parameter store: an event store created with a ``BenefitsCatalogue``.
    /// - Throws: ``EventStoreError`` `invalid_input` (field `catalogue`) when the store's catalogue is
    ///   not a ``BenefitsCatalogue``: appends would not be schema-checked.
    public init(store: EventStore) throws(EventStoreError) {
        guard store.catalogue is BenefitsCatalogue else {
            throw EventStoreError.invalid("catalogue", "catalogue", "the ledger's store must validate appends with the BenefitsCatalogue")
        }
        self.store = store
    }

    /// Handles one command.
    /// - Parameters:
    ///   - command: the command.
    ///   - metadata: who, why, in which chain; recorded on every event appended.
    ///   - idempotencyKey: the command's key; a retry with the same key returns the original result.
    /// - Returns: the events decided and where they were appended; no events when the decision
    ///   recorded nothing (an unchanged entitlement).
    /// - Throws: ``DomainRejection`` when the decision refuses the command (nothing appended);
    ///   ``EventStoreError`` from the store (`wrong_expected_version` after ``maximumAttempts``
    ///   conflicts, `idempotency_key_reused`, `schema_violation`, `database`); ``EventDecodingError``
    ///   when a stored event cannot be read.
    public func handle(_ command: some Command, metadata: EventMetadata, idempotencyKey: String) async throws -> LedgerOutcome {
        try await handle(command, metadata: metadata, idempotencyKey: idempotencyKey, beforeAppend: { _ in })
    }

    /// ``handle(_:metadata:idempotencyKey:)`` with `beforeAppend` run between each attempt's decision
    /// and its append, given the attempt number: tests use it to race a concurrent writer.
    func handle(
        _ command: some Command, metadata: EventMetadata, idempotencyKey: String, beforeAppend: (Int) async throws -> Void
    ) async throws -> LedgerOutcome {
        var attempt = 0
        while true {
            attempt += 1
            let loaded = try await load(command.inputs, idempotencyKey: idempotencyKey)
            let events = try command.decide(in: loaded.context)
            guard !events.isEmpty else { return LedgerOutcome(events: [], append: nil) }
            let request = try Ledger.appendRequest(events, versions: loaded.versions, metadata: metadata, idempotencyKey: idempotencyKey)
            try await beforeAppend(attempt)
            do {
                return LedgerOutcome(events: events, append: try await store.append(request))
            } catch let error as EventStoreError where error.code == .wrongExpectedVersion && attempt < maximumAttempts {
                continue
            }
        }
    }

    /// The idempotency key of one household's request in a caseload run.
    /// - Parameters:
    ///   - runKey: the run's key.
    ///   - householdId: the household.
    /// - Returns: `<runKey>/<householdId>`.
    public static func requestKey(_ runKey: String, _ householdId: HouseholdID) -> String {
        "\(runKey)/\(householdId)"
    }
}
