import Foundation
import Strata
import Testing

/// `strata data run` and `data status`: the data/ folder's .toml backfills and .sql scripts.
@Suite("Data migrations folder")
struct DataRunTests {
    @Test("data run runs pending files in order once; status says where each stands", arguments: Backend.allCases)
    func runsFolderInOrder(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try await database.withSession { try await BackfillFixture.createUsers(1_200, on: $0, backend: backend) }
            try project.addData("20240101000000_roles.toml", """
                # Every user written before roles existed is a plain user.
                table = "users"
                set = "role = 'USER'"
                where = "role IS NULL"
                batch_size = 500
                """)
            try project.addData("20240102000000_admins.sql", """
                -- The first user runs the place.
                UPDATE users SET role = 'ADMIN' WHERE id = 1;
                INSERT INTO users (id, name, role) VALUES (5000, 'robot', 'BOT')
                """)
            try project.addData("README.md", "notes about the data migrations")
            let migrator = try project.dataMigrator(database)
            let before = try await migrator.dataStatus()
            #expect(before.entries.map(\.name) == ["20240101000000_roles", "20240102000000_admins"])
            #expect(before.pending.count == 2)
            let report = try await migrator.runDataMigrations()
            #expect(report.outcomes.map(\.name) == ["20240101000000_roles", "20240102000000_admins"])
            #expect(report.outcomes[0].backfill?.rowsDone == 1_200)
            #expect(report.outcomes[0].backfill?.batches == 3)
            #expect(report.outcomes[1].statements == 2)
            let roles = try await database.query("SELECT role, count(*) AS n FROM users GROUP BY role ORDER BY role")
            #expect(roles.map { "\($0["role"].string ?? "NULL")=\($0["n"].integer ?? 0)" } == ["ADMIN=1", "BOT=1", "USER=1199"])
            let after = try await migrator.dataStatus()
            #expect(after.pending.isEmpty)
            #expect(after.entries.map { $0.record?.state } == [.completed, .completed])
            let again = try await migrator.runDataMigrations()
            #expect(again.outcomes.allSatisfy { $0.alreadyCompleted }, "a completed data migration never runs twice")
            #expect(try await database.query("SELECT count(*) AS n FROM users WHERE role = 'BOT'").first?["n"].integer == 1)
            try project.addData("20240102000000_admins.sql", "UPDATE users SET role = 'OWNER' WHERE id = 1;")
            #expect(try await migrator.dataStatus().entries[1].edited)
        }
    }

    @Test("a failing .sql data migration is rolled back whole, and names its file and line", arguments: Backend.allCases)
    func failingScript(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try await database.withSession { try await BackfillFixture.createUsers(10, on: $0, backend: backend) }
            try project.addData("20240101000000_fix.sql", """
                UPDATE users SET role = 'ADMIN' WHERE id = 1;

                UPDATE users SET nope = 1;
                """)
            let migrator = try project.dataMigrator(database)
            let error = await #expect(throws: DataScriptFailedError.self) { try await migrator.runDataMigrations() }
            #expect(error?.location.line == 3)
            #expect(error?.statementNumber == 2)
            #expect(error?.summary.hasPrefix(project.root.appendingPathComponent("data/20240101000000_fix.sql").path + ":3:1: statement 2 of 2 failed") == true)
            #expect(try await database.query("SELECT count(*) AS n FROM users WHERE role = 'ADMIN'").first?["n"].integer == 0,
                    "the first statement was rolled back with the second")
            #expect(try await migrator.dataStatus().pending.count == 1)
        }
    }

    @Test("files that are no data migration, or describe no backfill, are errors before anything runs")
    func badFiles() async throws {
        let project = try TestProject()
        let database = try await TestDatabase.make(.sqlite, in: project.root)
        let migrator = try project.dataMigrator(database)
        try project.addData("20240101000000_a.toml", "table = \"users\"\nsett = \"role = 'x'\"\n")
        var error = await #expect(throws: MigrationFileError.self) { try await migrator.runDataMigrations() }
        #expect(error?.problem == "unknown setting `sett`")
        #expect(error?.nextStep?.hasPrefix("did you mean `set`?") == true)
        try project.addData("20240101000000_a.toml", "table = \"users\"\nset = \"role = 'x'\"\nbatch_time = \"fast\"\n")
        error = await #expect(throws: MigrationFileError.self) { try await migrator.runDataMigrations() }
        #expect(error?.problem == "`batch_time` must be a duration such as \"200ms\", \"5s\" or \"2m\", not \"fast\"")
        try project.addData("20240101000000_a.toml", "table = \"users\"\nset = \"role = 'x'\"\n")
        try project.addData("notes.txt", "x")
        error = await #expect(throws: MigrationFileError.self) { try await migrator.runDataMigrations() }
        #expect(error?.problem == "is not a data migration")
        #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent("test.db").path), "nothing was opened")
    }
}
