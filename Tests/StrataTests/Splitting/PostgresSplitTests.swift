import StrataPostgres
import Testing

extension Splitting {
    /// `PostgresDialect.split`: libpg_query's PostgreSQL 15 grammar decides.
    @Suite("PostgreSQL")
    struct PostgresSplitTests {
        static let cases = [
            "last_statement_without_semicolon",
            "trailing_comment_without_semicolon",
            "empty_statements",
            "dollar_quoted_bodies",
            "comments_only",
            "nested_block_comments",
            "line_comments_with_semicolons",
            "string_literals",
            "escape_strings",
            "create_rule_multiple_actions",
            "begin_atomic_bodies",
            "transaction_control",
            "create_index_concurrently",
            "reindex",
            "vacuum",
            "alter_type_add_value_last",
            "alter_type_add_value_not_last",
            "alter_type_add_values_only",
            "detach_partition_concurrently",
            "multibyte_before_statement",
            "syntax_error",
            "unterminated_string",
        ]

        @Test("the split matches the golden file", arguments: cases)
        func golden(_ name: String) throws {
            try SplitGolden.check(name, in: "postgres", with: PostgresDialect())
        }

        @Test("each statement is the script's text at its byte offset", arguments: cases)
        func offsets(_ name: String) throws {
            try SplitGolden.checkOffsets(name, in: "postgres", with: PostgresDialect())
        }

        @Test("every fixture is a case")
        func everyFixtureListed() throws {
            #expect(try SplitGolden.fixtureNames(in: "postgres") == Set(Self.cases))
        }
    }
}
