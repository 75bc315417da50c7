import ArgumentParser
import Strata

/// `strata db backup`
struct DbBackup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up tables, or the whole database, into the backups folder.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("table"), help: ArgumentHelp("A table to back up (schema.table for another schema); repeat for more. Without it: the whole database.", valueName: "name"))
    var tables: [String] = []

    func run() async throws {
        let migrator = try global.migrator()
        let backup = try await migrator.backUp(tables: tables)
        if output.json { return Console.shared.json(BackupJSON(backup)) }
        for item in backup.manifest.items {
            Console.shared.line(BackupEvent.backedUp(item, folder: backup.path).description)
        }
    }
}
