import ArgumentParser
import Foundation
import Strata
import StrataPostgres
import StrataSQLite

/// `strata lint`
struct Lint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check migrations for destructive, locking and backward-incompatible changes.",
        discussion: """
            Without paths: the pending migrations when a database is configured (--url, DATABASE_URL, strata.toml), \
            with the live size of every table they lock; else every migration of the folder. A path is a .sql file, a \
            migrations folder, or a folder of .sql files; each file is judged as if the files before it were applied. \
            Exit 1 when an error-level rule fires. Accept a finding with `-- strata:lint-ignore RULE reason` on the line \
            before the statement; set severities under [lint.rules] in strata.toml. docs/lint-rules.md has every rule.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Files or folders to lint (default: see above).", valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("The database the SQL is written for, when no database or provider says so.", valueName: "postgresql|sqlite"))
    var dialect: String?

    @Option(help: ArgumentHelp("Output: human, json, github (workflow annotations) or sarif (2.1.0).", valueName: "format"))
    var format: String = "human"

    @Flag(name: .customLong("json"), help: "Same as --format json.")
    var json = false

    @Flag(help: "Also show advice (info-level rules on types and timeouts).")
    var advice = false

    @Flag(help: "List the rules and exit.")
    var rules = false

    func validate() throws {
        guard LintRenderer.Format(rawValue: format) != nil else {
            throw ValidationError("--format takes human, json, github or sarif, not `\(format)`")
        }
        if let dialect, Self.driver(named: dialect) == nil {
            throw ValidationError("--dialect takes postgresql or sqlite, not `\(dialect)`")
        }
    }

    func run() async throws {
        let renderer = LintRenderer(format: json ? .json : LintRenderer.Format(rawValue: format) ?? .human, advice: advice)
        let usesDatabase = global.url != nil && dialect == nil
        let migrator = try usesDatabase ? global.migrator() : filesMigrator()
        let linter = try migrator.linter()
        if rules { return RuleList.print(linter.rules, format: renderer.format) }
        let configured = migrator.configuration.urlSource != .embeddedDefault
        if usesDatabase || (paths.isEmpty && configured && dialect == nil) {
            // Against the database: with live sizes, and for people the lock of every statement.
            let database = try databaseMigrator(migrator)
            let report: LintReport
            do {
                report = try await database.plan(paths: paths)
            } catch let error as ConnectionError where !usesDatabase {
                Console.shared.note(
                    "note: with a database configured (\(migrator.configuration.urlSource)), strata lint judges the pending migrations "
                        + "against it; `strata lint \(migrator.configuration.migrationsPath)` lints the files alone")
                throw error
            }
            if renderer.format == .human, report.files.isEmpty {
                Console.shared.line(
                    "No pending migrations in \(database.configuration.url): nothing to lint. "
                        + "`strata lint \(database.configuration.migrationsPath)` lints every migration.")
            } else if renderer.format == .human {
                LockReportRenderer.render(
                    report, database: database.configuration.url.description, advice: advice, what: paths.isEmpty ? "pending migration" : "file")
            } else {
                renderer.render(report, rules: linter.rules)
            }
            if report.hasErrors { throw ExitCode.failure }
            return
        }
        let report = try migrator.lint(paths: paths)
        renderer.render(report, rules: linter.rules)
        if report.hasErrors { throw ExitCode.failure }
    }

    /// The migrator whose dialect the files are read in: `--dialect`, else the provider strata.toml or
    /// the paths' `migration_lock.toml` declares, else the configured database's.
    private func filesMigrator() throws -> Migrator {
        if let dialect, let driver = Self.driver(named: dialect) { return Migrator(filesOf: try global.filesConfiguration(), driver: driver) }
        let configuration = try global.filesConfiguration()
        if configuration.provider == nil, configuration.urlSource == .embeddedDefault,
           let driver = try Migrator.driver(declaredNear: paths, among: [.postgres, .sqlite]) {
            return Migrator(filesOf: configuration, driver: driver)
        }
        return try Migrator(filesOf: configuration, drivers: [.postgres, .sqlite])
    }

    /// The configured database's migrator (its URL must resolve and match the provider).
    private func databaseMigrator(_ files: Migrator) throws -> Migrator {
        try Migrator(configuration: files.configuration, drivers: [.postgres, .sqlite])
    }

    static func driver(named name: String) -> DatabaseDriver? {
        switch name.lowercased() {
        case "postgresql", "postgres", "pg": .postgres
        case "sqlite", "sqlite3": .sqlite
        default: nil
        }
    }
}

/// `strata lint --rules`.
enum RuleList {
    static func print(_ rules: [any LintRule], format: LintRenderer.Format) {
        let console = Console.shared
        switch format {
        case .json, .sarif:
            console.json(rules.map { Entry(id: $0.info.id, severity: $0.info.severity.rawValue, family: $0.info.family.rawValue, summary: $0.info.summary) })
        case .human, .github:
            let width = rules.map(\.info.id.count).max() ?? 0
            for rule in rules {
                let id = rule.info.id.padding(toLength: width, withPad: " ", startingAt: 0)
                console.line("\(id)  \(rule.info.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(rule.info.summary)")
            }
        }
    }

    struct Entry: Encodable {
        let id: String
        let severity: String
        let family: String
        let summary: String
    }
}
