import Foundation
import Strata
import StrataPostgres
import StrataSQLite
import Testing

@Suite("Migration rehearsal on generated volume")
struct RehearsalTests {
    @Test("rehearse fills a shadow, times the pending migrations with the locks they held, and leaves the database as it was", arguments: Backend.allCases)
    func rehearsesPending(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("20240101000000_users", """
                CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(80) NOT NULL UNIQUE, name TEXT NOT NULL, created_at TIMESTAMP NOT NULL);
                """)
            let migrator = try project.migrator(database)
            try await migrator.deploy()
            try project.add("20240102000000_index", """
                CREATE INDEX users_created_idx ON users (created_at);
                UPDATE users SET name = upper(name);
                ALTER TABLE users ADD COLUMN note TEXT;
                """)
            let report = try await migrator.rehearse(RehearsalOptions(rows: try SeedGeneration(parsing: "users=30000"), sampleInterval: .milliseconds(5)))
            #expect(report.replayed == 1)
            #expect(report.generated?.tables.map(\.rows) == [30_000])
            #expect(report.migrations.map(\.name) == ["20240102000000_index"])
            let migration = try #require(report.migrations.first)
            #expect(migration.statements == 3)
            #expect(migration.durationMilliseconds > 0)
            switch backend {
            case .postgres:
                #expect(report.locksSampled)
                let users = migration.locks.filter { $0.relation == "users" }
                #expect(users.first?.mode == .accessExclusive, "ADD COLUMN's ACCESS EXCLUSIVE is named, seen or not: \(migration.locks)")
                let timed = try #require(users.first { $0.heldMilliseconds != nil }, "the index build and the update were seen: \(users)")
                #expect(timed.mode >= .share)
                #expect((timed.heldMilliseconds ?? 0) > 0 && (timed.heldMilliseconds ?? 0) <= migration.durationMilliseconds)
                #expect(users.count <= 2, "the strongest seen, and a stronger one held between samples")
            case .sqlite:
                #expect(!report.locksSampled)
                #expect(migration.locks.isEmpty)
            }
            let status = try await migrator.status()
            #expect(status.migrations.map(\.state) == [.applied, .pending], "the database itself is untouched")
            #expect(try await database.query("SELECT count(*) AS n FROM users").first?["n"].integer == 0)
        }
    }

    @Test("nothing pending: nothing is generated")
    func nothingPending() async throws {
        try await withFreshDatabase(.sqlite) { project, database in
            try project.add("20240101000000_users", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);")
            let migrator = try project.migrator(database)
            try await migrator.deploy()
            let report = try await migrator.rehearse(RehearsalOptions(rows: try SeedGeneration(parsing: "users=10")))
            #expect(report.migrations.isEmpty)
            #expect(report.generated == nil)
        }
    }
}
