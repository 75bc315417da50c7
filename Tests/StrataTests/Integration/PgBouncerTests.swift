import Foundation
import Strata
import StrataPostgres
import Synchronization
import Testing

/// Through a connection pooler in transaction mode a session lock does not
/// hold from one transaction to the next: Strata must never apply a
/// migration twice there, and says to use a direct URL.
@Suite("PgBouncer")
struct PgBouncerTests {
    @Test("4 concurrent deploys through PgBouncer in transaction mode never apply a migration twice")
    func transactionPooling() async throws {
        try await withPostgres { project, database, server in
            let bouncer = try PgBouncerServer(inFrontOf: server)
            let pooled = bouncer.url(of: server.database(of: database), user: server.user)
            try project.add("000_log", "CREATE TABLE log (n INTEGER NOT NULL);")
            for n in 1...30 {
                try project.add(String(format: "%03d_insert", n), "INSERT INTO log VALUES (\(n));\nSELECT pg_sleep(0.01);")
            }
            let migrations = project.migrations.path
            let results = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let configuration = Configuration(url: try DatabaseURL(pooled), migrationsPath: migrations, lockTimeout: .seconds(3))
                        let migrator = try Migrator(configuration: configuration, drivers: [.postgres])
                        do {
                            try await migrator.deploy()
                            return "applied"
                        } catch let error as MigrationLockLostError {
                            #expect(error.description.contains("direct_url"))
                            return "refused"
                        } catch is LockTimeoutError {
                            return "waited"
                        } catch {
                            return "\(type(of: error)): \(error)"
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(results.allSatisfy { ["applied", "refused", "waited"].contains($0) }, "\(results)")
            #expect(results.contains("refused"), "four runners sharing pooled server sessions: the pooler is noticed")

            // Whatever got through got through once; the direct URL finishes the job, once
            // (with the pooler gone: a lock left in one of its server sessions goes with it).
            bouncer.stop()
            let direct = try project.migrator(database)
            try await direct.deploy()
            let counts = try await database.query("SELECT n, count(*) AS times FROM log GROUP BY n ORDER BY n")
            #expect(counts.count == 30)
            #expect(counts.allSatisfy { $0["times"].integer == 1 }, "\(counts.map { $0.values.map(\.string) })")
            #expect(try await direct.status().migrations.allSatisfy { $0.state == .applied })
        }
    }

    @Test("Strata's settings stay inside its transactions: nothing leaks to the pool's other clients")
    func noSettingsLeak() async throws {
        try await withPostgres { project, database, server in
            let bouncer = try PgBouncerServer(inFrontOf: server)
            let pooled = bouncer.url(of: server.database(of: database), user: server.user)
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            try project.add("002_b", "CREATE TABLE b (id INTEGER);")
            let configuration = Configuration(url: try DatabaseURL(pooled), migrationsPath: project.migrations.path)
            do {
                try await Migrator(configuration: configuration, drivers: [.postgres]).deploy()
            } catch {
                #expect(error is MigrationLockLostError, "\(error)")
            }
            let defaults = try await database.query(
                "SELECT current_setting('lock_timeout') AS lock, current_setting('synchronous_commit') AS sync")
            // Another client of the pool gets a server session Strata used.
            let other = try await DatabaseDriver.postgres.connect(
                ConnectionRequest(url: try DatabaseURL(pooled), schema: nil, applicationName: "other"))
            let settings = try await other.query("SELECT current_setting('lock_timeout') AS lock, current_setting('synchronous_commit') AS sync")
            await other.close()
            #expect(settings.first?["lock"].string == defaults.first?["lock"].string)
            #expect(settings.first?["sync"].string == defaults.first?["sync"].string)
            bouncer.stop()
        }
    }
}

/// A backfill through a pooler in transaction mode: its named lock, a
/// session lock, does not hold from one batch to the next.
@Suite("PgBouncer backfill")
struct PgBouncerBackfillTests {
    @Test("a backfill through PgBouncer in transaction mode stops at the first batch in another server session; the direct URL finishes it, each row once")
    func backfillThroughPool() async throws {
        try await withPostgres { project, database, server in
            try await database.withSession { try await BackfillFixture.createUsers(6_000, on: $0, backend: .postgres) }
            let bouncer = try PgBouncerServer(inFrontOf: server, roundRobin: true)
            let pooled = bouncer.url(of: server.database(of: database), user: server.user)
            let direct = try project.dataMigrator(database)
            var configuration = direct.configuration
            configuration.url = try DatabaseURL(pooled)
            let migrator = try Migrator(configuration: configuration, drivers: [.postgres])
            var backfill = BackfillFixture.roleBackfill
            backfill.batching = .rows(200)
            // Other clients keep the pool's server sessions busy, so batches land on different ones.
            let others = Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for n in 0..<3 {
                        group.addTask {
                            let other = try await DatabaseDriver.postgres.connect(
                                ConnectionRequest(url: try DatabaseURL(pooled), schema: nil, applicationName: "other \(n)"))
                            while !Task.isCancelled { _ = try? await other.query("SELECT pg_sleep(0.002)") }
                            await other.close()
                        }
                    }
                    try await group.waitForAll()
                }
            }
            let error = await #expect(throws: NamedLockLostError.self) {
                try await migrator.backfill(backfill, command: "strata data backfill --name \(backfill.name)")
            }
            others.cancel()
            _ = await others.result
            #expect(error?.whileTaking == false)
            #expect(error?.nextStep?.contains("direct_url") == true)
            #expect(error?.nextStep?.contains("strata data backfill --name") == true, "it says how to go on")

            // The lock went with the run (released in the server session that took it, the pooler
            // still up): the direct URL takes it and finishes, every row changed once.
            let report = try await direct.backfill(backfill)
            bouncer.stop()
            #expect(report.rowsDone == 6_000)
            #expect(report.resumed == (error?.progress?.contains("is done") == true))
            #expect(try await BackfillFixture.updateCounts(database) == [1: 6_000], "every row changed once")
        }
    }

    @Test("a named lock asked for in a server session that already holds it for another client is refused, not granted twice")
    func lockTakenOverByPool() async throws {
        try await withPostgres { _, database, server in
            let bouncer = try PgBouncerServer(inFrontOf: server, poolSize: 1)
            let pooled = try DatabaseURL(bouncer.url(of: server.database(of: database), user: server.user))
            let first = try await DatabaseDriver.postgres.connect(ConnectionRequest(url: pooled, schema: nil, applicationName: "first"))
            let second = try await DatabaseDriver.postgres.connect(ConnectionRequest(url: pooled, schema: nil, applicationName: "second"))
            let firstLocks = try #require(first as? any NamedLocking)
            let secondLocks = try #require(second as? any NamedLocking)
            #expect(try await firstLocks.tryNamedLock("data:users_role") == nil)
            // One server session for both clients: the second is handed the session holding the first's lock.
            let error = await #expect(throws: NamedLockLostError.self) { try await secondLocks.tryNamedLock("data:users_role") }
            #expect(error?.whileTaking == true)
            try await firstLocks.releaseNamedLock("data:users_role")
            #expect(try await secondLocks.tryNamedLock("data:users_role") == nil, "once released, the lock is free")
            try await secondLocks.releaseNamedLock("data:users_role")
            await first.close()
            await second.close()
            bouncer.stop()
        }
    }
}
