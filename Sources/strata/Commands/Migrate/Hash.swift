import ArgumentParser
import Strata

/// `strata migrate hash`
struct Hash: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Rewrite strata.sum from the migration files (after a deliberate edit or a checked merge).")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let migrator = try global.filesMigrator()
        let sum = try migrator.hash()
        Console.shared.line("wrote \(migrator.directory.sumFilePath): \(counted(sum.entries.count, "migration"))")
    }
}
