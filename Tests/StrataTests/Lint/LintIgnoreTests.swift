import Foundation
@testable import Strata
import Testing

/// `-- strata:lint-ignore` and `[lint]` in strata.toml.
@Suite("Lint ignores and configuration")
struct LintIgnoreTests {
    let before = ["CREATE TABLE users (id bigint PRIMARY KEY, email text, bio text);"]

    @Test func anIgnoreOnTheLineBeforeSilencesThatStatementOnly() throws {
        let sql = """
            SELECT 1;
            -- strata:lint-ignore ban-drop-column the app stopped reading it in v42
            ALTER TABLE users DROP COLUMN email;
            ALTER TABLE users DROP COLUMN bio;
            """
        let findings = try LintHarness(.postgresql).findings(sql, after: before)
        #expect(findings.map(\.message) == ["Dropping column users.bio deletes its data"])
    }

    @Test func anIgnoreInTheLeadingCommentsSilencesTheFile() throws {
        let sql = "-- strata:lint-ignore ban-drop-column, renaming-column planned removal\nALTER TABLE users DROP COLUMN email;\nALTER TABLE users RENAME COLUMN bio TO about;"
        #expect(try LintHarness(.postgresql).findings(sql, after: before).isEmpty)
        let script = try MigrationScript(path: "m.sql", data: Data(sql.utf8))
        #expect(script.directives.lintIgnores == [LintIgnore(rules: ["ban-drop-column", "renaming-column"], reason: "planned removal", line: 1)])
    }

    @Test func anUnknownRuleInAnIgnoreIsAnErrorAtItsLine() throws {
        let sql = "SELECT 1;\n-- strata:lint-ignore ban-drop-colum\nALTER TABLE users DROP COLUMN email;"
        #expect {
            try LintHarness(.postgresql).findings(sql, after: before)
        } throws: { error in
            guard let error = error as? MigrationFileError else { return false }
            return error.location?.line == 2 && error.problem.contains("`ban-drop-colum`") && (error.nextStep ?? "").contains("ban-drop-column")
        }
    }

    @Test func anIgnoreThatNamesNoRuleIsAnError() throws {
        #expect(throws: MigrationFileError.self) { try MigrationScript(path: "m.sql", data: Data("-- strata:lint-ignore\nSELECT 1;".utf8)) }
    }

    @Test func strataTomlSetsSeveritiesAndTurnsRulesOff() throws {
        var harness = LintHarness(.postgresql)
        harness.configuration.severities = ["ban-drop-column": .some(.error), "renaming-column": LintSeverity?.none]
        let findings = try harness.findings("ALTER TABLE users DROP COLUMN email;\nALTER TABLE users RENAME COLUMN bio TO about;", after: before)
        #expect(findings.map(\.rule) == ["ban-drop-column"])
        #expect(findings.first?.severity == .error)
    }

    @Test func anUnknownRuleInStrataTomlIsAConfigurationError() throws {
        #expect {
            try Linter(dialect: LintHarness(.postgresql).dialect, configuration: LintConfiguration(severities: ["prefer-txt-field": LintSeverity?.none]))
        } throws: { error in
            (error as? ConfigurationError)?.description.contains("prefer-text-field") == true
        }
    }

    @Test func theLintTableIsReadFromStrataToml() throws {
        let folder = try ScratchFolder()
        let path = folder.path("strata.toml")
        try Data("""
            [lint]
            deploy = "error"
            large_table_rows = 500000
            [lint.rules]
            ban-drop-column = "error"
            prefer-text-field = "off"
            """.utf8).write(to: URL(fileURLWithPath: path))
        let lint = try #require(try ConfigFile.read(path).lint)
        #expect(lint.deploy == .error)
        #expect(lint.largeTableRows == 500_000)
        #expect(lint.severities["ban-drop-column"] == .some(.error))
        #expect(lint.severities["prefer-text-field"] == LintSeverity?.none)
        try Data("[lint]\ndeploy = \"stop\"\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ConfigurationError.self) { try ConfigFile.read(path) }
        try Data("[lint]\nrule = {}\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ConfigurationError.self) { try ConfigFile.read(path) }
    }
}
