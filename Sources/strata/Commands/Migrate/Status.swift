import ArgumentParser
import Strata

/// `strata migrate status`
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show applied, pending, failed, edited, missing and out-of-order migrations.",
        discussion: "Exit code 0: up to date; 2: pending; 3: failed, edited, missing, out of order or strata.sum mismatch.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let migrator = try global.migrator()
        let report = try await migrator.status()
        if output.json {
            Console.shared.json(StatusJSON(report))
        } else {
            StatusRenderer(report: report, configuration: migrator.configuration).render()
        }
        if report.exitStatus != .success {
            throw ExitCode(report.exitStatus.rawValue)
        }
    }
}
