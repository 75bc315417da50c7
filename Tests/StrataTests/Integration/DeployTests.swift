import Foundation
import Strata
import Testing

/// `deploy` and `status` on real databases, driven through the library alone.
@Suite("Deploy")
struct DeployTests {
    @Test("deploy applies pending migrations in order; status then reports them applied", arguments: Backend.allCases)
    func deployAndStatus(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("20240101000000_users", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);")
            try project.add("20240102000000_posts", """
                CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));
                INSERT INTO users (id, email) VALUES (1, 'a@example.com');
                INSERT INTO posts (id, user_id) VALUES (1, 1)
                """)
            let migrator = try project.migrator(database)

            let before = try await migrator.status()
            #expect(before.exitStatus == .pending)
            #expect(before.historySource == .none)
            #expect(before.migrations.map(\.state) == [.pending, .pending])

            let report = try await migrator.deploy()
            #expect(report.applied.map(\.name) == ["20240101000000_users", "20240102000000_posts"])
            #expect(report.applied.map(\.statements) == [1, 3])
            #expect(report.createdHistoryTable)
            #expect(try await database.query("SELECT COUNT(*) AS n FROM posts").first?["n"].integer == 1)

            let history = try await database.history()
            #expect(history.map { $0["state"].string } == ["applied", "applied"])
            #expect(history.map { $0["statements_run"].integer } == [1, 3])
            #expect(history.allSatisfy { $0["applied_by"].string?.contains("@") == true })
            #expect(history.allSatisfy { $0["execution"].string == "transaction" })
            #expect(history.allSatisfy { ($0["duration_ms"].integer ?? -1) >= 0 })

            let after = try await migrator.status()
            #expect(after.exitStatus == .success)
            #expect(after.migrations.map(\.state) == [.applied, .applied])
            if backend == .sqlite {
                // Strata's tables add nothing else to the user's database (no AUTOINCREMENT).
                let sequence = try await database.query("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
                #expect(sequence.isEmpty)
            }

            let again = try await migrator.deploy()
            #expect(again.applied.isEmpty)
            #expect(try await database.history().count == 2)
        }
    }

    @Test("a failing migration leaves schema and history as they were, and says where it failed", arguments: Backend.allCases)
    func failingMigration(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("001_base", "CREATE TABLE base (id INTEGER PRIMARY KEY);")
            try project.add("002_broken", """
                CREATE TABLE half (id INTEGER PRIMARY KEY);
                INSERT INTO half (id) VALUES (1);
                INSERT INTO missing_table (id) VALUES (1);
                """)
            let migrator = try project.migrator(database)
            let error = await #expect(throws: MigrationFailedError.self) { try await migrator.deploy() }
            let failure = try #require(error)
            #expect(failure.migration == "002_broken")
            #expect(failure.statementNumber == 3)
            #expect(failure.location.line == 3)
            #expect(failure.path.hasSuffix("002_broken/migration.sql"))
            #expect(failure.databaseError.message.contains("missing_table"))
            #expect(failure.transactional)
            #expect(failure.exitStatus == .migrationFailed)
            if backend == .postgres {
                #expect(failure.databaseError.code == "42P01")
                #expect(failure.location.column == 13) // PostgreSQL points at the table name
            }

            #expect(try await database.tableExists("base"))
            #expect(try await !database.tableExists("half"))
            let history = try await database.history()
            #expect(history.map { $0["name"].string } == ["001_base", "002_broken"])
            #expect(history.map { $0["state"].string } == ["applied", "failed"])
            #expect(history.last?["statements_run"].integer == 0)
            let recorded = try #require(history.last?["error"].string)
            #expect(recorded.contains("002_broken/migration.sql:3:"))
            #expect(recorded.contains("missing_table"))

            let status = try await migrator.status()
            #expect(status.exitStatus == .pending, "deploy retries it")
            #expect(status.migrations.last?.state == .failed)
            #expect(status.migrations.last?.failedCleanly == true)

            // Rolled back cleanly, so after a fix deploy simply runs it again.
            try project.edit("002_broken", "CREATE TABLE half (id INTEGER PRIMARY KEY);")
            let retried = try await migrator.deploy()
            #expect(retried.applied.map(\.name) == ["002_broken"])
            #expect(try await migrator.status().exitStatus == .success)
        }
    }

    @Test("an applied migration edited afterwards is detected; a CRLF checkout is not an edit", arguments: Backend.allCases)
    func editedMigration(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);\nCREATE TABLE b (id INTEGER);\n")
            let migrator = try project.migrator(database)
            try await migrator.deploy()

            try project.edit("001_a", "CREATE TABLE a (id INTEGER);\r\nCREATE TABLE b (id INTEGER);\r\n")
            #expect(try await migrator.status().migrations.map(\.state) == [.applied])

            try project.edit("001_a", "CREATE TABLE a (id INTEGER, extra TEXT);\nCREATE TABLE b (id INTEGER);\n")
            let status = try await migrator.status()
            #expect(status.migrations.map(\.state) == [.edited])
            #expect(status.exitStatus == .attention)

            try project.add("002_more", "CREATE TABLE c (id INTEGER);")
            let refusal = await #expect(throws: IntegrityError.self) { try await migrator.deploy() }
            #expect(refusal?.problems.map(\.subject) == ["001_a"])
            #expect(try await !database.tableExists("c"))
        }
    }

    @Test("deploy --target stops at the named migration (by name or version)", arguments: Backend.allCases)
    func target(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("20240101000000_a", "CREATE TABLE a (id INTEGER);")
            try project.add("20240102000000_b", "CREATE TABLE b (id INTEGER);")
            try project.add("20240103000000_c", "CREATE TABLE c (id INTEGER);")
            let migrator = try project.migrator(database)
            #expect(try await migrator.deploy(DeployOptions(target: "20240102000000")).applied.map(\.name)
                == ["20240101000000_a", "20240102000000_b"])
            #expect(try await !database.tableExists("c"))
            #expect(try await migrator.deploy(DeployOptions(target: "20240103000000_c")).applied.count == 1)
            await #expect(throws: RefusalError.self) { try await migrator.deploy(DeployOptions(target: "nope")) }
        }
    }

    @Test("a pending migration that sorts before an applied one is out of order", arguments: Backend.allCases)
    func outOfOrder(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("20240101000000_a", "CREATE TABLE a (id INTEGER);")
            try project.add("20240103000000_c", "CREATE TABLE c (id INTEGER);")
            let migrator = try project.migrator(database)
            try await migrator.deploy()
            try project.add("20240102000000_b_from_branch", "CREATE TABLE b (id INTEGER);")

            let status = try await migrator.status()
            #expect(status.migrations.map(\.state) == [.applied, .outOfOrder, .applied])
            #expect(status.exitStatus == .attention)
            await #expect(throws: IntegrityError.self) { try await migrator.deploy() }
            #expect(try await !database.tableExists("b"))

            let report = try await migrator.deploy(DeployOptions(allowOutOfOrder: true))
            #expect(report.applied.map(\.name) == ["20240102000000_b_from_branch"])
            #expect(try await migrator.status().exitStatus == .success)
        }
    }

    @Test("deploy and status refuse when strata.sum disagrees with the files, and say which", arguments: Backend.allCases)
    func sumMismatch(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("002_a", "CREATE TABLE a (id INTEGER);")
            let migrator = try project.migrator(database)
            try migrator.hash()
            // Merged from a branch, sorting before a recorded one: not work in progress.
            try project.add("001_b", "CREATE TABLE b (id INTEGER);")
            let refusal = await #expect(throws: IntegrityError.self) { try await migrator.deploy() }
            #expect(refusal?.exitStatus == .attention)
            #expect(refusal?.description.contains("001_b") == true)
            await #expect(throws: IntegrityError.self) { try await migrator.status() }
            #expect(try await !database.tableExists("a"))

            try migrator.hash()
            #expect(try await migrator.deploy().applied.count == 2)
        }
    }

    @Test("a syntax error in a later migration stops deploy before anything runs", arguments: Backend.allCases)
    func syntaxErrorFoundFirst(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("001_fine", "CREATE TABLE fine (id INTEGER);")
            try project.add("002_typo", "CREATE TABLE ok (id INTEGER);\nCREATE TABEL oops (id INTEGER);")
            let migrator = try project.migrator(database)
            for dryRun in [true, false] {
                let error = await #expect(throws: MigrationFileError.self) { try await migrator.deploy(DeployOptions(dryRun: dryRun)) }
                #expect(error?.location?.line == 2)
                #expect(error?.location?.column == 8)
                #expect(error?.path.hasSuffix("002_typo/migration.sql") == true)
            }
            #expect(try await !database.tableExists("fine"))
            #expect(try await !database.tableExists("_strata_migrations"))
            #expect(try await !database.tableExists("_strata_migrations_lock"))
        }
    }

    @Test("while another runner holds the lock, a syntax error or an edited migration is reported at once", arguments: Backend.allCases)
    func checksBeforeTheLock(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            let migrator = try project.migrator(database, lockTimeout: .seconds(30))
            try await migrator.deploy()
            try await database.whileAnotherRunnerHoldsTheLock {
                let clock = ContinuousClock()
                let start = clock.now

                try project.add("002_b", "CREATE TABLE b (id INTEGER);\nCREATE TABEL c (id INTEGER);")
                let syntax = await #expect(throws: MigrationFileError.self) { try await migrator.deploy() }
                #expect(syntax?.location?.line == 2)

                try project.remove("002_b")
                try project.edit("001_a", "CREATE TABLE a (id BIGINT);")
                await #expect(throws: IntegrityError.self) { try await migrator.deploy() }
                #expect(clock.now - start < .seconds(15), "reported without waiting for the lock (30 s)")

                // Nothing to report: it waits for the lock as before.
                try project.edit("001_a", "CREATE TABLE a (id INTEGER);")
                try project.add("003_c", "CREATE TABLE c (id INTEGER);")
                let waiting = try project.migrator(database, lockTimeout: .milliseconds(300))
                await #expect(throws: LockTimeoutError.self) { try await waiting.deploy() }
            }
            #expect(try await migrator.deploy().applied.map(\.name) == ["003_c"])
        }
    }

    @Test("bad files are reported before an unreachable server is given up on", arguments: Backend.allCases)
    func fileErrorsComeFirst(_ backend: Backend) async throws {
        let project = try TestProject()
        try project.add("001_a", "-- strata:transactions off\nSELECT 1;")
        // A port nothing listens on, and a server that never answers.
        let silent = try SilentServer()
        let urls = backend == .postgres
            ? ["postgres://strata@127.0.0.1:1/none", "postgres://strata@127.0.0.1:\(silent.port)/none"]
            : ["sqlite:" + project.root.appendingPathComponent("untouched.db").path]
        for url in urls {
            let configuration = Configuration(url: try DatabaseURL(url), migrationsPath: project.migrations.path)
            let migrator = try Migrator(configuration: configuration, drivers: [backend.driver])
            let started = ContinuousClock.now
            let error = await #expect(throws: MigrationFileError.self) { try await migrator.status() }
            #expect(error?.problem.contains("unknown directive") == true)
            #expect(ContinuousClock.now - started < .seconds(5), "the file error waited for the connection")
        }
        #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent("untouched.db").path))
    }
}
