import Foundation
@testable import Strata
import StrataPostgres
import StrataSQLite
import Testing

/// Lints SQL held in memory, as migrations of a folder: each earlier script
/// its own run (its objects exist), then the script under test.
struct LintHarness {
    let dialect: any Dialect
    var configuration = LintConfiguration()
    var statementLockTimeout: Duration? = Configuration.defaultStatementLockTimeout
    /// Live sizes, as if linted against a database.
    var statistics: [TableReference: RelationStatistics] = [:]
    /// Whether the earlier scripts and the last one are one run (pending together), not each its own.
    var oneRun = false
    /// Whether findings name recipes, as they do when the driver writes them.
    var offersRecipes = false

    init(_ dialect: LintDialect) {
        self.dialect = dialect == .postgresql ? PostgresDialect() : SQLiteDialect()
    }

    /// The findings in the last script.
    func findings(_ sql: String, after before: [String] = []) throws -> [LintFinding] {
        try report(sql, after: before).findings.filter { $0.file == Self.path(before.count) }
    }

    func report(_ sql: String, after before: [String] = []) throws -> LintReport {
        let scripts = try (before + [sql]).enumerated().map { index, text in
            try MigrationScript(path: Self.path(index), data: Data(text.utf8))
        }
        let linter = try Linter(
            dialect: dialect, configuration: configuration, statementLockTimeout: statementLockTimeout, offersRecipes: offersRecipes)
        return linter.judge(try linter.read(oneRun ? [scripts] : scripts.map { [$0] }), statistics: statistics, lockReport: true)
    }

    /// Statistics giving every named table `rows` rows.
    static func sized(_ rows: Double, _ tables: String...) -> [TableReference: RelationStatistics] {
        Dictionary(uniqueKeysWithValues: tables.map { (TableReference(name: $0), RelationStatistics(rows: rows, totalBytes: Int64(rows) * 100, indexBytes: 0)) })
    }

    static func path(_ index: Int) -> String {
        "migrations/\(String(format: "%03d", index + 1))_m/migration.sql"
    }
}
