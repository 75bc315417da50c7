import ArgumentParser
import Strata

/// `strata migrate deploy`
struct Deploy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Apply pending migrations, in order (for CI and production).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var lock: LockOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Print exactly the SQL that would run, and change nothing.")
    var dryRun = false

    @Option(name: [.customLong("target"), .customLong("to")], help: ArgumentHelp(
        "Apply up to and including this migration (folder name or its version).", valueName: "name"))
    var target: String?

    @Flag(help: "Also apply pending migrations that sort before applied ones.")
    var allowOutOfOrder = false

    @Flag(help: "First compare the schema with what the applied migrations build; apply nothing when it drifted (exit 3).")
    var checkDrift = false

    func run() async throws {
        let migrator = try global.migrator(lock)
        let renderer = RunRenderer(json: output.json, dryRun: dryRun, direction: .up)
        let report = try await migrator.deploy(
            DeployOptions(dryRun: dryRun, target: target, allowOutOfOrder: allowOutOfOrder, checkDrift: checkDrift), events: renderer.handle)
        renderer.finish(report, database: migrator.configuration.url.description)
    }
}
