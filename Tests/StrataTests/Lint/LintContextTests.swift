import Foundation
@testable import Strata
import Testing

/// What makes the linter precise: the run's own objects, live sizes, comments and bodies, transactions.
@Suite("Lint context")
struct LintContextTests {
    let existingUsers = ["CREATE TABLE users (id bigint PRIMARY KEY, email text);"]

    func rules(_ findings: [LintFinding]) -> [String] { findings.map(\.rule) }

    @Test func anIndexOnATableAnEarlierPendingMigrationCreatedIsNotALockingProblem() throws {
        var harness = LintHarness(.postgresql)
        harness.oneRun = true
        let sql = "CREATE INDEX users_email ON users (email);"
        #expect(try harness.findings(sql, after: existingUsers).isEmpty)
        harness.oneRun = false
        #expect(rules(try harness.findings(sql, after: existingUsers)) == ["require-concurrent-index-creation"])
    }

    @Test func withoutSizesALockingFindingIsAdviceAndSaysWhy() throws {
        let finding = try #require(try LintHarness(.postgresql).findings("CREATE INDEX users_email ON users (email);", after: existingUsers).first)
        #expect(finding.severity == .info)
        #expect(finding.sizeUnknown)
        #expect(finding.size == nil)
    }

    @Test(arguments: [(200.0, LintSeverity.info), (50_000, .warning), (12_000_000, .error)])
    func theTableSizeDecidesHowBadABlockingIndexBuildIs(rows: Double, severity: LintSeverity) throws {
        var harness = LintHarness(.postgresql)
        harness.statistics = LintHarness.sized(rows, "users")
        let finding = try #require(try harness.findings("CREATE INDEX users_email ON users (email);", after: existingUsers).first)
        #expect(finding.severity == severity)
        #expect(finding.size?.hasPrefix("users: ") == true)
        #expect(!finding.sizeUnknown)
    }

    @Test func configuredThresholdsMoveTheLines() throws {
        var harness = LintHarness(.postgresql)
        harness.statistics = LintHarness.sized(200, "users")
        harness.configuration.largeTableRows = 100
        #expect(try harness.findings("CREATE INDEX users_email ON users (email);", after: existingUsers).first?.severity == .error)
    }

    @Test func textInCommentsStringsAndFunctionBodiesIsNeverAStatement() throws {
        let sql = """
            -- DROP TABLE users;
            /* ALTER TABLE users DROP COLUMN email; */
            SELECT 'TRUNCATE users';
            CREATE FUNCTION purge() RETURNS void LANGUAGE plpgsql AS $$ BEGIN DELETE FROM users; DROP TABLE users; END $$;
            """
        #expect(try LintHarness(.postgresql).findings(sql, after: existingUsers).filter { $0.severity > .info }.isEmpty)
    }

    @Test func aForeignKeyFromANewTableToAnExistingOneIsNotFlagged() throws {
        let sql = """
            CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint);
            ALTER TABLE posts ADD CONSTRAINT posts_user_fkey FOREIGN KEY (user_id) REFERENCES users (id);
            CREATE INDEX posts_user_idx ON posts (user_id);
            """
        var harness = LintHarness(.postgresql)
        harness.statistics = LintHarness.sized(12_000_000, "users")
        #expect(try harness.findings(sql, after: existingUsers).isEmpty)
    }

    @Test func aStatementStrataRunsOutsideATransactionIsJudgedSo() throws {
        let index = "CREATE INDEX CONCURRENTLY users_email ON users (email);"
        #expect(try LintHarness(.postgresql).findings(index, after: existingUsers).isEmpty)
        #expect(rules(try LintHarness(.postgresql).findings("-- strata:transaction on\n" + index, after: existingUsers)) == ["concurrently-in-transaction"])
        #expect(rules(try LintHarness(.postgresql).findings("BEGIN;\n\(index)\nCOMMIT;", after: existingUsers)) == ["concurrently-in-transaction"])
    }

    @Test func aFindingPointsAtTheClauseWithItsLine() throws {
        let sql = "SELECT 1;\n\nALTER TABLE users\n  ADD COLUMN role text NOT NULL;"
        let finding = try #require(try LintHarness(.postgresql).findings(sql, after: existingUsers).first)
        #expect(finding.rule == "adding-required-column")
        #expect((finding.line, finding.column) == (4, 14))
        #expect(finding.sourceLine == "  ADD COLUMN role text NOT NULL;")
        #expect(finding.statementLine == 3)
    }

    @Test func psqlMetaCommandsAreSkippedWithANote() throws {
        let report = try LintHarness(.postgresql).report("\\echo Use \"CREATE EXTENSION x\" to load this file. \\quit\nCREATE TABLE t (id int);\n")
        #expect(report.findings.allSatisfy { $0.rule != Linter.syntaxErrorRule })
        #expect(report.notes.count == 1)
        #expect(report.notes.first?.contains("line 1") == true)
    }

    @Test func aScriptThatDoesNotParseIsAnErrorFindingAtItsLine() throws {
        let findings = try LintHarness(.postgresql).findings("CREATE TABLE t (id int);\nCREATE TABLE (;\n")
        #expect(findings.map(\.rule) == [Linter.syntaxErrorRule])
        #expect(findings.first?.line == 2)
        #expect(findings.first?.severity == .error)
    }

    @Test func theLockReportNamesEachStatementsLock() throws {
        let report = try LintHarness(.postgresql).report(
            "CREATE INDEX users_email ON users (email);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;", after: existingUsers)
        let locks = report.statements.suffix(2).map { $0.locks.map { "\($0.mode) \($0.effect) \($0.relation)" } }
        #expect(locks == [["SHARE scan users"], ["ACCESS EXCLUSIVE scan users"]])
    }
}
