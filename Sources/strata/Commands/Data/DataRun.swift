import ArgumentParser
import Strata

/// `strata data run`
struct DataRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the data migrations of data/ that have not completed, in order (or the one named).",
        discussion: "A backfill that stopped resumes where it stopped; a .sql script runs once, in one transaction.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Run only this data migration (its file name, with or without the extension).", valueName: "name"))
    var name: String?

    @OptionGroup var batching: BackfillOptions

    @Flag(help: "Run it again from the start even if it completed (with a name), or every one of them.")
    var restart = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let migrator = try global.migrator()
        _ = try batching.batching()
        let progress = BackfillProgressRenderer(json: output.json)
        let console = Console.shared
        let report = try await migrator.runDataMigrations(named: name, restart: restart, adjusting: { try batching.applied(to: $0) }) { event in
            switch event {
            case .starting(let name, let path):
                progress.say(console.paint("→", .cyan) + " \(name) (\(path))")
            case .backfill(_, let event):
                progress.show(event)
            case .finished(let outcome):
                if let backfill = outcome.backfill {
                    progress.finish(backfill)
                } else if let statements = outcome.statements {
                    progress.say("  " + console.paint("done", .green) + ": \(counted(statements, "statement")) in one transaction")
                } else {
                    progress.say("  already completed; --restart runs it again")
                }
            }
        }
        if report.outcomes.isEmpty {
            progress.say("No data migrations in \(migrator.configuration.dataPath).")
        }
        if output.json { Console.shared.json(DataRunJSON(report)) }
    }
}
