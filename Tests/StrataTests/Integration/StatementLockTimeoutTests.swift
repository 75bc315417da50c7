import Foundation
import Strata
import Synchronization
import Testing

/// DDL queued behind a long query gives up after the statement lock timeout,
/// rolls back and is retried, instead of blocking every query behind it.
@Suite("Statement lock timeout")
struct StatementLockTimeoutTests {
    @Test("a migration blocked by a long transaction is rolled back, retried, and applied once the table is free")
    func retriedUntilFree() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            try project.add("001_table", "CREATE TABLE accounts (id INTEGER PRIMARY KEY);")
            try project.add("002_alter", "ALTER TABLE accounts ADD COLUMN plan TEXT;")
            let migrator = try project.migrator(database, statementLockTimeout: .milliseconds(200), lockRetries: 5)
            try await migrator.deploy(DeployOptions(target: "001_table"))

            let reader = try await database.session()
            try await reader.execute("BEGIN")
            try await reader.execute("LOCK TABLE accounts IN ACCESS SHARE MODE")
            // The long "query" ends once the migration has been rolled back for it once.
            let (retried, signal) = AsyncStream<Void>.makeStream()
            let release = Task {
                for await _ in retried { break }
                try await reader.execute("COMMIT")
                await reader.close()
            }
            let retries = Mutex(0)
            let report = try await migrator.deploy { event in
                if case .retrying = event {
                    retries.withLock { $0 += 1 }
                    signal.yield()
                }
            }
            signal.finish()
            try await release.value
            #expect(report.applied.map(\.name) == ["002_alter"])
            #expect(retries.withLock { $0 } >= 1)
            let rows = try await database.query("SELECT state FROM _strata_migrations WHERE name = '002_alter' ORDER BY id")
            #expect(rows.last?["state"].string == "applied")
            #expect(rows.dropLast().allSatisfy { $0["state"].string == "failed" })
        }
    }

    @Test("after the last retry the failure says the lock was not granted, and nothing changed")
    func givesUp() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            try project.add("001_table", "CREATE TABLE accounts (id INTEGER PRIMARY KEY);")
            try project.add("002_alter", "ALTER TABLE accounts ADD COLUMN plan TEXT;")
            let migrator = try project.migrator(database, statementLockTimeout: .milliseconds(100), lockRetries: 1)
            try await migrator.deploy(DeployOptions(target: "001_table"))
            let reader = try await database.session()
            try await reader.execute("BEGIN")
            try await reader.execute("LOCK TABLE accounts IN ACCESS SHARE MODE")
            let failure = await #expect(throws: MigrationFailedError.self) { try await migrator.deploy() }
            try await reader.execute("ROLLBACK")
            await reader.close()
            #expect(failure?.databaseError.code == "55P03")
            #expect(failure?.transactional == true)
            // Who held the lock, and what to do: not "fix the statement".
            #expect(failure?.lockWait?.attempts == 2)
            let holder = try #require(failure?.lockWait?.holders.first?.description)
            #expect(holder.contains("pid "), "\(holder)")
            #expect(holder.contains("AccessShareLock on accounts"), "\(holder)")
            #expect(holder.contains("LOCK TABLE accounts IN ACCESS SHARE MODE"), "\(holder)")
            #expect(holder.contains("idle in transaction for "), "\(holder)")
            #expect(failure?.nextStep?.contains("fix the statement") == false)
            #expect(failure?.nextStep?.contains("--statement-lock-timeout") == true)
            let columns = try await database.query(
                "SELECT COUNT(*) AS n FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'plan'")
            #expect(columns.first?["n"].integer == 0)
            #expect(try await database.query("SELECT * FROM _strata_migrations WHERE name = '002_alter'").count == 2)
        }
    }

    @Test("with the default timeouts, a reader queued behind Strata's waiting DDL is held up for at most the current attempt's timeout")
    func readersWaitBriefly() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            try project.add("001_table", "CREATE TABLE accounts (id INTEGER PRIMARY KEY);\nINSERT INTO accounts VALUES (1);")
            try project.add("002_alter", "ALTER TABLE accounts ADD COLUMN plan TEXT;")
            let migrator = try project.migrator(
                database, statementLockTimeout: Configuration.defaultStatementLockTimeout, lockRetries: Configuration.defaultLockRetries)
            try await migrator.deploy(DeployOptions(target: "001_table"))

            // A long transaction holds the table for 2.5 s...
            let long = try await database.session()
            try await long.execute("BEGIN")
            try await long.execute("SELECT * FROM accounts")
            let deploy = Task { try await migrator.deploy() }
            // ...while another reader keeps reading it and times each read.
            let reader = try await database.session()
            let clock = ContinuousClock()
            let start = clock.now
            var longest = Duration.zero
            var released = false
            while clock.now - start < .seconds(5) {
                if !released, clock.now - start > .milliseconds(2500) {
                    try await long.execute("COMMIT")
                    released = true
                }
                let before = clock.now
                _ = try await reader.query("SELECT count(*) FROM accounts")
                longest = max(longest, clock.now - before)
                try await Task.sleep(for: .milliseconds(20))
            }
            await reader.close()
            await long.close()
            #expect(try await deploy.value.applied.map(\.name) == ["002_alter"])
            // Attempts wait 0.5 s, 1 s, 2 s, ...: the reader never waits the whole 2.5 s.
            #expect(longest < .milliseconds(2200), "longest read took \(longest)")
            print("longest reader stall behind the waiting migration: \(longest)")
        }
    }
}
