import EventStore
import Foundation
import Postgres

/// What a long-running catch-up reports.
public enum ProjectionEventReport: Sendable {
    /// A bulk pass made progress.
    case rebuilding(RebuildProgress)
    /// A build was swapped into the reporting views.
    case swapped(ProjectionBuild)
    /// Builds applied a batch.
    case applied(projections: [String], events: Int, checkpoint: Checkpoint)
}

extension ProjectionRunner {
    /// Builds what is missing, follows the log and swaps caught-up builds in, until cancelled or,
    /// with `untilCaughtUp`, until every build is live and has read everything behind the horizon.
    ///
    /// Builds are taken with an advisory lock: another process running the same build makes this one
    /// leave it alone (and take it over when that process dies). Woken by the store's notifications,
    /// polling every ``pollInterval`` as a fallback. Bulk passes run beside the catch-up of live builds,
    /// so the views stay current while a new version builds.
    /// - Parameters:
    ///   - names: the projections to run, or `nil` for all.
    ///   - fresh: build the selected projections again even when their current version is live.
    ///   - untilCaughtUp: return once every build is live and has applied every event committed before
    ///     the call (waiting, if need be, for the transaction horizon to pass them).
    ///   - report: told of progress, batches and swaps.
    /// - Throws: ``ProjectionError``, ``PostgresError``; `CancellationError` when cancelled.
    public func run(
        _ names: [String]? = nil, fresh: Bool = false, untilCaughtUp: Bool = false,
        report: @escaping @Sendable (ProjectionEventReport) -> Void = { _ in }
    ) async throws {
        let selected = Set(names ?? projections.map(\.definition.name))
        let wake = WakeSignal()
        let listener = try? await PostgresNotificationListener(conninfo: conninfo, channels: [EventStore.channel])
        let listening = Task {
            guard let notes = listener?.notifications else { return }
            for await _ in notes { wake.notify() }
        }
        defer {
            listening.cancel()
            listener?.stop()
        }
        let lockConn = try await PostgresConnection.connect(conninfo)
        let work = try await PostgresConnection.connect(conninfo)
        try await lockConn.closing { lockConn in
            try await work.closing { work in
                var locked = Set<Int64>()
                // Schemas a swap could not drop at once (a reader held them) go now.
                try await dropRetired()
                let prepared = try await prepare(Array(selected), fresh: fresh)
                // "Caught up" means: past every event committed before this call, once the horizon lets them be read.
                let head = try await ProjectionCatalog.head(work)
                let bulkDone = Flag()
                var bulk: Task<Void, any Error>?
                defer { bulk?.cancel() }
                while !Task.isCancelled {
                    let all = try await ProjectionCatalog.builds(work).filter { selected.contains($0.projection) && $0.phase != .retired }
                    for build in all where !locked.contains(build.id) {
                        if try await ProjectionCatalog.tryLock(lockConn, build: build.id) { locked.insert(build.id) }
                    }
                    if untilCaughtUp, let busy = prepared.first(where: { !locked.contains($0.id) }) {
                        throw ProjectionError(
                            .busy, "another process is building \(busy.projection) (build \(busy.id)); see `daftar projections status`")
                    }
                    if let running = bulk, bulkDone.isSet {
                        bulk = nil
                        bulkDone.reset()
                        try await running.value
                        continue
                    }
                    let rebuilding = all.filter { $0.phase == .rebuilding && locked.contains($0.id) }
                    if bulk == nil, !rebuilding.isEmpty {
                        if untilCaughtUp {
                            _ = try await bulkPass(rebuilding) { report(.rebuilding($0)) }
                            continue
                        }
                        bulk = Task {
                            defer {
                                bulkDone.set()
                                wake.notify()
                            }
                            _ = try await bulkPass(rebuilding) { report(.rebuilding($0)) }
                        }
                    }
                    var applied = 0
                    let following = all.filter { ($0.phase == .catchingUp || $0.phase == .live) && locked.contains($0.id) }
                    for group in Dictionary(grouping: following, by: \.checkpoint).values.sorted(by: { $0[0].checkpoint < $1[0].checkpoint }) {
                        do {
                            let (after, events) = try await applyBatch(group, on: work)
                            applied += events
                            if events > 0 { report(.applied(projections: after.map(\.projection), events: events, checkpoint: after[0].checkpoint)) }
                            if events < batchSize {
                                for build in after where build.phase == .catchingUp {
                                    try await swap(build)
                                    report(.swapped(build))
                                    applied += 1
                                }
                            }
                        } catch let error as ProjectionError where error.code == .checkpointMoved {
                            // Another process moved it; the next round reads the catalogue again.
                            applied += 1
                        }
                    }
                    let mine = all.filter { locked.contains($0.id) }
                    if untilCaughtUp && applied == 0 && bulk == nil && mine.allSatisfy({ $0.phase == .live && $0.checkpoint >= head }) {
                        return
                    }
                    if applied == 0 {
                        await wake.wait(timeout: pollInterval)
                    }
                }
                throw CancellationError()
            }
        }
    }
}

/// A flag set from one task and read from another.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
    func reset() { lock.withLock { value = false } }
}
