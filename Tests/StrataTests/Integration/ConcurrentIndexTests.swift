import Foundation
import Strata
import Synchronization
import Testing

/// `CREATE INDEX CONCURRENTLY` runs outside a transaction, and a failed or
/// interrupted build leaves an invalid index behind: Strata reads the
/// catalog, drops it, and reports what is there.
@Suite("Concurrent index builds")
struct ConcurrentIndexTests {
    private static let table = "CREATE TABLE t6 (id INTEGER PRIMARY KEY, v INTEGER);\nINSERT INTO t6 SELECT g, g FROM generate_series(1, 100) g;"
    private static let build = "CREATE INDEX CONCURRENTLY t6_v_idx ON t6 (v);"

    /// Index names on t6 with whether each is valid.
    private func indexes(_ database: TestDatabase) async throws -> [String: Bool] {
        let rows = try await database.query("""
            SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = 't6'::regclass AND c.relname <> 't6_pkey'
            """)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["relname"].string ?? "?", $0["indisvalid"] == .boolean(true)) })
    }

    /// A session with an open write on t6: an index build waits for it.
    private func openWriter(_ database: TestDatabase) async throws -> any Database {
        let writer = try await database.session()
        try await writer.execute("BEGIN")
        try await writer.execute("INSERT INTO t6 VALUES (1000, 1000)")
        return writer
    }

    @Test("a build that gives up waiting is cleaned up and retried until the writer is done")
    func retried() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            try project.add("001_table", Self.table)
            try project.add("002_index", Self.build)
            let migrator = try project.migrator(database, statementLockTimeout: .milliseconds(200), lockRetries: 6)
            try await migrator.deploy(DeployOptions(target: "001_table"))
            let writer = try await openWriter(database)
            let retries = Mutex(0)
            let deploy = Task {
                try await migrator.deploy { event in
                    if case .retrying = event { retries.withLock { $0 += 1 } }
                }
            }
            while retries.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(20)) }
            // Between attempts no invalid index is left lying around for long.
            try await writer.execute("COMMIT")
            await writer.close()
            #expect(try await deploy.value.applied.map(\.name) == ["002_index"])
            #expect(try await indexes(database) == ["t6_v_idx": true])
        }
    }

    @Test("after the last retry the invalid index is gone, the failure says so, and the next deploy runs it again")
    func givesUpCleanly() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            try project.add("001_table", Self.table)
            try project.add("002_index", Self.build)
            let migrator = try project.migrator(database, statementLockTimeout: .milliseconds(100), lockRetries: 1)
            try await migrator.deploy(DeployOptions(target: "001_table"))
            let writer = try await openWriter(database)
            let failure = await #expect(throws: MigrationFailedError.self) { try await migrator.deploy() }
            #expect(failure?.databaseError.code == "55P03")
            #expect(failure?.leftover?.what == "the invalid index \"public\".\"t6_v_idx\"")
            // The writer still holds the table: the index cannot be dropped yet, and the failure says so.
            #expect(failure?.leftover?.removed == false)
            #expect(failure?.statementsInEffect == 0)
            #expect(failure?.description.contains("the next attempt drops it") == true)
            #expect(failure?.lockWait?.holders.first?.description.contains("INSERT INTO t6") == true)
            #expect(try await indexes(database) == ["t6_v_idx": false])
            try await writer.execute("COMMIT")
            await writer.close()

            // Nothing of it remained, so deploy simply runs it again.
            #expect(try await migrator.status().migrations.last?.failedCleanly == true)
            #expect(try await migrator.deploy().applied.map(\.name) == ["002_index"])
            #expect(try await indexes(database) == ["t6_v_idx": true])
        }
    }

    @Test("a run killed after the build but before its progress was recorded is settled from the catalog")
    func settledFromCatalog() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            try project.add("001_table", Self.table)
            try project.add("002_index", Self.build)
            let migrator = try project.migrator(database)
            try await migrator.deploy()
            // As a kill -9 right after the statement would leave the row.
            let cutOff = "UPDATE _strata_migrations SET state = 'running', statements_run = 0, finished_at = NULL WHERE name = '002_index'"
            try await database.withSession { try await $0.execute(cutOff) }
            #expect(try await migrator.status().migrations.last?.state == .running)

            let warnings = Mutex<[String]>([])
            let report = try await migrator.deploy { event in
                if case .warning(let text) = event { warnings.withLock { $0.append(text) } }
            }
            #expect(report.applied.isEmpty)
            #expect(warnings.withLock { $0 }.contains { $0.contains("002_index") && $0.contains("recorded as applied") })
            #expect(try await migrator.status().migrations.last?.state == .applied)
        }
    }

    @Test("a run killed during the build leaves an invalid index: it is dropped and the migration runs again")
    func invalidLeftoverAfterKill() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            try project.add("001_table", Self.table)
            try project.add("002_index", Self.build)
            let migrator = try project.migrator(database)
            try await migrator.deploy()
            // A real invalid index, as a build that died half-way leaves it.
            try await database.withSession { session in
                try await session.execute("DROP INDEX t6_v_idx")
                let writer = try await openWriter(database)
                try await session.execute("SET lock_timeout = '100ms'")
                await #expect(throws: DatabaseError.self) { try await session.execute(Self.build) }
                try await writer.execute("ROLLBACK")
                await writer.close()
                try await session.execute(
                    "UPDATE _strata_migrations SET state = 'running', statements_run = 0, finished_at = NULL WHERE name = '002_index'")
            }
            #expect(try await indexes(database) == ["t6_v_idx": false])

            let warnings = Mutex<[String]>([])
            let report = try await migrator.deploy { event in
                if case .warning(let text) = event { warnings.withLock { $0.append(text) } }
            }
            #expect(warnings.withLock { $0 }.contains { $0.contains("which Strata dropped") && $0.contains("runs again") })
            #expect(report.applied.map(\.name) == ["002_index"])
            #expect(try await indexes(database) == ["t6_v_idx": true])
        }
    }
}
