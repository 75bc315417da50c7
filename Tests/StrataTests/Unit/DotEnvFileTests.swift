import Foundation
@testable import Strata
import Testing

extension Unit {
    /// `.env` files: the subset of the format people actually write.
    @Suite("DotEnvFile")
    struct DotEnvFileTests {
        func parse(_ text: String) throws -> [String: String] {
            try DotEnvFile.parse(text, path: ".env")
        }

        static let sample = """
            # a comment

            DATABASE_URL=postgres://localhost/app
            export STRATA_ENV=production
              SPACED = value with spaces  \t
            EMPTY=
            """
        static let sampleVariables = [
            "DATABASE_URL": "postgres://localhost/app", "STRATA_ENV": "production",
            "SPACED": "value with spaces", "EMPTY": "",
        ]

        @Test("KEY=value lines, export, comments and blank lines")
        func basics() throws {
            #expect(try parse(Self.sample) == Self.sampleVariables)
        }

        @Test("a file with CRLF line endings reads the same")
        func crlf() throws {
            let variables = try parse(Self.sample.replacingOccurrences(of: "\n", with: "\r\n"))
            #expect(variables == Self.sampleVariables)
        }

        @Test("single quotes are literal; double quotes know \\n, \\t, \\\" and \\\\")
        func quoting() throws {
            let variables = try parse(#"""
                SINGLE='a\nb # not a comment'
                DOUBLE="line1\nline2\t\"quoted\" back\\slash"
                """#)
            #expect(variables["SINGLE"] == #"a\nb # not a comment"#)
            #expect(variables["DOUBLE"] == "line1\nline2\t\"quoted\" back\\slash")
        }

        @Test("an unquoted value ends at ' #'; a '#' inside a word stays")
        func inlineComments() throws {
            let variables = try parse("A=value # comment\nB=pass#word\n")
            #expect(variables["A"] == "value")
            #expect(variables["B"] == "pass#word")
        }

        @Test("a comment after a quoted value is not part of the value")
        func commentAfterQuotes() throws {
            let variables = try parse("A='value' # comment\nB=\"value\" # comment\n")
            #expect(variables["A"] == "value")
            #expect(variables["B"] == "value")
        }

        @Test("the last assignment of a key wins")
        func lastWins() throws {
            #expect(try parse("A=1\nA=2\n")["A"] == "2")
        }

        @Test("a line without '=' or with a bad name is an error with its line", arguments: [
            ("A=1\nJUST WORDS\n", ".env:2:"), ("A=1\n\nBAD-NAME=1\n", ".env:3:"), ("=value\n", ".env:1:"),
        ])
        func errors(_ text: String, place: String) {
            let error = #expect(throws: ConfigurationError.self) { try parse(text) }
            #expect(error?.summary.hasPrefix(place) == true, "\(String(describing: error))")
        }

        @Test("a missing file reads as no variables")
        func missingFile() throws {
            #expect(try DotEnvFile.read("/nonexistent/strata-\(UInt64.random(in: 0...UInt64.max))/.env").isEmpty)
        }
    }
}
