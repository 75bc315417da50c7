import ArgumentParser
import Strata

/// `strata migrate baseline --to NAME`
struct Baseline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Record NAME and every migration before it as applied, without running them (adopt an existing database).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var lock: LockOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("The last migration the database already has (folder name or version).", valueName: "name"))
    var to: String

    @Flag(help: "Print exactly the SQL that would run, and change nothing.")
    var dryRun = false

    func run() async throws {
        let migrator = try global.migrator(lock)
        let report = try await migrator.baseline(to: to, dryRun: dryRun, events: EventPrinter.stderr)
        RecordRenderer(json: output.json).render(report)
    }
}
