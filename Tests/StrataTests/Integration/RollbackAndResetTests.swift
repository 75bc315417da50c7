import Foundation
import Strata
import Testing

/// `down`, `reset`, `resolve` and `baseline` on real databases.
@Suite("Rollback and reset")
struct RollbackAndResetTests {
    @Test("down runs down.sql newest first, and refuses when one has none", arguments: Backend.allCases)
    func down(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);", down: "DROP TABLE a;")
            try project.add("002_b", "CREATE TABLE b (id INTEGER);", down: "DROP TABLE b;")
            try project.add("003_c", "CREATE TABLE c (id INTEGER);", down: "DROP TABLE c;")
            let migrator = try project.migrator(database)
            try await migrator.deploy()

            let one = try await migrator.down()
            #expect(one.rolledBack.map(\.name) == ["003_c"])
            #expect(try await !database.tableExists("c"))
            #expect(try await migrator.status().migrations.map(\.state) == [.applied, .applied, .pending])

            try await migrator.deploy()
            let toA = try await migrator.down(DownOptions(to: "001_a"))
            #expect(toA.rolledBack.map(\.name) == ["003_c", "002_b"])
            #expect(try await database.tableExists("a"))
            #expect(try await !database.tableExists("b"))
            let history = try await database.history()
            #expect(history.suffix(2).map { $0["operation"].string } == ["down", "down"])
            #expect(history.suffix(2).map { $0["state"].string } == ["rolled_back", "rolled_back"])

            try project.add("004_no_down", "CREATE TABLE d (id INTEGER);")
            try await migrator.deploy()
            let refusal = await #expect(throws: RefusalError.self) { try await migrator.down(DownOptions(steps: 3)) }
            #expect(refusal?.details.contains { $0.contains("004_no_down") } == true)
            #expect(try await database.tableExists("d"))
            #expect(try await database.tableExists("c"))
        }
    }

    @Test("reset drops every object and re-applies, refusing without --force (production included)", arguments: Backend.allCases)
    func reset(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("001_a", """
                CREATE TABLE parent (id INTEGER PRIMARY KEY);
                CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id) ON DELETE CASCADE);
                CREATE VIEW parents AS SELECT id FROM parent;
                INSERT INTO parent (id) VALUES (1);
                """)
            let migrator = try project.migrator(database)
            try await migrator.deploy()
            try await database.withSession { session in
                try await session.execute("CREATE TABLE stray (id INTEGER)")
                try await session.execute("INSERT INTO parent (id) VALUES (2)")
            }

            await #expect(throws: RefusalError.self) { try await migrator.reset(ResetOptions()) }
            let production = try project.migrator(database, production: true)
            await #expect(throws: RefusalError.self) { try await production.reset(ResetOptions()) }
            #expect(try await database.tableExists("stray"))

            let report = try await migrator.reset(ResetOptions(force: true))
            #expect(report.applied.map(\.name) == ["001_a"])
            #expect(try await !database.tableExists("stray"))
            #expect(try await database.query("SELECT COUNT(*) AS n FROM parent").first?["n"].integer == 1)
            #expect(try await database.history().count == 1)
        }
    }

    @Test("baseline records migrations as applied without running them", arguments: Backend.allCases)
    func baseline(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try await database.withSession { try await $0.execute("CREATE TABLE legacy (id INTEGER)") }
            try project.add("20240101000000_legacy", "CREATE TABLE legacy (id INTEGER);")
            try project.add("20240102000000_more", "CREATE TABLE more (id INTEGER);")
            try project.add("20240103000000_new", "CREATE TABLE new_table (id INTEGER);")
            let migrator = try project.migrator(database)

            let report = try await migrator.baseline(to: "20240102000000")
            #expect(report.recorded == ["20240101000000_legacy", "20240102000000_more"])
            #expect(try await !database.tableExists("more"))
            let history = try await database.history()
            #expect(history.map { $0["operation"].string } == ["baseline", "baseline"])

            #expect(try await migrator.deploy().applied.map(\.name) == ["20240103000000_new"])
        }
    }

    @Test("a failure without a transaction records what took effect; deploy refuses until resolve", arguments: Backend.allCases)
    func statementsModeFailureAndResolve(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("001_partial", """
                -- strata:transaction off
                CREATE TABLE first (id INTEGER);
                CREATE TABLE second (id INTEGER);
                INSERT INTO nowhere (id) VALUES (1);
                CREATE TABLE fourth (id INTEGER);
                """)
            let migrator = try project.migrator(database)
            let failure = await #expect(throws: MigrationFailedError.self) { try await migrator.deploy() }
            #expect(failure?.transactional == false)
            #expect(failure?.statementsInEffect == 2)
            #expect(failure?.statementNumber == 3)
            #expect(failure?.location.line == 4)
            #expect(try await database.tableExists("second"))
            #expect(try await !database.tableExists("fourth"))
            let row = try #require(try await database.history().last)
            #expect(row["state"].string == "failed")
            #expect(row["execution"].string == "statements")
            #expect(row["statements_run"].integer == 2)
            #expect(row["statements_total"].integer == 4)

            let refusal = await #expect(throws: IntegrityError.self) { try await migrator.deploy() }
            #expect(refusal?.description.contains("strata migrate resolve") == true)
            await #expect(throws: RefusalError.self) { try await migrator.resolve("001_partial_typo", as: .applied) }

            // The user undoes what took effect, fixes the file, and lets deploy run it again.
            try await database.withSession { session in
                try await session.execute("DROP TABLE first")
                try await session.execute("DROP TABLE second")
            }
            try project.edit("001_partial", "CREATE TABLE first (id INTEGER);\nCREATE TABLE second (id INTEGER);")
            let resolved = try await migrator.resolve("001_partial", as: .rolledBack)
            #expect(resolved.state == .rolledBack)
            #expect(try await migrator.deploy().applied.map(\.name) == ["001_partial"])
            #expect(try await migrator.status().exitStatus == .success)
        }
    }

    @Test("resolve --applied settles a failure completed by hand", arguments: Backend.allCases)
    func resolveApplied(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("001_partial", "-- strata:transaction off\nCREATE TABLE one (id INTEGER);\nCREATE TABLE one (id INTEGER);")
            let migrator = try project.migrator(database)
            await #expect(throws: MigrationFailedError.self) { try await migrator.deploy() }
            let report = try await migrator.resolve("001_partial", as: .applied)
            #expect(report.recorded == ["001_partial"])
            let status = try await migrator.status()
            #expect(status.migrations.map(\.state) == [.applied])
            #expect(status.migrations.first?.record?.operation == .resolve)
            await #expect(throws: RefusalError.self) { try await migrator.resolve("001_partial", as: .applied) }
        }
    }

    @Test("a script's own BEGIN/COMMIT: committed blocks stay, the failed block rolls back, progress says so", arguments: Backend.allCases)
    func ownTransactions(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("001_blocks", """
                BEGIN;
                CREATE TABLE kept (id INTEGER);
                COMMIT;
                BEGIN;
                CREATE TABLE lost (id INTEGER);
                INSERT INTO nowhere (id) VALUES (1);
                COMMIT;
                """)
            let migrator = try project.migrator(database)
            let failure = await #expect(throws: MigrationFailedError.self) { try await migrator.deploy() }
            #expect(failure?.statementNumber == 6)
            #expect(failure?.statementsInEffect == 3)
            #expect(failure?.statementsRolledBack == 2)
            #expect(failure?.description.contains("rolled back with it") == true)
            #expect(try await database.tableExists("kept"))
            #expect(try await !database.tableExists("lost"))
            let row = try #require(try await database.history().last)
            #expect(row["statements_run"].integer == 3)
            #expect(row["execution"].string == "statements")

            try project.edit("001_blocks", "BEGIN;\nCREATE TABLE kept (id INTEGER);\nCOMMIT;")
            try await database.withSession { try await $0.execute("DROP TABLE kept") }
            try await migrator.resolve("001_blocks", as: .rolledBack)
            let report = try await migrator.deploy()
            #expect(report.applied.first?.execution == .statements)
            #expect(try await database.history().last?["statements_run"].integer == 3)
        }
    }

    @Test("no Strata statement runs inside a block the script opened: SET TRANSACTION, SET LOCAL, savepoints work as in psql")
    func nothingInsideOwnTransaction() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            try project.add("001_block", """
                CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL);
                BEGIN;
                SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;
                SET LOCAL lock_timeout = '2s';
                SET CONSTRAINTS ALL DEFERRED;
                LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE;
                INSERT INTO accounts VALUES (1, 10);
                SAVEPOINT before_two;
                INSERT INTO accounts VALUES (2, 20);
                ROLLBACK TO SAVEPOINT before_two;
                CREATE TABLE isolation AS SELECT current_setting('transaction_isolation') AS level, current_setting('lock_timeout') AS timeout;
                COMMIT;
                CREATE TABLE after_block AS SELECT current_setting('lock_timeout') AS timeout;
                """)
            let report = try await project.migrator(database).deploy()
            #expect(report.applied.first?.execution == .statements)
            #expect(try await database.query("SELECT id FROM accounts").map { $0["id"].integer } == [1])
            let inside = try #require(try await database.query("SELECT level, timeout FROM isolation").first)
            #expect(inside["level"].string == "repeatable read")
            #expect(inside["timeout"].string == "2s")
            // SET LOCAL ended with the block; Strata's own lock timeout is back.
            #expect(try await database.query("SELECT timeout FROM after_block").first?["timeout"].string != "2s")
            #expect(try await database.history().last?["statements_run"].integer == 13)
        }
    }

    @Test("while another runner holds the lock, down refuses a migration without down.sql at once", arguments: Backend.allCases)
    func downChecksBeforeTheLock(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            let migrator = try project.migrator(database, lockTimeout: .seconds(30))
            try await migrator.deploy()
            try await database.whileAnotherRunnerHoldsTheLock {
                let clock = ContinuousClock()
                let start = clock.now
                await #expect(throws: RefusalError.self) { try await migrator.down() }
                #expect(clock.now - start < .seconds(15), "reported without waiting for the lock (30 s)")
            }
        }
    }

    @Test("while another runner holds the lock, resolve refuses a migration that needs nothing settled at once", arguments: Backend.allCases)
    func resolveChecksBeforeTheLock(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            let migrator = try project.migrator(database, lockTimeout: .seconds(30))
            try await migrator.deploy()
            try await database.whileAnotherRunnerHoldsTheLock {
                let clock = ContinuousClock()
                let start = clock.now
                let refusal = await #expect(throws: RefusalError.self) { try await migrator.resolve("001_a", as: .rolledBack) }
                #expect(refusal?.summary.contains("is applied, so there is nothing to settle") == true)
                #expect(clock.now - start < .seconds(15), "reported without waiting for the lock (30 s)")
            }
            #expect(try await database.history().count == 1)
        }
    }

    @Test("a folder removed on purpose: resolve --removed stops deploy refusing, --rolled-back forgets it too", arguments: Backend.allCases)
    func resolveMissingOnDisk(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            try project.add("002_b", "CREATE TABLE b (id INTEGER);")
            try project.add("003_c", "CREATE TABLE c (id INTEGER);")
            let migrator = try project.migrator(database)
            try await migrator.deploy()
            try project.remove("001_a")
            try project.remove("002_b")
            let refusal = await #expect(throws: IntegrityError.self) { try await migrator.deploy() }
            #expect(refusal?.problems.first?.remedy.contains("strata migrate resolve --removed 001_a") == true)
            #expect(try await migrator.status().problems.keys.sorted() == ["001_a", "002_b"])

            await #expect(throws: RefusalError.self) { try await migrator.resolve("001_a", as: .applied) }
            await #expect(throws: RefusalError.self) { try await migrator.resolve("003_c", as: .removed) }
            #expect(try await migrator.resolve("001_a", as: .removed).operation == .removed)
            #expect(try await migrator.resolve("002_b", as: .rolledBack).state == .rolledBack)
            let status = try await migrator.status()
            #expect(status.exitStatus == .success)
            #expect(status.migrations.map(\.name) == ["003_c"])
            #expect(try await migrator.deploy().applied.isEmpty)
            #expect(try await database.tableExists("a"), "--removed keeps what the migration did")
            #expect(try await database.history().last?["operation"].string == "resolve")
        }
    }

    @Test("down in an environment marked production needs force", arguments: Backend.allCases)
    func downInProduction(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);", down: "DROP TABLE a;")
            let production = try project.migrator(database, production: true)
            try await production.deploy()
            let refusal = await #expect(throws: RefusalError.self) { try await production.down() }
            #expect(refusal?.description.contains("production = true") == true)
            #expect(refusal?.nextStep?.contains("--force") == true)
            #expect(try await database.tableExists("a"))
            _ = try await production.down(DownOptions(dryRun: true))
            #expect(try await production.down(DownOptions(force: true)).rolledBack.map(\.name) == ["001_a"])
            #expect(try await !database.tableExists("a"))
        }
    }

    @Test("reset creates the URL's schema when it does not exist yet, as deploy does")
    func resetCreatesSchema() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            let url = database.url + (database.url.contains("?") ? "&" : "?") + "schema=brand_new"
            let configuration = Configuration(url: try DatabaseURL(url), migrationsPath: project.migrations.path)
            let migrator = try Migrator(configuration: configuration, drivers: [Backend.postgres.driver])
            let report = try await migrator.reset(ResetOptions(force: true))
            #expect(report.applied.map(\.name) == ["001_a"])
            let placed = try await database.query("SELECT table_schema FROM information_schema.tables WHERE table_name = 'a'")
            #expect(placed.map { $0["table_schema"].string } == ["brand_new"])
        }
    }
}
