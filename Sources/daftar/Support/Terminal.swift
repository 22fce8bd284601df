import Benefits
import DaftarJSON
import EventStore
import Foundation
import PersonalData
import Planning
import Postgres
import PrivateSetIntersection
import ProjectionRunner

#if canImport(Glibc)
    import Glibc
#endif

/// Writing to the terminal: results as JSON lines on stdout, notes and progress on stderr.
enum Terminal {
    static let stderrIsTTY = isatty(2) == 1

    /// A line on stdout.
    static func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// A JSON object on stdout.
    static func emit(_ object: JSONValue) {
        emit(object.canonicalText)
    }

    /// A human note on stderr.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints an error as JSON on stderr and returns the exit code for it.
    static func report(_ error: any Error) -> Int32 {
        var object: [String: JSONValue] = [:]
        var exit: Int32 = 2
        switch error {
        case let e as CLIError:
            object = ["code": .string(e.code), "message": .string(e.message)]
            if let f = e.field { object["field"] = .string(f) }
            if let r = e.rule { object["rule"] = .string(r) }
            exit = e.exitCode
        case let e as DomainRejection:
            object = [
                "code": .string(e.code.rawValue), "message": .string(e.message), "field": .string(e.field), "rule": .string(e.rule),
                "value": .string(e.value),
            ]
            exit = 1
        case let e as EventStoreError:
            object = ["code": .string(e.code.rawValue), "message": .string(e.message)]
            if let f = e.field { object["field"] = .string(f) }
            if let r = e.rule { object["rule"] = .string(r) }
            if let s = e.stream { object["stream"] = .string(s) }
            if let v = e.expectedVersion { object["expectedVersion"] = .number(JSONNumber(v)) }
            if let v = e.actualVersion { object["actualVersion"] = .number(JSONNumber(v)) }
            exit = e.code == .database ? 2 : 1
        case let e as PostgresError:
            object = ["code": .string("database_\(e.code.rawValue)"), "message": .string(e.description)]
            if let s = e.sqlState { object["sqlState"] = .string(s) }
        case let e as ProjectionError:
            object = ["code": .string(e.code.rawValue), "message": .string(e.message)]
            if e.code == .unknownProjection { object["field"] = .string("projection") }
            exit = e.code == .unknownProjection ? 1 : 2
        case let e as PlanningError:
            object = ["code": .string(e.code), "message": .string(e.message), "field": .string(e.field), "rule": .string(e.rule)]
            exit = e.code == "amount_overflow" ? 2 : 1
        case let e as PersonalDataError:
            object = ["code": .string(e.code.rawValue), "message": .string(e.message)]
            if let f = e.field { object["field"] = .string(f) }
            if let r = e.rule { object["rule"] = .string(r) }
            exit = [.masterKey, .decryptionFailed].contains(e.code) ? 2 : 1
        case let e as MatchError:
            object = ["code": .string(e.code.rawValue), "message": .string(e.message)]
            if let l = e.line { object["line"] = .number(JSONNumber(Int64(l))) }
            if let f = e.field { object["field"] = .string(f) }
            exit = 1
        case let e as LocalClusterError:
            object = ["code": .string(e.code), "message": .string(e.message)]
        default:
            object = ["code": .string("failed"), "message": .string(String(describing: error))]
        }
        note((["error": .object(object)] as JSONValue).canonicalText)
        return exit
    }
}

/// A one-line progress bar on stderr (only when stderr is a terminal; otherwise a line every 10%).
/// Safe to update from any task: its state is behind a lock.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    let title: String
    private(set) var total: Int
    let unit: String
    private let start = ContinuousClock.now
    private var lastDraw = ContinuousClock.now - .seconds(1)
    private var lastDecile = -1
    /// Whether the total is unknown: the line then counts and gives the rate, without a bar or an ETA.
    private let counting: Bool

    init(_ title: String, total: Int, unit: String = "events") {
        self.title = title
        self.total = max(total, 1)
        self.unit = unit
        counting = false
    }

    /// A line for work of unknown size: how many so far and how fast (every 5 s when stderr is not a terminal).
    init(counting title: String, unit: String) {
        self.title = title
        total = 1
        self.unit = unit
        counting = true
    }

    func update(_ done: Int) {
        lock.withLock { draw(done) }
    }

    private func draw(_ done: Int) {
        let now = ContinuousClock.now
        if counting {
            let interval: Duration = Terminal.stderrIsTTY ? .milliseconds(100) : .seconds(5)
            guard now - lastDraw > interval else { return }
            lastDraw = now
            let line = "\(title): \(done) \(unit) \(rateText(done))"
            if Terminal.stderrIsTTY { FileHandle.standardError.write(Data("\r\(line)   ".utf8)) } else { Terminal.note(line) }
            return
        }
        let fraction = min(1, Double(done) / Double(total))
        if Terminal.stderrIsTTY {
            guard now - lastDraw > .milliseconds(100) || done >= total else { return }
            lastDraw = now
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data("\r\(title) \(bar) \(done)/\(total) \(unit) \(rateText(done)) \(etaText(done))   ".utf8))
        } else {
            let decile = Int(fraction * 10)
            guard decile != lastDecile else { return }
            lastDecile = decile
            Terminal.note("\(title): \(done)/\(total) \(unit) \(rateText(done)) \(etaText(done))")
        }
    }

    /// Changes the total once it is known.
    func updateTotal(_ total: Int) {
        lock.withLock { self.total = max(total, 1) }
    }

    func finish(_ done: Int) {
        if counting {
            lock.withLock { lastDraw = start - .seconds(10) }
        }
        update(done)
        if Terminal.stderrIsTTY { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private var elapsedSeconds: Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    private func rateText(_ done: Int) -> String {
        let s = elapsedSeconds
        return s > 0 ? "\(Int(Double(done) / s)) \(unit)/s" : ""
    }

    private func etaText(_ done: Int) -> String {
        guard done > 0, done < total else { return "" }
        let remaining = elapsedSeconds / Double(done) * Double(total - done)
        return "ETA \(Int(remaining.rounded()))s"
    }
}

import ArgumentParser

/// Runs a command's body, turning any failure into a JSON error on stderr and an exit code
/// (1: the input or a rule was refused; 2: an operational failure).
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        throw ExitCode(Terminal.report(error))
    }
}
