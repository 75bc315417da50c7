import ArgumentParser
import Foundation
import Strata

/// `strata migrate dev --name add_user_bio`
struct Dev: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Write a migration from the schema's changes (schema.prisma or SQL), and apply it to the dev database.",
        discussion: """
            Builds the migrations on a shadow database, compares them with the schema, writes \
            migrations/<timestamp>_<name>/migration.sql and its down.sql (tried on the shadow first), \
            records them in strata.sum and applies pending migrations. On a terminal it asks whether a dropped and \
            added table or column is a rename, whether to write a change that drops data, and whether to reset a dev \
            database that drifted from its migrations; elsewhere --rename and --accept-data-loss answer the first two, \
            and drift is refused (exit 3).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var lock: LockOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("What the migration does, e.g. add_user_bio.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp(
        "The schema: a .prisma or .sql file, or a folder of either (default: strata.toml's schema_file, schema.prisma, prisma/schema.prisma, prisma/schema/, schema.sql, schema/).",
        valueName: "path"))
    var schema: String?

    @Option(help: ArgumentHelp("A rename, not a drop and an add: old_table=new_table or table.old_column=new_column (repeatable).", valueName: "old=new"))
    var rename: [String] = []

    @Flag(help: "Write a migration that drops data (tables, columns, enum values).")
    var acceptDataLoss = false

    @Flag(help: "Write the migration without applying it.")
    var createOnly = false

    func run() async throws {
        let migrator = try global.migrator(lock)
        let folder = FileManager.default.currentDirectoryPath
        guard let schemaFile = try SchemaFile.locate(explicit: schema, configured: migrator.configuration.schemaFile, in: folder) else {
            throw ConfigurationError(
                "no schema here (looked for \(SchemaFile.defaultLocations.joined(separator: ", ")))",
                nextStep: "write a schema.prisma (or schema.sql), pass --schema path/to/it, or set schema_file in strata.toml")
        }
        // The migration is written first and shown, then applied, so the output reads in order.
        let report = try await migrator.dev(
            DevOptions(
                name: name, schema: schemaFile, renames: rename, acceptDataLoss: acceptDataLoss, createOnly: true,
                decisions: output.json ? nil : TerminalDevDecisions.onTerminal))
        let console = Console.shared
        if output.json {
            let deployed = createOnly ? nil : try await migrator.deploy()
            console.json(DevJSON(report, deployed: deployed))
            return
        }
        if report.createdDatabase {
            console.line("created the dev database \(migrator.configuration.url.databaseName): the server had none by that name.")
        }
        if report.resetAfter != nil {
            console.line("reset \(migrator.configuration.url): every migration applied again.")
        }
        if let written = report.written {
            console.line("wrote \(written.up.path) and down.sql:")
            console.line()
            console.partial(report.script)
            console.line()
            for warning in report.warnings {
                console.line(console.paint("! " + warning.message, warning.kind == .losesData ? .red : .yellow))
            }
            if let lint = report.lint, let findings = LintRenderer.findings(of: lint, paint: console.paint) {
                console.line(findings)
            }
        } else {
            console.line("\(schemaFile) matches the migrations: no migration written.")
        }
        if !createOnly {
            let renderer = RunRenderer(json: false, dryRun: false, direction: .up)
            let handle = renderer.handle
            // The written migration's findings were shown with its SQL.
            let deployed = try await migrator.deploy(events: { event in if case .linted = event { return }; handle(event) })
            renderer.finish(deployed, database: migrator.configuration.url.description)
        } else if let written = report.written {
            console.line("Review it, then run `strata migrate deploy` (or `migrate dev` again) to apply \(written.name).")
        }
    }
}

/// `migrate dev --json`.
struct DevJSON: Encodable {
    var migration: String?
    var script: String
    var downScript: String
    var warnings: [String]
    var renames: [String]
    /// Whether the dev database was created; what had drifted when it was reset.
    var createdDatabase: Bool
    var resetAfterDrift: [String]?
    var applied: [String]
    /// The linter's findings on the migration written.
    var findings: [LintFinding]

    init(_ report: DevReport, deployed: DeployReport?) {
        migration = report.written?.name
        script = report.script
        downScript = report.downScript
        warnings = report.warnings.map(\.message)
        renames = report.renames
        createdDatabase = report.createdDatabase
        resetAfterDrift = report.resetAfter?.details
        applied = deployed?.applied.map(\.name) ?? []
        findings = report.lint?.findings ?? []
    }
}
