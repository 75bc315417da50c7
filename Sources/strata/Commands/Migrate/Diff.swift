import ArgumentParser
import Strata
import StrataPostgres
import StrataSQLite

/// `strata migrate diff --from A --to B`
struct Diff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two schemas and show the changes, or with --script the SQL, from one to the other.",
        discussion: """
            A and B are each `empty`, a schema file or folder (.prisma, .sql), a migrations folder, or a database URL. \
            Migrations and SQL schemas are built on a shadow database next to the configured one, created and dropped by the command.
            Exit code 0; with --exit-code: 0 when they match, 2 when they differ; 1 when a source cannot be read.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("The schema to start from.", valueName: "source"))
    var from: String

    @Option(help: ArgumentHelp("The schema to arrive at.", valueName: "source"))
    var to: String

    @Flag(help: "Print exactly the SQL that turns --from into --to.")
    var script = false

    @Flag(help: "Exit 2 when the schemas differ.")
    var exitCode = false

    @Option(help: ArgumentHelp("A rename, not a drop and an add: old_table=new_table or table.old_column=new_column (repeatable).", valueName: "old=new"))
    var rename: [String] = []

    func run() async throws {
        let sources = (from: try SchemaSourceSpec(argument: from), to: try SchemaSourceSpec(argument: to))
        let configuration = try global.filesConfiguration().declaringProvider(of: [sources.from, sources.to])
        let migrator = try Migrator(filesOf: configuration, drivers: [.postgres, .sqlite])
        let report = try await migrator.schemaDiff(from: sources.from, to: sources.to, renames: rename)
        if output.json {
            Console.shared.json(SchemaDiffJSON(report))
        } else if script {
            Console.shared.partial(report.script)
        } else {
            render(report)
        }
        if exitCode, !report.isEmpty { throw ExitCode(ExitStatus.pending.rawValue) }
    }

    private func render(_ report: SchemaDiffReport) {
        let console = Console.shared
        guard !report.isEmpty else {
            console.line("No difference: \(report.from) and \(report.to) describe the same schema.")
            return
        }
        console.line("From \(report.from) to \(report.to): \(counted(report.diff.migration.changes.count, "change"))")
        for change in report.diff.migration.changes {
            console.line("  " + change.summary)
        }
        for warning in report.diff.warnings {
            console.line(console.paint("! " + warning.message, warning.kind == .losesData ? .red : .yellow))
        }
        for candidate in report.diff.renameCandidates {
            console.line(console.paint("? " + candidate.description, .yellow))
        }
        console.line("Run with --script for the SQL.")
    }
}

/// `migrate diff --json`.
struct SchemaDiffJSON: Encodable {
    struct Warning: Encodable {
        var kind: String
        var message: String
    }

    var from: String
    var to: String
    var changes: [String]
    var warnings: [Warning]
    var renameCandidates: [String]
    var script: String

    init(_ report: SchemaDiffReport) {
        from = report.from.description
        to = report.to.description
        changes = report.diff.migration.changes.map(\.summary)
        warnings = report.diff.warnings.map { Warning(kind: $0.kind.rawValue, message: $0.message) }
        renameCandidates = report.diff.renameCandidates.map(\.argument)
        script = report.script
    }
}
