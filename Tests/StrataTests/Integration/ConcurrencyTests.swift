import Foundation
import Strata
import Testing

/// Many `strata migrate deploy` processes on one database at once.
@Suite("Concurrent runners")
struct ConcurrencyTests {
    @Test("8 concurrent deploys on an empty database apply each of 1000 migrations exactly once")
    func eightRunners() async throws {
        try await concurrentDeploys(.postgres, runners: 8, migrations: 1000)
    }

    @Test("4 concurrent deploys on one SQLite file apply each of 200 migrations exactly once")
    func sqliteRunners() async throws {
        try await concurrentDeploys(.sqlite, runners: 4, migrations: 200)
    }

    @Test("4 concurrent deploys get through a history with CREATE INDEX CONCURRENTLY, leaving valid indexes")
    func concurrentIndexBuilds() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            try project.add("0000_events", """
                CREATE TABLE events (id BIGSERIAL PRIMARY KEY, kind TEXT NOT NULL, account INTEGER NOT NULL, payload TEXT);
                INSERT INTO events (kind, account, payload)
                SELECT 'kind-' || (i % 50), i % 1000, repeat('x', 50) FROM generate_series(1, 50000) AS i;
                """)
            for index in 1...12 {
                let name = String(format: "%04d_index_%02d", index, index)
                if index % 3 == 0 {
                    try project.add(name, "ALTER TABLE events ADD COLUMN extra_\(index) INTEGER;")
                } else {
                    try project.add(name, """
                        -- Built without blocking writes.
                        CREATE INDEX CONCURRENTLY events_idx_\(index) ON events (account, kind, id) WHERE account > \(index);
                        """)
                }
            }
            let results = try await runInParallel(4, project: project, database: database)
            for result in results { #expect(result.status == 0, "\(result.output)") }
            let invalid = try await database.query("""
                SELECT COUNT(*) AS n FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE c.relname LIKE 'events_idx_%' AND NOT (i.indisvalid AND i.indisready)
                """)
            #expect(invalid.first?["n"].integer == 0)
            let indexes = try await database.query("SELECT COUNT(*) AS n FROM pg_indexes WHERE indexname LIKE 'events_idx_%'")
            #expect(indexes.first?["n"].integer == 8)
            let history = try await database.history()
            #expect(history.count == 13)
            #expect(history.allSatisfy { $0["state"].string == "applied" })
        }
    }

    private func concurrentDeploys(_ backend: Backend, runners: Int, migrations count: Int) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("0000_log", "CREATE TABLE applied_log (name TEXT NOT NULL);")
            for index in 1..<count {
                let name = String(format: "%04d_step", index)
                try project.add(name, """
                    CREATE TABLE step_\(index) (id INTEGER PRIMARY KEY, label TEXT NOT NULL DEFAULT '');
                    INSERT INTO applied_log (name) VALUES ('\(name)');
                    """)
            }
            let results = try await runInParallel(runners, project: project, database: database)
            for result in results { #expect(result.status == 0, "\(result.output)") }
            let log = try await database.query("SELECT COUNT(*) AS total, COUNT(DISTINCT name) AS names FROM applied_log")
            #expect(log.first?["total"].integer == Int64(count - 1))
            #expect(log.first?["names"].integer == Int64(count - 1))
            let history = try await database.query(
                "SELECT COUNT(*) AS total, COUNT(DISTINCT name) AS names FROM _strata_migrations WHERE state = 'applied'")
            #expect(history.first?["total"].integer == Int64(count))
            #expect(history.first?["names"].integer == Int64(count))
            #expect(try await database.history().count == count)
        }
    }

    private func runInParallel(_ runners: Int, project: TestProject, database: TestDatabase) async throws -> [CLIResult] {
        try await withThrowingTaskGroup(of: CLIResult.self) { group in
            for _ in 0..<runners {
                group.addTask {
                    try await CLI.run(["migrate", "deploy", "--url", database.url, "--lock-timeout", "300"], in: project.root)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }
}
