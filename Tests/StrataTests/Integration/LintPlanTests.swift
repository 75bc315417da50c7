import Foundation
import Strata
import Testing

/// The lock report against a real PostgreSQL: live sizes decide, and a
/// table locked by someone else never makes the plan hang.
@Suite("Lint against the database")
struct LintPlanTests {
    @Test("migrate plan rates a blocking index build by the table's live size")
    func sizesDecide() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            try project.add("20240101000000_init", "CREATE TABLE big (id bigint PRIMARY KEY, v int);\nCREATE TABLE small (id bigint PRIMARY KEY, v int);\n")
            let migrator = try project.migrator(database)
            try await migrator.deploy()
            _ = try await database.query("INSERT INTO big SELECT g, g FROM generate_series(1, 30000) g")
            _ = try await database.query("INSERT INTO small VALUES (1, 1)")
            _ = try await database.query("ANALYZE big")
            _ = try await database.query("ANALYZE small")
            try project.add("20240102000000_indexes", "CREATE INDEX big_v ON big (v);\nCREATE INDEX small_v ON small (v);\n")
            let report = try await migrator.plan()
            let severities = Dictionary(uniqueKeysWithValues: report.findings.map { ($0.message.contains("big_v") ? "big" : "small", $0.severity) })
            #expect(severities == ["big": .warning, "small": .info])
            let big = try #require(report.statements.first { $0.statement.contains("big_v") }?.locks.first)
            #expect(big.mode == "SHARE")
            #expect(big.effect == "scan")
            #expect(big.size?.hasPrefix("30 k rows") == true, "\(big.size ?? "no size")")
        }
    }

    @Test("a table another session holds ACCESS EXCLUSIVE on: the plan waits 2 s, then judges from the files and says so")
    func lockedTableDoesNotHang() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            try project.add("20240101000000_init", "CREATE TABLE t (id bigint PRIMARY KEY, v int DEFAULT 0);\n")
            let migrator = try project.migrator(database)
            try await migrator.deploy()
            try project.add("20240102000000_index", "CREATE INDEX t_v ON t (v);\n")
            let holder = try await database.session()
            try await holder.execute("BEGIN")
            try await holder.execute("LOCK TABLE t IN ACCESS EXCLUSIVE MODE")
            let clock = ContinuousClock()
            let start = clock.now
            let report = try await migrator.plan()
            let waited = clock.now - start
            try await holder.execute("ROLLBACK")
            await holder.close()
            #expect(waited < .seconds(10))
            #expect(report.notes.contains { $0.contains("could not be read") })
            #expect(report.findings.map(\.rule) == ["require-concurrent-index-creation"])
        }
    }
}
