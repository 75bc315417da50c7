import ArgumentParser
import Strata

/// `strata migrate reset --force`
struct Reset: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Drop every object you own in the target schema, then apply every migration and run the seeds (development only).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var lock: LockOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Really drop everything. Without it, reset refuses; in production, on a terminal, you type the database name too.")
    var force = false

    @Flag(help: "Print exactly the SQL that would run, and change nothing.")
    var dryRun = false

    @Flag(help: "Do not run the seeds (seeds/*.sql) after the migrations.")
    var skipSeed = false

    func run() async throws {
        let migrator = try global.migrator(lock)
        if force, !dryRun { try ProductionConfirmation.confirm(migrator.configuration, doing: "drops every object and all data in") }
        let renderer = RunRenderer(json: output.json, dryRun: dryRun, direction: .up)
        let report = try await migrator.reset(ResetOptions(force: force, dryRun: dryRun, seed: !skipSeed), events: renderer.handle)
        renderer.finish(report, database: migrator.configuration.url.description)
    }
}
