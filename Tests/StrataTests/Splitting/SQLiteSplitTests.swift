import StrataSQLite
import Testing

extension Splitting {
    /// `SQLiteDialect.split`: Strata's own lexer, following SQLite's tokenizer.
    @Suite("SQLite")
    struct SQLiteSplitTests {
        static let cases = [
            "last_statement_without_semicolon",
            "trigger_with_body",
            "trigger_with_case",
            "quotes",
            "comments",
            "block_comments_do_not_nest",
            "transaction_control",
            "vacuum",
            "pragma",
            "multibyte_before_statement",
            "unterminated_string",
            "unterminated_identifier",
        ]

        @Test("the split matches the golden file", arguments: cases)
        func golden(_ name: String) throws {
            try SplitGolden.check(name, in: "sqlite", with: SQLiteDialect())
        }

        @Test("each statement is the script's text at its byte offset", arguments: cases)
        func offsets(_ name: String) throws {
            try SplitGolden.checkOffsets(name, in: "sqlite", with: SQLiteDialect())
        }

        @Test("every fixture is a case")
        func everyFixtureListed() throws {
            #expect(try SplitGolden.fixtureNames(in: "sqlite") == Set(Self.cases))
        }
    }
}
