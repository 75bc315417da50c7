import ArgumentParser

/// `strata data ...`
struct DataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Batched, resumable data migrations, kept apart from schema migrations.",
        discussion: """
            Data migrations live in data/ (strata.toml's data_dir): a .toml file describes a backfill run in \
            batches, a .sql file is a script run once in one transaction. They are recorded in their own history \
            table and never run by `migrate deploy`.
            """,
        subcommands: [DataBackfill.self, DataRun.self, DataStatus.self])
}
