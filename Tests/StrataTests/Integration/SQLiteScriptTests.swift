import Foundation
import Strata
import StrataSQLite
import Testing

/// SQLite scripts read and run as the sqlite3 shell would, on real files.
@Suite("SQLite scripts")
struct SQLiteScriptTests {
    private func migrator(_ project: TestProject, file: URL) throws -> Migrator {
        let configuration = Configuration(url: try DatabaseURL("sqlite:" + file.path), migrationsPath: project.migrations.path)
        return try Migrator(configuration: configuration, drivers: [.sqlite])
    }

    private func rows(_ file: URL, _ sql: String) async throws -> [[String?]] {
        let database = try await DatabaseDriver.sqlite.connect(ConnectionRequest(url: try DatabaseURL("sqlite:" + file.path), schema: nil, applicationName: "test"))
        defer { Task { await database.close() } }
        return try await database.query(sql).map { $0.values.map(\.string) }
    }

    @Test("double-quoted strings are literals where no such column exists, as in the sqlite3 shell")
    func doubleQuotedLiterals() async throws {
        let project = try TestProject()
        // The shapes real Prisma SQLite histories use.
        try project.add("001_init", """
            CREATE TABLE "config" ("id" INTEGER PRIMARY KEY, "category" TEXT NOT NULL DEFAULT "general", "label" TEXT);
            INSERT INTO "config" ("label") VALUES ("a");
            """)
        try project.add("002_move", """
            UPDATE "config" SET "category" = "internal" WHERE "label" = "a";
            INSERT INTO "config" ("category", "label") SELECT "x", "label" FROM "config";
            """)
        let file = project.root.appendingPathComponent("app.db")
        try await migrator(project, file: file).deploy()
        #expect(try await rows(file, "SELECT category, label FROM config ORDER BY id") == [["internal", "a"], ["x", "a"]])
        // A double-quoted name that is a column stays a column.
        #expect(try await rows(file, "SELECT \"label\" FROM config WHERE id = 1") == [["a"]])
    }

    @Test("a syntax error in any pending migration is exit 1 at line and column, before a file, table or row exists")
    func syntaxErrorBeforeAnything() async throws {
        let project = try TestProject()
        try project.add("001_fine", "CREATE TABLE fine (id INTEGER);")
        try project.add("002_typo", "-- naïve café\nINSERT INTO fine VALUES (1);\nCREATE TABLE t (\n  id INTEGER,\n  name TEXT DEFAULT 'x' NOT NUL\n);")
        let file = project.root.appendingPathComponent("app.db")
        let migrator = try migrator(project, file: file)
        for dryRun in [true, false] {
            let error = await #expect(throws: MigrationFileError.self) { try await migrator.deploy(DeployOptions(dryRun: dryRun)) }
            #expect(error?.location?.line == 5)
            #expect(error?.location?.column == 29)
            #expect(error?.exitStatus == .failure)
            #expect(error?.description.contains("near \"NUL\": syntax error") == true)
        }
        await #expect(throws: MigrationFileError.self) { try await migrator.reset(ResetOptions(force: true)) }
        #expect(!FileManager.default.fileExists(atPath: file.path))

        // With 001 applied, the broken 002 adds nothing: no table, no history row.
        try project.edit("002_typo", "SELECT 1;")
        try await migrator.deploy(DeployOptions(target: "001_fine"))
        try project.edit("002_typo", "INSERT INTO fine VALUES (1);\nSELEC 2;")
        await #expect(throws: MigrationFileError.self) { try await migrator.deploy() }
        #expect(try await rows(file, "SELECT count(*) FROM fine") == [["0"]])
        #expect(try await rows(file, "SELECT count(*) FROM _strata_migrations") == [["1"]])
    }

    @Test("Strata's history adds no sqlite_sequence table to the user's database")
    func noSequenceTable() async throws {
        let project = try TestProject()
        try project.add("001_a", "CREATE TABLE a (id INTEGER PRIMARY KEY);")
        try project.add("002_b", "CREATE TABLE b (id INTEGER PRIMARY KEY);")
        let file = project.root.appendingPathComponent("app.db")
        try await migrator(project, file: file).deploy()
        #expect(try await rows(file, "SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'").isEmpty)
        #expect(try await rows(file, "SELECT id FROM _strata_migrations ORDER BY id") == [["1"], ["2"]])
    }

    @Test("an error at run time names SQLite's result code and message, and the statement's line")
    func runtimeError() async throws {
        let project = try TestProject()
        try project.add("001_a", "CREATE TABLE a (id INTEGER PRIMARY KEY);\nINSERT INTO a VALUES (1);\nINSERT INTO a VALUES (1);")
        let file = project.root.appendingPathComponent("app.db")
        let error = await #expect(throws: MigrationFailedError.self) { try await migrator(project, file: file).deploy() }
        #expect(error?.description.contains("SQLITE_CONSTRAINT: UNIQUE constraint failed: a.id") == true)
        #expect(error?.description.contains("migration.sql:3:1") == true)
        #expect(try await rows(file, "SELECT name FROM sqlite_master WHERE name = 'a'").isEmpty)
    }

    @Test("--lock-timeout holds while another connection writes to the file")
    func lockTimeoutHolds() async throws {
        let project = try TestProject()
        let file = project.root.appendingPathComponent("app.db")
        let request = ConnectionRequest(url: try DatabaseURL("sqlite:" + file.path), schema: nil, applicationName: "test")
        let writer = try await DatabaseDriver.sqlite.connect(request)
        try await writer.execute("CREATE TABLE busy (id INTEGER)")
        try await writer.execute("BEGIN IMMEDIATE")
        try await writer.execute("INSERT INTO busy VALUES (1)")
        let runner = try await DatabaseDriver.sqlite.connect(request)
        let clock = ContinuousClock()
        let start = clock.now
        await #expect(throws: LockTimeoutError.self) {
            try await runner.acquireMigrationLock(for: TableReference(name: "_strata_migrations"), timeout: .milliseconds(300)) { _ in }
        }
        // Each attempt gives up after a short busy wait; SQLite's own busy
        // wait of 5 s used to come first, whatever the timeout said. (It takes
        // ~0.4 s; the bound leaves room for a loaded machine running the
        // whole suite in parallel, and still fails on a 5 s wait.)
        #expect(clock.now - start < .milliseconds(4900), "gave up after \(clock.now - start)")
        // Afterwards statements wait for the file as long as before.
        try await writer.execute("ROLLBACK")
        try await runner.execute("INSERT INTO busy VALUES (2)")
        await runner.close()
        await writer.close()
    }

    @Test("an SQLite URL parameter SQLite does not take is an error naming it; Prisma's pool settings are accepted")
    func unknownParameters() async throws {
        let project = try TestProject()
        try project.add("001_a", "CREATE TABLE a (id INTEGER);")
        let typo = Configuration(url: try DatabaseURL("sqlite:app.db?moed=ro"), migrationsPath: project.migrations.path)
        let error = await #expect(throws: ConfigurationError.self) { try await Migrator(configuration: typo, drivers: [.sqlite]).status() }
        #expect(error?.description.contains("`moed`") == true)
        let file = project.root.appendingPathComponent("app.db")
        let prisma = Configuration(
            url: try DatabaseURL("file:\(file.path)?connection_limit=1&socket_timeout=10"), migrationsPath: project.migrations.path)
        #expect(try await Migrator(configuration: prisma, drivers: [.sqlite]).deploy().applied.count == 1)
    }
}
