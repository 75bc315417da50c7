import Foundation
@testable import Strata
import StrataSQLite
import Testing

/// SQLite's table rebuild as Strata generates and runs it: foreign keys off
/// around one transaction, checked before it commits, nothing lost.
@Suite("SQLite table rebuilds")
struct SQLiteRebuildTests {
    static let tables = """
        CREATE TABLE "User" ("id" INTEGER PRIMARY KEY, "email" TEXT);
        CREATE TABLE "Post" ("id" INTEGER PRIMARY KEY, "authorId" INTEGER NOT NULL REFERENCES "User" ("id") ON DELETE CASCADE);
        CREATE TABLE "Log" ("id" INTEGER PRIMARY KEY, "note" TEXT);
        CREATE VIEW "Emails" AS SELECT "email" FROM "User";
        CREATE TRIGGER "user_updated" AFTER UPDATE ON "User" BEGIN INSERT INTO "Log" ("note") VALUES ('updated ' || NEW."id"); END;
        """

    private struct Fixture {
        let project: TestProject
        let file: URL
        let migrator: Migrator
        var url: DatabaseURL { get throws { try DatabaseURL("sqlite:" + file.path) } }

        init(rows: String) async throws {
            project = try TestProject()
            file = project.root.appendingPathComponent("app.db")
            let configuration = Configuration(url: try DatabaseURL("sqlite:" + file.path), migrationsPath: project.migrations.path)
            migrator = try Migrator(configuration: configuration, drivers: [.sqlite])
            try project.add("001_init", SQLiteRebuildTests.tables + "\n" + rows)
            try await migrator.deploy()
        }

        /// The generated migration that makes `User.email` NOT NULL (a change only a rebuild makes).
        func requiredEmailScript() async throws -> String {
            let schema = project.root.appendingPathComponent("schema.sql")
            try Data(SQLiteRebuildTests.tables.replacingOccurrences(of: "\"email\" TEXT)", with: "\"email\" TEXT NOT NULL)").utf8)
                .write(to: schema)
            let diff = try await migrator.schemaDiff(from: .database(try url), to: .sqlSchema(path: schema.path))
            return diff.script
        }

        func rows(_ sql: String) async throws -> [[String?]] {
            let database = try await DatabaseDriver.sqlite.connect(ConnectionRequest(url: try url, schema: nil, applicationName: "test"))
            let rows = try await database.query(sql).map { $0.values.map(\.string) }
            await database.close()
            return rows
        }
    }

    @Test("a rebuild keeps the rows that reference the table (ON DELETE CASCADE), its views and triggers, in one transaction")
    func rebuildKeepsEverything() async throws {
        let fixture = try await Fixture(rows: """
            INSERT INTO "User" VALUES (1, 'a@example.com'), (2, 'b@example.com');
            INSERT INTO "Post" VALUES (10, 1), (11, 1), (12, 2);
            """)
        let script = try await fixture.requiredEmailScript()
        #expect(script.contains("-- RedefineTables\nPRAGMA foreign_keys=OFF;"), "\(script)")
        #expect(script.contains("PRAGMA foreign_key_check;"))
        try fixture.project.add("002_required_email", script)
        // In the same run, on the same connection: foreign keys are enforced again after 002.
        try fixture.project.add("003_orphan", "INSERT INTO \"Post\" VALUES (13, 999);")
        let error = await #expect(throws: MigrationFailedError.self) { try await fixture.migrator.deploy() }
        #expect(error?.migration == "003_orphan")
        #expect(error?.databaseError.message.contains("FOREIGN KEY constraint failed") == true)

        let status = try await fixture.migrator.status()
        #expect(status.migrations.first { $0.name == "002_required_email" }?.state == .applied)
        #expect(try await fixture.rows("SELECT \"id\", \"authorId\" FROM \"Post\" ORDER BY \"id\"") == [["10", "1"], ["11", "1"], ["12", "2"]])
        #expect(try await fixture.rows("SELECT \"email\" FROM \"Emails\" ORDER BY 1") == [["a@example.com"], ["b@example.com"]])
        #expect(try await fixture.rows("SELECT \"notnull\" FROM pragma_table_info('User') WHERE name = 'email'") == [["1"]])
        #expect(try await fixture.rows("SELECT name FROM sqlite_schema WHERE type = 'trigger'") == [["user_updated"]])
        #expect(try await fixture.rows("SELECT name FROM sqlite_schema WHERE name LIKE 'new_%'") == [])
    }

    @Test("a rebuild that fails (a NULL where NOT NULL now stands) changes nothing and records the failure")
    func failedRebuildChangesNothing() async throws {
        let fixture = try await Fixture(rows: """
            INSERT INTO "User" VALUES (1, NULL);
            INSERT INTO "Post" VALUES (10, 1);
            """)
        try fixture.project.add("002_required_email", try await fixture.requiredEmailScript())
        let error = await #expect(throws: MigrationFailedError.self) { try await fixture.migrator.deploy() }
        #expect(error?.transactional == true)
        #expect(error?.databaseError.message.contains("NOT NULL constraint failed") == true)
        #expect(try await fixture.rows("SELECT \"notnull\" FROM pragma_table_info('User') WHERE name = 'email'") == [["0"]])
        #expect(try await fixture.rows("SELECT name FROM sqlite_schema WHERE name LIKE 'new_%'") == [])
        #expect(try await fixture.rows("SELECT \"id\" FROM \"Post\"") == [["10"]])
        #expect(try await fixture.rows("SELECT name FROM sqlite_schema WHERE type IN ('view', 'trigger') ORDER BY 1") == [["Emails"], ["user_updated"]])
    }

    @Test("PRAGMA foreign_key_check in a migration fails it when a key points at nothing, at its line")
    func foreignKeyCheckFails() async throws {
        let fixture = try await Fixture(rows: "INSERT INTO \"User\" VALUES (1, 'a@example.com');")
        try fixture.project.add("002_orphan", """
            PRAGMA foreign_keys = OFF;
            INSERT INTO "Post" VALUES (10, 12345);
            PRAGMA foreign_key_check;
            PRAGMA foreign_keys = ON;
            """)
        let error = await #expect(throws: MigrationFailedError.self) { try await fixture.migrator.deploy() }
        #expect(error?.location.line == 3)
        #expect(error?.transactional == true)
        #expect(error?.databaseError.message.contains("1 row breaks a foreign key (row 10 of \"Post\" references a missing row of \"User\")") == true,
                "\(String(describing: error?.databaseError.message))")
        #expect(try await fixture.rows("SELECT count(*) FROM \"Post\"") == [["0"]])
    }

    @Test("PRAGMA foreign_keys between other statements runs the file statement by statement, saying why")
    func pragmaInTheMiddle() async throws {
        let fixture = try await Fixture(rows: "")
        try fixture.project.add("002_middle", """
            INSERT INTO "User" VALUES (1, 'a@example.com');
            PRAGMA foreign_keys = OFF;
            INSERT INTO "User" VALUES (2, 'b@example.com');
            """)
        let report = try await fixture.migrator.deploy()
        let run = try #require(report.applied.first)
        #expect(run.execution == .statements)
        #expect(run.reasonWithoutTransaction == "PRAGMA foreign_keys has no effect inside a transaction and is not at the start or end of the file (line 2)")
    }
}
