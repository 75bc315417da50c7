import Foundation
import ArgumentParser
import Strata

/// `strata data backfill`
struct DataBackfill: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill",
        abstract: "Change the rows of a table in short batches along its key; resumable.",
        discussion: """
            Each batch is its own transaction, which also records the last key done: after Ctrl-C, kill -9 or a \
            lost connection, the same command resumes where it stopped and changes every row exactly once. Batches \
            walk the primary key (SQLite: else the rowid), never with OFFSET, so the cost grows linearly.

            Example: strata data backfill --table users --set "role = 'USER'" --where "role IS NULL" --batch-time 200ms
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The table, e.g. users or audit.events.", valueName: "table"))
    var table: String

    @Option(help: ArgumentHelp("The assignments of UPDATE ... SET, e.g. \"role = 'USER'\".", valueName: "sql"))
    var set: String

    @Option(name: .customLong("where"), help: ArgumentHelp("The rows to change, e.g. \"role IS NULL\" (default: every row).", valueName: "sql"))
    var condition: String?

    @Option(help: ArgumentHelp(
        "Key columns to walk, comma-separated (default: the primary key); unique, not null, never changed.", valueName: "columns"))
    var key: String?

    @Option(help: ArgumentHelp(
        "The name its progress is kept under (default: the table and a hash of --set and --where).", valueName: "name"))
    var name: String?

    @OptionGroup var batching: BackfillOptions

    @Flag(help: "Forget an earlier run of this backfill (finished or not) and start from the first row.")
    var restart = false

    @Flag(name: .customLong("dry-run"), help: "Print the first batch's SQL, its plan and the estimated number of batches; change nothing.")
    var dryRun = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let migrator = try global.migrator()
        let keyColumns = key.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let backfill = try batching.applied(to: Backfill(
            name: name, table: TableReference(qualified: table), set: set, where: condition, key: keyColumns,
            batching: try batching.batching()))
        if dryRun {
            let plan = try await migrator.backfillPlan(backfill)
            if output.json { Console.shared.json(BackfillPlanJSON(plan)) } else { BackfillPlanRenderer(plan: plan).render() }
            return
        }
        let progress = BackfillProgressRenderer(json: output.json)
        let report = try await migrator.backfill(backfill, restart: restart, command: resumeCommand) { progress.show($0) }
        progress.finish(report)
        if output.json { Console.shared.json(BackfillReportJSON(report)) }
    }

    /// The command line that resumes this backfill, for the messages after a stop.
    private var resumeCommand: String {
        let arguments = CommandLine.arguments.dropFirst().filter { $0 != "--restart" }
        return "strata " + arguments.map(Self.shellQuoted).joined(separator: " ")
    }

    private static func shellQuoted(_ argument: String) -> String {
        let plain = argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,@".contains($0) }
        return plain ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
