import ArgumentParser

/// `strata db ...`
struct DbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Back up and restore data.",
        discussion: """
            `migrate deploy` backs up what a destructive statement (DROP TABLE, DROP COLUMN, TRUNCATE, DROP SCHEMA) \
            destroys before it runs, into .strata/backups/ (strata.toml's [backup] dir). These commands take a backup \
            by hand, list the backups and bring one back.
            """,
        subcommands: [DbBackup.self, DbBackups.self, DbRestore.self])
}
