import ArgumentParser
import Strata

/// `strata migrate status`
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show applied, pending, failed, edited, missing and out-of-order migrations.",
        discussion: "Exit code 0: up to date; 2: pending; 3: failed, edited, missing, out of order, strata.sum mismatch, or (with --drift) a schema changed outside the migrations.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Also compare the live schema with what the applied migrations build (on a shadow database).")
    var drift = false

    func run() async throws {
        let migrator = try global.migrator()
        let report = try await migrator.status()
        let drifted = drift ? try await migrator.drift(after: report) : nil
        if output.json {
            var json = StatusJSON(report)
            json.drift = drifted?.migration.changes.map(\.summary)
            if let drifted, !drifted.migration.isEmpty { json.exitCode = ExitStatus.attention.rawValue }
            Console.shared.json(json)
        } else {
            StatusRenderer(report: report, configuration: migrator.configuration).render()
            if let drifted { render(drifted, database: migrator.configuration.url.description, applied: report.counts[.applied] ?? 0) }
        }
        if let drifted, !drifted.migration.isEmpty {
            throw ExitCode(ExitStatus.attention.rawValue)
        }
        if report.exitStatus != .success {
            throw ExitCode(report.exitStatus.rawValue)
        }
    }

    private func render(_ drift: SchemaDiff, database: String, applied: Int) {
        let console = Console.shared
        guard !drift.migration.isEmpty else {
            console.line(console.paint("No drift: the schema is what the \(counted(applied, "applied migration")) build.", .green))
            return
        }
        console.line(console.paint("Drift: \(database) differs from what its \(counted(applied, "applied migration")) build:", .red))
        for change in drift.migration.changes { console.line("  " + change.summary) }
        console.line("→ a change made on purpose belongs in a migration (`strata migrate diff --from migrations --to <url> --script` writes it); on a dev database, `strata migrate reset` starts over")
    }
}
