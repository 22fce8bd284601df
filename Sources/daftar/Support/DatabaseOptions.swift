import ArgumentParser
import Audit
import Benefits
import EventStore
import Foundation
import Postgres

/// Where the database is: a URL, or the embedded local cluster in the data folder.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "A libpq URI of a PostgreSQL 15+ database (default: $DAFTAR_DATABASE_URL, else the local cluster).")
    var databaseURL: String?

    @Option(name: .long, help: "The data folder for the local cluster (default: $DAFTAR_HOME, else ./.daftar).")
    var home: String?

    var resolvedHome: String {
        home ?? ProcessInfo.processInfo.environment["DAFTAR_HOME"] ?? ".daftar"
    }

    var explicitURL: String? {
        databaseURL ?? ProcessInfo.processInfo.environment["DAFTAR_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The URI to use, starting the local cluster and migrating it when no URL was given.
    func connect(migrate: Bool = true) async throws -> String {
        if let url = explicitURL {
            if migrate { try await ensureMigrated(url, automatically: false) }
            return url
        }
        let cluster = LocalCluster(home: resolvedHome)
        let uri = try await cluster.start(progress: { Terminal.note($0) })
        if migrate { try await ensureMigrated(uri, automatically: true) }
        return uri
    }

    /// The event store over `uri`, checking every append against the benefits catalogue.
    func store(_ uri: String, connections: Int = 2) throws -> EventStore {
        EventStore(pool: PostgresPool(conninfo: uri, maximumConnections: connections), catalogue: try BenefitsCatalogue())
    }

    private func ensureMigrated(_ uri: String, automatically: Bool) async throws {
        let conn = try await PostgresConnection.connect(uri)
        defer { Task { await conn.close() } }
        if automatically {
            let applied = try await DaftarSchema.migrate(conn)
            if !applied.isEmpty { Terminal.note("Applied \(applied.count) migration(s) to the local cluster") }
        } else {
            let ready = try await conn.query("SELECT to_regclass('event_store.events') IS NOT NULL").first?.decode(Bool.self, 0) ?? false
            if !ready {
                throw CLIError(code: "not_migrated", message: "the database has no event store yet: run 'daftar migrate' first")
            }
        }
        await conn.close()
    }
}

/// A command-line failure with a stable code; printed as JSON on stderr.
struct CLIError: Error, CustomStringConvertible {
    let code: String
    let message: String
    var field: String?
    var rule: String?
    var exitCode: Int32 = 1

    init(code: String, message: String, field: String? = nil, rule: String? = nil, exitCode: Int32 = 1) {
        self.code = code
        self.message = message
        self.field = field
        self.rule = rule
        self.exitCode = exitCode
    }

    var description: String { message }
}
