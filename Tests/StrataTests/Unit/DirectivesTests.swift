import Foundation
@testable import Strata
import Testing

extension Unit {
    /// `-- strata:` directives in a script's leading comments.
    @Suite("Directives")
    struct DirectivesTests {
        func parse(_ text: String) throws -> Directives {
            try Directives.parse(text, path: "migrations/001_x/migration.sql")
        }

        @Test("transaction on and off", arguments: [
            ("-- strata:transaction off\nCREATE INDEX CONCURRENTLY i ON t (x);", false),
            ("-- strata:transaction on\nCREATE TABLE t (id int);", true),
            ("--strata:transaction off\nSELECT 1;", false),
            ("-- strata: transaction   on  \nSELECT 1;", true),
            ("-- strata:transaction off\n-- strata:transaction off\nSELECT 1;", false),
        ])
        func transaction(_ text: String, expected: Bool) throws {
            #expect(try parse(text).transaction == expected)
        }

        @Test("no directive leaves the decision to Strata")
        func none() throws {
            #expect(try parse("-- an ordinary comment\nCREATE TABLE t (id int);").transaction == nil)
            #expect(try parse("").transaction == nil)
        }

        @Test("directives may follow other comments and block comments")
        func afterComments() throws {
            let text = """
                -- Adds an index without locking writes.

                /* A block comment
                   -- strata:bogus inside it is not a directive */
                /* one */ /* two */
                -- strata:transaction off
                CREATE INDEX CONCURRENTLY i ON t (x);
                """
            #expect(try parse(text).transaction == false)
        }

        @Test("only the leading comments hold directives")
        func onlyLeading() throws {
            let text = "CREATE TABLE t (id int);\n-- strata:transaction off\n-- strata:bogus\n"
            #expect(try parse(text).transaction == nil)
            #expect(try parse("SELECT 1; -- strata:transaction off\n").transaction == nil)
        }

        @Test("an unknown directive is an error with its line")
        func unknown() {
            let error = #expect(throws: MigrationFileError.self) {
                try parse("-- Creates the table.\n\n-- strata:transactions off\nCREATE TABLE t (id int);")
            }
            #expect(error?.location == SourceLocation(line: 3, column: 1))
            #expect(error?.problem.contains("strata:transactions") == true)
            #expect(error?.path == "migrations/001_x/migration.sql")
        }

        @Test("a bad or missing value, a bare `strata:` and contradicting directives are errors", arguments: [
            ("-- strata:transaction maybe", 1), ("-- x\n-- strata:transaction", 2), ("-- strata:transaction off now", 1),
            ("-- strata:", 1), ("-- strata:transaction on\n-- strata:transaction off", 2),
        ])
        func badValue(_ text: String, line: Int) {
            let error = #expect(throws: MigrationFileError.self) { try parse(text + "\nSELECT 1;") }
            #expect(error?.location?.line == line)
        }

        @Test("CRLF line endings change nothing", arguments: [
            "--strata:transaction off\r\nSELECT 1;\r\n",
            "-- Adds an index.\r\n-- strata:transaction off\r\nSELECT 1;\r\n",
        ])
        func crlf(_ text: String) throws {
            let directives = try parse(text)
            #expect(directives.transaction == false)
        }

        @Test("a byte-order mark does not hide the directive")
        func byteOrderMark() throws {
            let data = Data("\u{FEFF}-- strata:transaction off\nCREATE INDEX CONCURRENTLY i ON t (x);\n".utf8)
            let script = try MigrationScript(path: "migration.sql", data: data)
            #expect(script.directives.transaction == false)
        }
    }
}
