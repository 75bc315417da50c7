import ArgumentParser
import Strata

/// `strata db backups`
struct DbBackups: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backups",
        abstract: "List the backups: when, before which migration, what, and how big.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let migrator = try global.filesMigrator()
        let backups = migrator.backups()
        if output.json { return Console.shared.json(backups.map(BackupJSON.init)) }
        BackupRenderer.list(backups, directory: migrator.configuration.backup.directory)
    }
}
