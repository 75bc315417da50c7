import ArgumentParser
import Strata

/// `strata migrate down`
struct Down: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down",
        abstract: "Roll back applied migrations with their down.sql, newest first.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var lock: LockOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("How many migrations to roll back (default 1).", valueName: "n"))
    var steps: Int?

    @Option(help: ArgumentHelp("Roll back every migration applied after this one, keeping it.", valueName: "name"))
    var to: String?

    @Flag(help: "Print exactly the SQL that would run, and change nothing.")
    var dryRun = false

    @Flag(help: "Roll back in an environment marked production = true (on a terminal, you type the database name).")
    var force = false

    func validate() throws {
        if steps != nil, to != nil { throw ValidationError("give --steps or --to, not both") }
    }

    func run() async throws {
        let migrator = try global.migrator(lock)
        if force, !dryRun { try ProductionConfirmation.confirm(migrator.configuration, doing: "rolls back migrations in") }
        let renderer = RunRenderer(json: output.json, dryRun: dryRun, direction: .down)
        let report = try await migrator.down(
            DownOptions(steps: steps, to: to, dryRun: dryRun, force: force), events: renderer.handle)
        renderer.finish(report, database: migrator.configuration.url.description)
    }
}
