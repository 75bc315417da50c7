import ArgumentParser
import Strata

/// `strata migrate new --name add_user_bio`
struct New: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create migrations/<timestamp>_<name>/ with empty migration.sql and down.sql.")

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("What the migration does, e.g. add_user_bio.", valueName: "name"))
    var name: String

    func run() async throws {
        let migrator = try global.filesMigrator()
        let migration = try migrator.newMigration(named: name)
        Console.shared.line("created \(migration.up.path)")
        Console.shared.line("created \(migration.down?.path ?? "")")
        Console.shared.line("Write the SQL, then run `strata migrate deploy`: strata.sum records it while it is applied nowhere.")
    }
}
