import ArgumentParser

/// `daftar`: the benefits ledger's command line.
@main
struct Daftar: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daftar",
        abstract: "Daftar, an event-sourced benefits ledger on PostgreSQL.",
        discussion: """
            With no database URL (--database-url or DAFTAR_DATABASE_URL), daftar starts or reuses a \
            local PostgreSQL cluster in its data folder (DAFTAR_HOME, default ./.daftar).
            """,
        subcommands: [
            DemoCommand.self, GenerateCommand.self, DBCommand.self, MigrateCommand.self, EventsCommand.self, SealCommand.self, KeysCommand.self,
            VerifyCommand.self, AuditCommand.self, HistoryCommand.self, ExplainCommand.self, RebuildCommand.self, ProjectionsCommand.self, PlanCommand.self,
            PersonsCommand.self, MatchCommand.self, ProposalsCommand.self, BenchCommand.self,
        ]
    )
}
