import Foundation
@testable import Strata
import StrataPostgres
import StrataSQLite
import Testing

/// `docs/lint-rules.md` is written from the rules; this keeps it current.
@Suite("Lint rule docs")
struct LintRuleDocsTests {
    static let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/lint-rules.md")

    static var generated: String {
        LintRuleDocs.markdown([
            ("PostgreSQL", Linter.allRules(for: PostgresDialect())), ("SQLite", Linter.allRules(for: SQLiteDialect())),
        ])
    }

    @Test func docsLintRulesIsCurrent() throws {
        if ProcessInfo.processInfo.environment["STRATA_UPDATE_GOLDEN"] == "1" {
            try Data(Self.generated.utf8).write(to: Self.file)
        }
        let written = try String(contentsOf: Self.file, encoding: .utf8)
        #expect(written == Self.generated, "docs/lint-rules.md is stale: run `STRATA_UPDATE_GOLDEN=1 swift test --filter LintRuleDocs`")
    }

    @Test func everyRuleHasASection() {
        for rule in Linter.allRules(for: PostgresDialect()) + Linter.allRules(for: SQLiteDialect()) {
            #expect(Self.generated.contains("### \(rule.info.id)\n"))
        }
    }
}
