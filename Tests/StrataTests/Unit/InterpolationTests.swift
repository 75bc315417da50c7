@testable import Strata
import Testing

extension Unit {
    /// `${VAR}` and `${VAR:-default}` in strata.toml values.
    @Suite("Interpolation")
    struct InterpolationTests {
        func expand(_ text: String, _ variables: [String: String] = [:]) throws -> String {
            try Interpolation.expand(text, variables: variables, setting: "strata.toml: environments.production.url")
        }

        @Test("references are replaced by their values", arguments: [
            ("plain text", "plain text"),
            ("${HOST}", "db.internal"),
            ("postgres://${USER}@${HOST}/app", "postgres://deploy@db.internal/app"),
            ("${EMPTY}", ""),
            ("${HOST:-localhost}", "db.internal"),
            ("${UNSET:-localhost}", "localhost"),
            ("${EMPTY:-fallback}", "fallback"),
            ("${UNSET:-}", ""),
            ("${UNSET:-a:-b}", "a:-b"),
            ("price $$5 and $HOST", "price $5 and $HOST"),
            ("${HOST", "${HOST"),
            ("tail $", "tail $"),
        ])
        func expands(_ text: String, expected: String) throws {
            let variables = ["HOST": "db.internal", "USER": "deploy", "EMPTY": ""]
            #expect(try expand(text, variables) == expected)
        }

        @Test("an unset variable without a default is an error naming it and the setting")
        func unset() {
            let error = #expect(throws: ConfigurationError.self) { try expand("postgres://${DB_HOST}/app") }
            #expect(error?.summary == "strata.toml: environments.production.url uses ${DB_HOST}, which is not set")
            #expect(error?.nextStep?.contains("${DB_HOST:-default}") == true)
        }

        @Test("a reference that is not a variable name is an error", arguments: ["${}", "${A-B}", "${:-x}", "${A B}"])
        func notAName(_ text: String) {
            #expect(throws: ConfigurationError.self) { try expand(text, ["A": "1"]) }
        }
    }
}
