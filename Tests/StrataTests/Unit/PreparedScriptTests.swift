import Foundation
@testable import Strata
import StrataPostgres
import StrataSQLite
import Testing

/// The two real dialects, as test arguments.
enum RealDialect: String, CaseIterable, CustomTestStringConvertible {
    case postgres, sqlite

    var dialect: any Dialect {
        switch self {
        case .postgres: PostgresDialect()
        case .sqlite: SQLiteDialect()
        }
    }

    var testDescription: String { rawValue }
}

extension Unit {
    /// Whether a script runs in a transaction, decided before anything runs.
    @Suite("PreparedScript")
    struct PreparedScriptTests {
        static let path = "migrations/001_x/migration.sql"

        func prepare(_ sql: String, _ dialect: any Dialect) throws -> PreparedScript {
            let script = try MigrationScript(path: Self.path, data: Data(sql.utf8))
            return try PreparedScript(
                migration: Migration(name: "001_x", up: script, down: nil), script: script, dialect: dialect)
        }

        @Test("plain DDL runs in one transaction", arguments: RealDialect.allCases)
        func plain(_ real: RealDialect) throws {
            let prepared = try prepare("CREATE TABLE t (id integer);\nINSERT INTO t VALUES (1);\n", real.dialect)
            #expect(prepared.execution == .transaction)
            #expect(prepared.reasonWithoutTransaction == nil)
            #expect(prepared.statements.count == 2)
        }

        @Test("`-- strata:transaction off` runs statement by statement", arguments: RealDialect.allCases)
        func directiveOff(_ real: RealDialect) throws {
            let prepared = try prepare("-- strata:transaction off\nCREATE TABLE t (id integer);\n", real.dialect)
            #expect(prepared.execution == .statements)
            #expect(prepared.reasonWithoutTransaction == "`-- strata:transaction off`")
        }

        @Test("`-- strata:transaction on` runs in a transaction what the parser cannot read (syntax newer than its grammar)")
        func directiveOn() throws {
            // JSON_TABLE came with PostgreSQL 17; the parser speaks PostgreSQL 15's grammar.
            let newer = "SELECT * FROM JSON_TABLE('[1]', '$[*]' COLUMNS (a int PATH '$'));\nCREATE TABLE t (id integer);\n"
            #expect(throws: MigrationFileError.self) { try prepare(newer, PostgresDialect()) }
            let prepared = try prepare("-- strata:transaction on\n" + newer, PostgresDialect())
            #expect(prepared.execution == .transaction)
            #expect(prepared.statements.count == 2)
        }

        @Test("a script with its own BEGIN/COMMIT runs without Strata's transaction", arguments: RealDialect.allCases)
        func ownTransaction(_ real: RealDialect) throws {
            let prepared = try prepare("CREATE TABLE a (id integer);\nBEGIN;\nCREATE TABLE t (id integer);\nCOMMIT;\n", real.dialect)
            #expect(prepared.execution == .statements)
            #expect(prepared.reasonWithoutTransaction == "it manages its own transaction (line 2)")
        }

        @Test("CREATE INDEX CONCURRENTLY runs without a transaction, and says which line")
        func concurrentIndex() throws {
            let prepared = try prepare(
                "CREATE TABLE t (x int);\n\nCREATE INDEX CONCURRENTLY t_x ON t (x);\n", PostgresDialect())
            #expect(prepared.execution == .statements)
            #expect(prepared.reasonWithoutTransaction == "CREATE INDEX CONCURRENTLY cannot run inside a transaction block (line 3)")
        }

        @Test("VACUUM runs without a transaction on SQLite")
        func sqliteVacuum() throws {
            let prepared = try prepare("DELETE FROM t;\nVACUUM;\n", SQLiteDialect())
            #expect(prepared.execution == .statements)
            #expect(prepared.reasonWithoutTransaction?.contains("VACUUM") == true)
        }

        @Test("keywords in comments, strings and function bodies change nothing (PostgreSQL)")
        func postgresKeywordsInside() throws {
            let prepared = try prepare("""
                -- BEGIN; VACUUM; CREATE INDEX CONCURRENTLY i ON t (x);
                /* COMMIT; */
                CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    EXECUTE 'VACUUM';
                    COMMIT;
                END
                $$;
                SELECT 'CREATE INDEX CONCURRENTLY i ON t (x); BEGIN;' AS text;
                CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;
                """, PostgresDialect())
            #expect(prepared.execution == .transaction)
            #expect(prepared.statements.count == 3)
        }

        @Test("keywords in comments, strings and trigger bodies change nothing (SQLite)")
        func sqliteKeywordsInside() throws {
            let prepared = try prepare("""
                -- BEGIN; VACUUM;
                /* COMMIT; */
                CREATE TRIGGER t_touch AFTER UPDATE ON t BEGIN
                    UPDATE t SET note = 'BEGIN; VACUUM; COMMIT;' WHERE id = NEW.id;
                END;
                SELECT 'ROLLBACK;';
                """, SQLiteDialect())
            #expect(prepared.execution == .transaction)
            #expect(prepared.statements.count == 2)
        }

        @Test("`-- strata:transaction on` with CREATE INDEX CONCURRENTLY is an error at the statement")
        func onContradictsConcurrentIndex() throws {
            let error = #expect(throws: MigrationFileError.self) {
                try prepare("-- strata:transaction on\nCREATE TABLE t (x int);\n  CREATE INDEX CONCURRENTLY t_x ON t (x);\n", PostgresDialect())
            }
            #expect(error?.path == Self.path)
            #expect(error?.location == SourceLocation(line: 3, column: 3))
            #expect(error?.problem.contains("CREATE INDEX CONCURRENTLY") == true)
        }

        @Test("`-- strata:transaction on` with a hand-written BEGIN is an error", arguments: RealDialect.allCases)
        func onContradictsBegin(_ real: RealDialect) throws {
            let error = #expect(throws: MigrationFileError.self) {
                try prepare("-- strata:transaction on\nBEGIN;\nCREATE TABLE t (x int);\nCOMMIT;\n", real.dialect)
            }
            #expect(error?.location == SourceLocation(line: 2, column: 1))
            #expect(error?.problem.contains("BEGIN manages its own transaction") == true)
        }

        @Test("a PostgreSQL syntax error is a MigrationFileError at its line and column, counted in characters")
        func syntaxError() throws {
            let error = #expect(throws: MigrationFileError.self) {
                try prepare("SELECT 'é☃';\nSELECT 'ü' FROM WHERE;\n", PostgresDialect())
            }
            #expect(error?.location == SourceLocation(line: 2, column: 17))
            #expect(error?.problem.hasPrefix("PostgreSQL cannot parse this:") == true)
            // Fixing the SQL comes first; the directive is the second option.
            let next = try #require(error?.nextStep)
            #expect(next.hasPrefix("fix the SQL at line 2; nothing was applied"), "\(next)")
            let directive = try #require(next.range(of: "-- strata:transaction"))
            #expect(next.range(of: "fix the SQL")!.lowerBound < directive.lowerBound)
        }

        @Test("syntax newer than the PostgreSQL 15 grammar is refused, with a hint to use a directive")
        func newerSyntax() throws {
            let sql = "CREATE TABLE a (id int);\nMERGE INTO a USING b ON true WHEN MATCHED THEN DELETE RETURNING *;\n"
            let error = #expect(throws: MigrationFileError.self) { try prepare(sql, PostgresDialect()) }
            #expect(error?.location?.line == 2)
            #expect(error?.nextStep?.contains("-- strata:transaction") == true)
            let prepared = try prepare("-- strata:transaction off\n" + sql, PostgresDialect())
            #expect(prepared.execution == .statements)
            #expect(prepared.statements.map(\.sql) == [
                "CREATE TABLE a (id int)", "MERGE INTO a USING b ON true WHEN MATCHED THEN DELETE RETURNING *",
            ])
            #expect(prepared.statements.map { prepared.location(of: $0).line } == [2, 3])
        }

        @Test("an unterminated SQLite string is a MigrationFileError at the quote")
        func sqliteUnterminated() throws {
            let error = #expect(throws: MigrationFileError.self) {
                try prepare("SELECT 1;\nSELECT 'é', 'open;\n", SQLiteDialect())
            }
            #expect(error?.location == SourceLocation(line: 2, column: 13))
        }

        @Test("an SQLite statement cut short points at the token SQLite stopped at, with or without the file's semicolon")
        func sqliteCutShort() throws {
            for (sql, column) in [("SELECT 1;\nUPDATE t SET a = ;\n", 18), ("SELECT 1;\nINSERT INTO t VALUES (1,", 25)] {
                let error = #expect(throws: MigrationFileError.self) { try prepare(sql, SQLiteDialect()) }
                #expect(error?.location == SourceLocation(line: 2, column: column), "\(sql)")
                #expect(error?.problem.contains("syntax error") == true, "\(error?.problem ?? "")")
            }
        }

        @Test("a byte-order mark is not part of the SQL, and locations do not count it")
        func byteOrderMark() throws {
            let prepared = try prepare("\u{FEFF}SELECT 1;\nSELECT 2;\n", SQLiteDialect())
            #expect(prepared.statements.map(\.sql) == ["SELECT 1", "SELECT 2"])
            #expect(prepared.location(of: prepared.statements[0]) == SourceLocation(line: 1, column: 1))
        }

        @Test("a database's character position maps to the file, past multi-byte characters")
        func characterPosition() throws {
            let prepared = try prepare("SELECT 1;\n  SELECT 'é☃😀', bogus;\n", PostgresDialect())
            let statement = prepared.statements[1]
            #expect(prepared.location(of: statement) == SourceLocation(line: 2, column: 3))
            // `bogus` is character 15 of the statement as sent.
            #expect(prepared.location(of: statement, characterPosition: 15) == SourceLocation(line: 2, column: 17))
            #expect(prepared.location(of: statement, characterPosition: 0) == SourceLocation(line: 2, column: 3))
        }
    }
}
