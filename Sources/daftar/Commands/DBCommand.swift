import ArgumentParser
import Postgres

/// `daftar db`: the local PostgreSQL cluster.
struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Start, stop or inspect the local PostgreSQL cluster in the data folder.",
        subcommands: [Start.self, Stop.self, Status.self]
    )

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create (if needed) and start the local cluster; print its URI last.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await reportingErrors {
                let uri = try await LocalCluster(home: database.resolvedHome).start(progress: { Terminal.note($0) })
                Terminal.emit(uri)
            }
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the local cluster (committed data stays).")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await reportingErrors {
                try LocalCluster(home: database.resolvedHome).stop()
                Terminal.note("stopped")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether the local cluster exists and runs, where, and its URI.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await reportingErrors {
                let s = try LocalCluster(home: database.resolvedHome).status()
                Terminal.emit(["exists": .bool(s.exists), "running": .bool(s.running), "dataDirectory": .string(s.dataDirectory), "uri": .string(s.uri)])
                if !s.running { throw ExitCode(3) }
            }
        }
    }
}

/// `daftar migrate`: apply the store's migrations.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply Daftar's migrations in order, each in a transaction; safe to run again.")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await reportingErrors {
            let uri = try await database.connect(migrate: false)
            let conn = try await PostgresConnection.connect(uri)
            let applied = try await DaftarSchema.migrate(conn)
            await conn.close()
            Terminal.emit(["applied": .array(applied.map { .string($0) })])
        }
    }
}

import Audit
import EventStore
