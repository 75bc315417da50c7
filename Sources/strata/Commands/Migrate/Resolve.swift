import ArgumentParser
import Strata

/// `strata migrate resolve --applied NAME | --rolled-back NAME`
struct Resolve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Settle a failed migration: record it as applied (finished by hand) or rolled back (undone by hand).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var lock: LockOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("You completed its changes by hand.", valueName: "name"))
    var applied: String?

    @Option(name: .customLong("rolled-back"), help: ArgumentHelp("You undid its changes; deploy runs it again.", valueName: "name"))
    var rolledBack: String?

    func validate() throws {
        if (applied == nil) == (rolledBack == nil) {
            throw ValidationError("give exactly one of --applied NAME or --rolled-back NAME")
        }
    }

    func run() async throws {
        let migrator = try global.migrator(lock)
        let report = try await migrator.resolve(
            applied ?? rolledBack ?? "", as: applied != nil ? .applied : .rolledBack, events: EventPrinter.stderr)
        RecordRenderer(json: output.json).render(report, verb: "resolve")
    }
}
