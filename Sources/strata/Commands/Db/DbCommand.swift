import ArgumentParser

/// `strata db ...`
struct DbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "The database's data: seeds, generated rows, backups and restores.",
        discussion: """
            `db seed` runs the seeds in seeds/ once each, or generates realistic rows from the live schema. \
            `migrate deploy` backs up what a destructive statement (DROP TABLE, DROP COLUMN, TRUNCATE, DROP SCHEMA) \
            destroys before it runs, into .strata/backups/ (strata.toml's [backup] dir); `db backup`, `db backups` and \
            `db restore` take a backup by hand, list the backups and bring one back.
            """,
        subcommands: [DbSeed.self, DbBackup.self, DbBackups.self, DbRestore.self])
}
