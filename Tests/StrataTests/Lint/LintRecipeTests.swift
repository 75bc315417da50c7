import Foundation
@testable import Strata
import StrataPostgres
import Testing

@Suite("Lint findings name the recipe that makes the change safe")
struct LintRecipeTests {
    private var postgres: LintHarness {
        var harness = LintHarness(.postgresql)
        harness.offersRecipes = true
        return harness
    }

    @Test("every rule that documents a recipe names it on one of its firing examples")
    func everyDocumentedRecipeIsOffered() throws {
        let rules = Linter.allRules(for: PostgresDialect()).map(\.info).filter { $0.recipe != nil }
        #expect(rules.count >= 8)
        for info in rules {
            let recipe = try #require(info.recipe)
            var offered: [String] = []
            for example in info.examples where example.fires && example.dialect == .postgresql {
                var harness = postgres
                if example.statementLockTimeoutOff { harness.statementLockTimeout = nil }
                harness.statistics = LintHarness.sized(1_000_000, "users", "orders", "accounts", "posts")
                offered += try harness.findings(example.sql, after: example.before).filter { $0.rule == info.id }.compactMap(\.recipe)
            }
            #expect(offered.contains { $0.hasPrefix("strata migrate new --recipe \(recipe.rawValue) ") }, "\(info.id) offers no \(recipe.rawValue) recipe: \(offered)")
        }
    }

    @Test("the command carries what the statement says, quoted for the shell")
    func commandCarriesTheStatement() throws {
        let rename = try postgres.findings(
            "ALTER TABLE users RENAME COLUMN name TO full_name;", after: ["CREATE TABLE users (id int, name varchar(80));"])
        #expect(rename.first?.recipe == "strata migrate new --recipe rename-column --table users --column name --to full_name --type varchar(80)"
            || rename.first?.recipe == "strata migrate new --recipe rename-column --table users --column name --to full_name --type \"varchar(80)\"")

        let foreignKey = try postgres.findings(
            "ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES accounts (id);",
            after: ["CREATE TABLE accounts (id int PRIMARY KEY);", "CREATE TABLE posts (id int, author_id int);"])
        let command = try #require(foreignKey.first { $0.rule == "foreign-key-without-not-valid" }?.recipe)
        #expect(command == "strata migrate new --recipe add-foreign-key --table posts --columns author_id --references \"accounts(<column>)\" --constraint-name posts_author_fk")
    }

    @Test("a complete request from a finding is one the PostgreSQL recipe writer accepts")
    func completeRequestsWrite() throws {
        var harness = postgres
        harness.statistics = LintHarness.sized(1_000_000, "orders")
        let findings = try harness.findings(
            "CREATE INDEX orders_placed_idx ON orders (placed_at);", after: ["CREATE TABLE orders (id int, placed_at timestamptz);"])
        let finding = try #require(findings.first { $0.rule == "require-concurrent-index-creation" })
        #expect(finding.recipe == "strata migrate new --recipe add-index --table orders --columns placed_at --constraint-name orders_placed_idx")
        let writer = try #require(DatabaseDriver.postgres.recipeWriter)
        let request = RecipeRequest(recipe: .addIndex, table: TableReference(name: "orders"), columns: ["placed_at"], name: "orders_placed_idx")
        #expect(request.commandLine == finding.recipe)
        let steps = try writer.steps(for: request)
        #expect(!steps.isEmpty)
    }

    @Test("without a recipe writer (SQLite) no finding names one")
    func noRecipesWithoutAWriter() throws {
        let findings = try LintHarness(.sqlite).findings(
            "ALTER TABLE \"users\" RENAME COLUMN \"name\" TO \"full_name\";", after: ["CREATE TABLE users (id INTEGER, name TEXT);"])
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0.recipe == nil })
    }
}
