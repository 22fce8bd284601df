import Crypto
import Foundation

/// A projection's shape: its SQL file (the single source of truth for the tables and the reporting
/// views, DESIGN.md §2), the tables its code writes, and the version both give.
///
/// The SQL file has three sections, each introduced by a line `-- @tables`, `-- @indexes` or
/// `-- @views`, and writes `{{schema}}` where the build's schema goes:
/// - `@tables`: the tables, created empty in a new build's schema (keys needed by additive upserts
///   belong here);
/// - `@indexes`: indexes created once the build's bulk pass is done (cheaper than maintaining them
///   row by row);
/// - `@views`: `CREATE OR REPLACE VIEW reporting.…` statements over `{{schema}}`, run in the swap.
///
/// **Version.** The first 12 hex digits of SHA-256 over the file's text and ``codeVersion``: editing
/// the SQL or bumping the code version (done whenever the fold or the rows change meaning) makes a new
/// version, which `daftar projections run` and `daftar rebuild` build beside the live one and swap in.
public struct ProjectionDefinition: Sendable {
    /// The projection's name (`eligibility`); also its SQL file's stem.
    public let name: String
    /// The SQL file's text.
    public let sql: String
    /// The version of the code that computes the rows.
    public let codeVersion: Int
    /// The tables the code writes.
    public let tables: [ProjectionTable]

    /// Creates a definition.
    /// - Parameters:
    ///   - name: the projection's name: lower-case letters, digits and underscores.
    ///   - sql: the SQL file's text.
    ///   - codeVersion: the code's version.
    ///   - tables: the tables written.
    /// - Throws: ``ProjectionError`` `invalid_projection_definition` when the name is malformed, a
    ///   section is missing, or a table is not created in `@tables`.
    public init(name: String, sql: String, codeVersion: Int, tables: [ProjectionTable]) throws(ProjectionError) {
        guard !name.isEmpty, name.count <= 30, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw ProjectionError(.invalidDefinition, "projection name '\(name)' must be 1–30 lower-case letters, digits or underscores")
        }
        self.name = name
        self.sql = sql
        self.codeVersion = codeVersion
        self.tables = tables
        for section in Section.allCases where self.section(section) == nil {
            throw ProjectionError(.invalidDefinition, "\(name).sql has no '-- @\(section.rawValue)' section")
        }
        let created = self.section(.tables) ?? ""
        for table in tables where !created.contains("{{schema}}.\(table.name) ") && !created.contains("{{schema}}.\(table.name)(") {
            throw ProjectionError(.invalidDefinition, "\(name).sql does not create table {{schema}}.\(table.name) in its @tables section")
        }
    }

    /// A section of the SQL file.
    public enum Section: String, CaseIterable, Sendable {
        case tables, indexes, views
    }

    /// The version: 12 hex digits over the SQL text and the code version.
    public var version: String {
        let digest = SHA256.hash(data: Data((sql + "\n-- code version \(codeVersion)\n").utf8))
        return digest.prefix(6).map { String(format: "%02x", $0) }.joined()
    }

    /// The schema a build of this projection lives in.
    /// - Parameter build: the build's id.
    /// - Returns: `rm_<name>_<version>_<build>`.
    public func schema(build: Int64) -> String { "rm_\(name)_\(version)_\(build)" }

    /// A section's SQL with `{{schema}}` replaced.
    /// - Parameters:
    ///   - section: the section.
    ///   - schema: the build's schema.
    /// - Returns: the SQL.
    public func sql(_ section: Section, schema: String) -> String {
        (self.section(section) ?? "").replacingOccurrences(of: "{{schema}}", with: schema)
    }

    /// The views the `@views` section creates (`reporting.eligibility`, …).
    public var viewNames: [String] {
        let text = section(.views) ?? ""
        var names: [String] = []
        for line in text.split(separator: "\n") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if words.count > 4, words[0].uppercased() == "CREATE", words[1].uppercased() == "OR", words[2].uppercased() == "REPLACE",
                words[3].uppercased() == "VIEW"
            {
                names.append(String(words[4]))
            }
        }
        return names
    }

    func section(_ section: Section) -> String? {
        let marker = "-- @\(section.rawValue)"
        let lines = sql.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == marker }) else { return nil }
        var body: [Substring] = []
        for line in lines[(start + 1)...] {
            if line.hasPrefix("-- @") { break }
            body.append(line)
        }
        return body.joined(separator: "\n")
    }
}
