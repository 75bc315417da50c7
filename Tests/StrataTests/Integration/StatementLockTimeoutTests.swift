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
            let columns = try await database.query(
                "SELECT COUNT(*) AS n FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'plan'")
            #expect(columns.first?["n"].integer == 0)
            #expect(try await database.query("SELECT * FROM _strata_migrations WHERE name = '002_alter'").count == 2)
        }
    }
}
