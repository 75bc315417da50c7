import ArgumentParser
import Strata

/// `strata migrate resolve --applied NAME | --rolled-back NAME | --removed NAME`
struct Resolve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Settle a migration that needs a person: one that failed or was interrupted, or one missing on disk.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var lock: LockOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("A failed or interrupted migration whose changes you completed by hand.", valueName: "name"))
    var applied: String?

    @Option(name: .customLong("rolled-back"), help: ArgumentHelp(
        "A migration whose changes you undid by hand: deploy runs it again (one missing on disk is forgotten).",
        valueName: "name"))
    var rolledBack: String?

    @Option(help: ArgumentHelp(
        "A migration missing on disk whose folder was removed on purpose; what it did stays in the database.",
        valueName: "name"))
    var removed: String?

    func validate() throws {
        if [applied, rolledBack, removed].compactMap({ $0 }).count != 1 {
            throw ValidationError("give exactly one of --applied NAME, --rolled-back NAME or --removed NAME")
        }
    }

    func run() async throws {
        let migrator = try global.migrator(lock)
        let (name, resolution): (String, Resolution) =
            if let applied { (applied, .applied) } else if let rolledBack { (rolledBack, .rolledBack) } else { (removed ?? "", .removed) }
        let report = try await migrator.resolve(name, as: resolution, events: EventPrinter.stderr)
        RecordRenderer(json: output.json).render(report)
    }
}
