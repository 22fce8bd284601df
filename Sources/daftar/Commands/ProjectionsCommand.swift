import ArgumentParser
import DaftarJSON
import EventStore
import Foundation
import Postgres
import ProjectionRunner
import ReadModels

/// `daftar rebuild`: builds the read models again beside the live ones and swaps them in.
struct RebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild read models into a shadow schema while the live ones serve, then swap them in atomically.",
        discussion: """
            Resumes an interrupted rebuild of the same version from its last commit. Shows a progress bar with \
            events per second and an ETA. Prints one JSON object per projection swapped in.
            """)
    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("projection"), help: "Rebuild only this projection (eligibility, coverage, cost, planning_cohort or projection); repeatable.")
    var projections: [String] = []
    @Option(help: .hidden) var flushEvents: Int?

    func validate() throws { try Self.validate(flushEvents: flushEvents) }

    /// Refuses a flush size outside 1 … 10,000,000 events.
    static func validate(flushEvents: Int?) throws {
        if let flushEvents, !(1...10_000_000).contains(flushEvents) {
            throw ValidationError("--flush-events must be between 1 and 10000000 (was \(flushEvents))")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let uri = try await database.connect()
            var runner = try ReadModels.runner(conninfo: uri)
            if let flushEvents { runner.flushEvents = flushEvents }
            for name in projections { _ = try runner.projection(named: name) }
            let display = ProgressDisplay()
            let started = ContinuousClock.now
            try await runner.run(projections.isEmpty ? nil : projections, fresh: true, untilCaughtUp: true) { report in
                display.show(report)
            }
            display.finish()
            let seconds = Double((ContinuousClock.now - started).components.seconds)
            for status in try await runner.status() where projections.isEmpty || projections.contains(status.build.projection) {
                Terminal.emit([
                    "projection": .string(status.build.projection), "version": .string(status.build.version), "phase": .string(status.build.phase.rawValue),
                    "checkpoint": .string(status.build.checkpoint.description), "quarantinedStreams": .number(JSONNumber(Int64(status.quarantined.count))),
                    "seconds": .number(JSONNumber(Int64(seconds))),
                ])
            }
        }
    }
}

/// `daftar projections …`: the read models' status and their long-running catch-up.
struct ProjectionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projections",
        abstract: "Inspect and run the read models (eligibility, coverage, cost, planning_cohort, projection).",
        subcommands: [Status.self, Run.self])

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Each projection's version, phase, checkpoint, lag in events and seconds, and quarantined streams.",
            discussion: "Exits 0 when every projection is live, current and has no quarantined stream; 3 otherwise.")
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print one JSON object per build instead of a table.") var json = false

        func run() async throws {
            var healthy = true
            try await reportingErrors {
                let uri = try await database.connect()
                let runner = try ReadModels.runner(conninfo: uri)
                let statuses = try await runner.status()
                let names = Set(statuses.map(\.build.projection))
                for missing in runner.projections.map(\.definition.name) where !names.contains(missing) {
                    healthy = false
                    if json {
                        Terminal.emit(["projection": .string(missing), "phase": .string("never_built")])
                    } else {
                        Terminal.emit("\(missing): never built; run `daftar projections run` or `daftar rebuild`")
                    }
                }
                if !json && !statuses.isEmpty {
                    Terminal.emit(
                        "projection    version       build  phase        checkpoint              lag_events  lag_s    quarantined")
                }
                for s in statuses {
                    if s.build.phase != .live || s.isOutdated || !s.quarantined.isEmpty { healthy = false }
                    if json {
                        Terminal.emit(Self.object(s))
                    } else {
                        let phase = s.build.phase == .rebuilding ? "rebuilding \(s.build.rebuildEvents)/\(s.build.rebuildTotal)" : s.build.phase.rawValue
                        Terminal.emit(
                            [
                                s.build.projection.padding(13), s.build.version.padding(13), String(s.build.id).padding(6), phase.padding(12),
                                s.build.checkpoint.description.padding(23), String(s.lagEvents).padding(11), String(format: "%.1f", s.lagSeconds).padding(8),
                                String(s.quarantined.count),
                            ].joined(separator: " ") + (s.isOutdated ? "  (code is at \(s.currentVersion): rebuild due)" : ""))
                        for q in s.quarantined {
                            Terminal.emit("  QUARANTINED \(q.stream) from version \(q.streamVersion) (event \(q.eventID), position \(q.position)): \(q.code): \(q.message)")
                        }
                    }
                }
            }
            if !healthy { throw ExitCode(3) }
        }

        static func object(_ s: ProjectionStatus) -> JSONValue {
            [
                "projection": .string(s.build.projection), "version": .string(s.build.version), "currentVersion": .string(s.currentVersion),
                "build": .number(JSONNumber(s.build.id)), "schema": .string(s.build.schema), "phase": .string(s.build.phase.rawValue),
                "checkpoint": .string(s.build.checkpoint.description), "lagEvents": .number(JSONNumber(s.lagEvents)),
                "lagSeconds": .number(JSONNumber(literal: String(format: "%.3f", s.lagSeconds)) ?? JSONNumber(0)),
                "rebuildEvents": .number(JSONNumber(s.build.rebuildEvents)), "rebuildTotal": .number(JSONNumber(s.build.rebuildTotal)),
                "quarantined": .array(
                    s.quarantined.map {
                        [
                            "stream": .string($0.stream), "streamVersion": .number(JSONNumber($0.streamVersion)), "eventId": .string($0.eventID),
                            "position": .number(JSONNumber($0.position)), "code": .string($0.code), "message": .string($0.message),
                        ]
                    }),
            ]
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Keep the read models current: build what is missing or outdated, follow the log, swap new versions in.",
            discussion: """
                Woken by the store's notifications, polling as a fallback. Also runs the ledger sequencer. \
                Runs until interrupted, or with --until-caught-up until every projection is live and caught up.
                """)
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Stop once every projection is live and has applied everything behind the horizon.") var untilCaughtUp = false
        @Option(help: "Seconds between polls when no notification arrives.") var pollSeconds: Int = 1
        @Option(help: .hidden) var flushEvents: Int?

        func validate() throws {
            guard (1...3600).contains(pollSeconds) else {
                throw ValidationError("--poll-seconds must be between 1 and 3600 (was \(pollSeconds))")
            }
            try RebuildCommand.validate(flushEvents: flushEvents)
        }

        func run() async throws {
            try await reportingErrors {
                let uri = try await database.connect()
                var runner = try ReadModels.runner(conninfo: uri)
                runner.pollInterval = .seconds(pollSeconds)
                if let flushEvents { runner.flushEvents = flushEvents }
                let sequencer = Task { await LedgerSequencer(conninfo: uri).run() }
                defer { sequencer.cancel() }
                let display = ProgressDisplay()
                try await runner.run(untilCaughtUp: untilCaughtUp) { report in display.show(report, verbose: true) }
                display.finish()
            }
        }
    }
}

/// Renders runner reports: a progress bar for bulk passes, a line per swap (and per batch when verbose).
final class ProgressDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private var bar: ProgressBar?
    private var base: Int64 = 0

    func show(_ report: ProjectionEventReport, verbose: Bool = false) {
        lock.withLock {
            switch report {
            case .rebuilding(let p):
                if bar == nil {
                    base = p.eventsDone
                    bar = ProgressBar("rebuild \(p.projections.joined(separator: "+"))", total: Int(p.eventsTotal - base))
                }
                bar?.update(Int(p.eventsDone - base))
            case .swapped(let build):
                bar?.finish(Int(build.rebuildTotal - base))
                bar = nil
                Terminal.note("\(build.projection) \(build.version) is live (build \(build.id))")
            case .applied(let names, let events, let checkpoint):
                if verbose { Terminal.note("applied \(events) events to \(names.joined(separator: ", ")) → \(checkpoint)") }
            }
        }
    }

    func finish() {
        lock.withLock {
            bar?.finish(bar?.total ?? 0)
            bar = nil
        }
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
