import ArgumentParser
import Strata

/// `strata migrate test`
struct RollbackTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Check on a shadow database that every down.sql restores the schema its migration started from.",
        discussion: """
            Each migration is applied in order; one with a down.sql is rolled back and applied again, and the schema \
            after the rollback must equal the schema before the migration. The configured database is not touched.
            Exit code 0 when every down.sql restores its schema, 1 when one does not (or fails).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let migrator = try global.migrator()
        let json = output.json
        let report = try await migrator.testRollbacks { result in
            if !json { Self.render(result) }
        }
        if json {
            Console.shared.json(RollbackTestJSON(report))
        } else {
            summarize(report)
        }
        if report.exitStatus != .success { throw ExitCode(report.exitStatus.rawValue) }
    }

    private static func render(_ result: RollbackTestResult) {
        let console = Console.shared
        switch result.outcome {
        case .restored:
            console.line(console.paint("  ✔ ", .green) + result.migration + console.paint("  down.sql restores the schema", .dim))
        case .noDownScript:
            console.line(console.paint("  - ", .dim) + result.migration + console.paint("  no down.sql", .dim))
        default:
            console.line(console.paint("  ✘ ", .red) + result.migration)
            for line in RollbackTestJSON.problem(of: result.outcome) { console.line("      " + line) }
        }
    }

    private func summarize(_ report: RollbackTestReport) {
        let console = Console.shared
        let tested = report.results.filter { if case .noDownScript = $0.outcome { false } else { true } }.count
        let untested = report.total - report.results.count
        guard report.failures.isEmpty else {
            let failed = report.failures.count
            var line = "\(failed) of the \(counted(tested, "down.sql file")) tested \(failed == 1 ? "does" : "do") not restore the schema."
            if untested > 0 { line += " The last could not be applied again, so \(counted(untested, "later migration")) went untested." }
            console.line(console.paint(line, .red))
            console.line("→ fix each down.sql so it undoes exactly what its migration.sql does, then run `strata migrate test` again")
            return
        }
        guard tested > 0 else {
            console.line("No migration has a down.sql: nothing to test (\(counted(report.total, "migration")) applied on the shadow database).")
            return
        }
        console.line(console.paint("Every down.sql restores its schema (\(tested) tested, \(report.total - tested) without one).", .green))
    }
}

/// `migrate test --json`.
struct RollbackTestJSON: Encodable {
    struct Result: Encodable {
        var migration: String
        var outcome: String
        var problems: [String]
    }

    var results: [Result]
    var total: Int
    var exitCode: Int32

    init(_ report: RollbackTestReport) {
        results = report.results.map { result in
            Result(migration: result.migration, outcome: Self.name(of: result.outcome), problems: Self.problem(of: result.outcome))
        }
        total = report.total
        exitCode = report.exitStatus.rawValue
    }

    static func name(of outcome: RollbackTestResult.Outcome) -> String {
        switch outcome {
        case .restored: "restored"
        case .noDownScript: "no_down_script"
        case .notRestored: "not_restored"
        case .downFailed: "down_failed"
        case .reappliedDifferently: "reapplied_differently"
        case .reapplyFailed: "reapply_failed"
        }
    }

    /// What went wrong, one line each, as a user reads it.
    static func problem(of outcome: RollbackTestResult.Outcome) -> [String] {
        switch outcome {
        case .restored, .noDownScript:
            return []
        case .notRestored(let changes):
            return ["after down.sql the schema still differs from the one before the migration:"] + changes.map { "  " + $0 }
        case .downFailed(let failure):
            return ["down.sql fails: " + failure.summary] + failure.details.map { "  " + $0 }
        case .reappliedDifferently(let changes):
            return ["applied again after down.sql, the migration gives another schema:"] + changes.map { "  " + $0 }
        case .reapplyFailed(let before, let failure):
            return problem(of: before) + ["after down.sql the migration cannot be applied again: " + failure.summary]
                + failure.details.map { "  " + $0 }
        }
    }
}
