import ArgumentParser
import Strata

/// `strata data status`
struct DataStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show where every data migration and backfill stands.",
        discussion: "Exit code 0: every data migration of data/ completed; 2: some have not.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let migrator = try global.migrator()
        let report = try await migrator.dataStatus()
        if output.json {
            Console.shared.json(DataStatusJSON(report))
        } else {
            DataStatusRenderer(report: report).render()
        }
        if !report.pending.isEmpty { throw ExitCode(ExitStatus.pending.rawValue) }
    }
}
