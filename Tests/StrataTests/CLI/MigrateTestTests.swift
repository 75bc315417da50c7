import Foundation
import Strata
import Testing

/// `migrate test`: every down.sql tried on a shadow database, through the built binary.
@Suite("migrate test")
struct MigrateTestTests {
    @Test("down.sql that restores its schema passes; one that leaves an index, or fails, is exit 1 naming it", arguments: Backend.allCases)
    func rollbacks(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let url = ["--url", database.url]
            try project.add("001_users", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);", down: "DROP TABLE users;")
            try project.add("002_seed", "INSERT INTO users (id, email) VALUES (1, 'a@example.com');")
            try project.add("003_name", "ALTER TABLE users ADD COLUMN name TEXT;", down: "ALTER TABLE users DROP COLUMN name;")
            _ = try await CLI.run(["migrate", "hash"], in: project.root)

            let passing = try await CLI.run(["migrate", "test"] + url, in: project.root)
            #expect(passing.status == 0, "\(passing.output)")
            #expect(passing.stdout.contains("✔ 001_users"), "\(passing.stdout)")
            #expect(passing.stdout.contains("- 002_seed  no down.sql"))
            #expect(passing.stdout.contains("Every down.sql restores its schema (2 tested, 1 without one)."))

            // IF NOT EXISTS: applied again after its useless down.sql, 004 goes on to 005.
            try project.add("004_index", "CREATE INDEX IF NOT EXISTS users_email_idx ON users (email);", down: "SELECT 1;")
            try project.add("005_posts", "CREATE TABLE posts (id INTEGER PRIMARY KEY);", down: "DROP TABLE no_such_table;")
            try project.add("006_tags", "CREATE TABLE tags (id INTEGER PRIMARY KEY);", down: "DROP TABLE tags;")
            _ = try await CLI.run(["migrate", "hash"], in: project.root)
            let failing = try await CLI.run(["migrate", "test"] + url, in: project.root)
            #expect(failing.status == 1, "\(failing.output)")
            #expect(failing.stdout.contains("✘ 004_index"), "\(failing.stdout)")
            #expect(failing.stdout.contains("after down.sql the schema still differs from the one before the migration:"))
            #expect(failing.stdout.contains("+ index users_email_idx on users"), "\(failing.stdout)")
            #expect(failing.stdout.contains("✘ 005_posts"))
            #expect(failing.stdout.contains("down.sql fails: "), "\(failing.stdout)")
            #expect(failing.stdout.contains("005_posts/down.sql:1"))
            // 005 cannot be applied again over the table its down.sql left: 006 is not reached.
            #expect(failing.stdout.contains("after down.sql the migration cannot be applied again"))
            #expect(!failing.stdout.contains("006_tags"))
            #expect(failing.stdout.contains("2 of the 4 down.sql files tested do not restore the schema. The last could not be applied again, so 1 later migration went untested."))

            let json = try await CLI.run(["migrate", "test", "--json"] + url, in: project.root)
            #expect(json.status == 1)
            #expect(json.stdout.contains("\"outcome\" : \"not_restored\""), "\(json.stdout)")
            #expect(json.stdout.contains("\"outcome\" : \"reapply_failed\""))

            // The configured database was not touched.
            let status = try await CLI.run(["migrate", "status"] + url, in: project.root)
            #expect(status.status == 2, "all six are still pending: \(status.output)")
        }
    }
}
