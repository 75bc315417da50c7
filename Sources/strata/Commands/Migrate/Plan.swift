import ArgumentParser
import Strata

/// `strata migrate plan`
struct MigratePlan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what the pending migrations lock, on tables of what size, and what the linter finds.",
        discussion: """
            Reads the live database (the history, the schema, pg_class statistics) and changes nothing. For each statement: \
            the lock it takes on each relation (ACCESS EXCLUSIVE, SHARE, ...), whether it rewrites or reads every row, and \
            the table's estimated rows and size. Exit 1 when an error-level rule fires.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Also show advice (info-level rules on types and timeouts).")
    var advice = false

    func run() async throws {
        let migrator = try global.migrator()
        let report = try await migrator.plan()
        let database = migrator.configuration.url.description
        if output.json {
            Console.shared.json(PlanJSON(database: database, statements: report.statements, findings: report.findings.filter { advice || $0.severity > .info }))
        } else {
            LockReportRenderer.render(report, database: database, advice: advice)
        }
        if report.hasErrors { throw ExitCode.failure }
    }

    struct PlanJSON: Encodable {
        let database: String
        let statements: [StatementLocks]
        let findings: [LintFinding]
    }
}
