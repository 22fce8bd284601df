import ArgumentParser
import DemoCountry

/// What sets a demo country apart from the standard one: when its emergency top-up is declared, and
/// a published change of its benefit schedule. Shared by `daftar demo` and `daftar generate`.
struct DemoCountryOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The month of the run the emergency top-up is declared in, or 'none' for no top-up (default: the seventh, earlier in a shorter run).",
            valueName: "N|none"))
    var topUpMonth: String?

    @Option(
        help: ArgumentHelp(
            "Publish benefit schedule v2 in month PUBLISHED, in force from the first day of month EFFECTIVE (after PUBLISHED; it may lie after the run), e.g. 5:9.",
            valueName: "PUBLISHED:EFFECTIVE"))
    var scheduleChange: String?

    @Option(
        help: ArgumentHelp(
            "How the month-4 cross-match is done: 'in-memory' by the generator (default), or 'psi': left to the private set intersection with partner files.",
            valueName: "in-memory|psi"))
    var crossMatch: String?

    /// A checked configuration, its errors naming the option (`households`, `months`, `top-up-month`, `schedule-change`).
    /// - Throws: ``CLIError`` `invalid_option`.
    func configuration(seed: UInt64, households: Int, months: Int) throws -> DemoCountryConfiguration {
        let topUp = try self.topUp()
        let change = try self.change()
        let plan = try self.crossMatchPlan()
        do {
            return try DemoCountryConfiguration(
                seed: seed, households: households, months: months, topUp: topUp, scheduleChange: change, crossMatch: plan)
        } catch {
            throw Self.cliError(error)
        }
    }

    /// `--top-up-month`: a month or `none`.
    func topUp() throws -> TopUpPlan {
        guard let text = topUpMonth else { return .standard }
        if text.lowercased() == "none" { return .never }
        guard let month = Int(text) else {
            throw CLIError(
                code: "invalid_option", message: "top-up-month: expected a month of the run (1, 2 …) or 'none', got '\(text)'",
                field: "top-up-month", rule: "format")
        }
        return .month(month)
    }

    /// `--cross-match`: `in-memory` or `psi`.
    func crossMatchPlan() throws -> CrossMatchPlan {
        switch crossMatch?.lowercased() {
        case nil, "in-memory": return .inMemory
        case "psi": return .privateSetIntersection
        case let other?:
            throw CLIError(
                code: "invalid_option", message: "cross-match: expected 'in-memory' or 'psi', got '\(other)'", field: "cross-match", rule: "enum")
        }
    }

    /// `--schedule-change`: `PUBLISHED:EFFECTIVE`.
    func change() throws -> ScheduleChangePlan? {
        guard let text = scheduleChange else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let published = Int(parts[0]), let effective = Int(parts[1]) else {
            throw CLIError(
                code: "invalid_option", message: "schedule-change: expected PUBLISHED:EFFECTIVE months, e.g. 5:9, got '\(text)'",
                field: "schedule-change", rule: "format")
        }
        do {
            return try ScheduleChangePlan(publishedInMonth: published, effectiveMonth: effective)
        } catch {
            throw Self.cliError(error)
        }
    }

    /// The generator's refusal as the CLI's, its field the option's name.
    static func cliError(_ error: DemoCountryError) -> CLIError {
        let option: String
        let detail: String
        switch error.field {
        case "topUp":
            option = "top-up-month"
            detail = error.message
        case let field where field.hasPrefix("scheduleChange."):
            option = "schedule-change"
            let names = ["publishedInMonth": "the published month", "effectiveMonth": "the effective month"]
            let name = String(field.dropFirst("scheduleChange.".count))
            detail = "\(names[name] ?? name) \(error.message)"
        default:
            option = error.field
            detail = error.message
        }
        return CLIError(code: error.code, message: "\(option): \(detail)", field: option, rule: error.rule)
    }
}
