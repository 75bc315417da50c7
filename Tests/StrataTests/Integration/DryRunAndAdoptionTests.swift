import Foundation
import Strata
import StrataSQLite
import Testing

/// `--dry-run`, Prisma-style folders and adopting a database Prisma migrated.
@Suite("Dry run and adoption")
struct DryRunAndAdoptionTests {
    @Test("--dry-run prints the exact SQL, bookkeeping included, and changes nothing", arguments: Backend.allCases)
    func dryRun(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);", down: "DROP TABLE a;")
            let migrator = try project.migrator(database)
            let objectsBefore = try await objectCount(database)

            let report = try await migrator.deploy(DeployOptions(dryRun: true))
            let sql = try #require(report.dryRunSQL)
            #expect(report.planned == ["001_a"])
            #expect(report.applied.isEmpty)
            #expect(sql.contains("CREATE TABLE IF NOT EXISTS"))
            #expect(sql.contains("CREATE TABLE a (id INTEGER);"))
            #expect(sql.contains("'001_a'"))
            let lines = sql.split(separator: "\n").map(String.init)
            let begin = try #require(lines.firstIndex { $0.hasPrefix("BEGIN") })
            let statement = try #require(lines.firstIndex(of: "CREATE TABLE a (id INTEGER);"))
            let commit = try #require(lines.firstIndex(of: "COMMIT;"))
            #expect(begin < statement && statement < commit)
            #expect(try await objectCount(database) == objectsBefore)

            try await migrator.deploy()
            let downSQL = try #require(try await migrator.down(DownOptions(dryRun: true)).dryRunSQL)
            #expect(downSQL.contains("DROP TABLE a;"))
            #expect(try await database.tableExists("a"))
            let resetSQL = try #require(try await migrator.reset(ResetOptions(dryRun: true)).dryRunSQL)
            #expect(resetSQL.contains("DROP TABLE IF EXISTS"))
            #expect(try await database.tableExists("a"))
            #expect(try await database.history().count == 1)
        }
    }

    @Test("status, dry runs, a down with nothing to do and a refused resolve on a missing SQLite file leave no file behind")
    func readOnlyRunsCreateNoFile() async throws {
        let project = try TestProject()
        try project.add("001_a", "CREATE TABLE a (id INTEGER);", down: "DROP TABLE a;")
        let file = project.root.appendingPathComponent("not-yet.db")
        let configuration = Configuration(url: try DatabaseURL("sqlite:" + file.path), migrationsPath: project.migrations.path)
        let migrator = try Migrator(configuration: configuration, drivers: [.sqlite])

        let status = try await migrator.status()
        #expect(status.migrations.map(\.state) == [.pending])
        #expect(status.historySource == .none)
        let deploy = try await migrator.deploy(DeployOptions(dryRun: true))
        #expect(deploy.dryRunSQL?.contains("CREATE TABLE a (id INTEGER);") == true)
        _ = try await migrator.reset(ResetOptions(dryRun: true))
        _ = try await migrator.baseline(to: "001_a", dryRun: true)
        // Nothing to roll back, nothing to resolve: nothing to create either.
        #expect(try await migrator.down().rolledBack.isEmpty)
        await #expect(throws: RefusalError.self) { try await migrator.resolve("001_a", as: .applied) }
        #expect(!FileManager.default.fileExists(atPath: file.path))

        try await migrator.deploy()
        #expect(FileManager.default.fileExists(atPath: file.path))
        #expect(try await migrator.status().migrations.map(\.state) == [.applied])
    }

    @Test("a first migration that finds its tables there already says how baseline adopts the database", arguments: Backend.allCases)
    func existingSchemaPointsAtBaseline(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try await database.withSession { try await $0.execute("CREATE TABLE users (id INTEGER PRIMARY KEY)") }
            try project.add("001_users", "CREATE TABLE users (id INTEGER PRIMARY KEY);")
            try project.add("002_posts", "CREATE TABLE posts (id INTEGER PRIMARY KEY);")
            let migrator = try project.migrator(database)
            let failure = await #expect(throws: MigrationFailedError.self) { try await migrator.deploy() }
            #expect(failure?.onExistingSchema == true)
            #expect(failure?.nextStep?.contains("strata migrate baseline --to") == true)
            // The failure left nothing, so baseline records it without a resolve first.
            #expect(try await migrator.baseline(to: "001_users").recorded == ["001_users"])
            #expect(try await migrator.deploy().applied.map(\.name) == ["002_posts"])

            // Not the first migration on an empty history: a plain failure.
            try project.add("003_again", "CREATE TABLE posts (id INTEGER PRIMARY KEY);")
            let later = await #expect(throws: MigrationFailedError.self) { try await migrator.deploy() }
            #expect(later?.onExistingSchema == false)
        }
    }

    @Test("Prisma folder names deploy in byte order; an adopted _prisma_migrations counts as applied", arguments: Backend.allCases)
    func prismaAdoption(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let first = "CREATE TABLE \"User\" (\"id\" TEXT NOT NULL PRIMARY KEY);\n"
            let second = "-- This is an empty migration."
            try project.add("01_init", first)
            try project.add("20240126184148_new_models copy", second)
            try project.add("20250625_add_x", "CREATE TABLE \"Post\" (\"id\" TEXT NOT NULL PRIMARY KEY)")
            try Data("provider = \"\(backend == .postgres ? "postgresql" : "sqlite")\"\n".utf8)
                .write(to: project.migrations.appendingPathComponent("migration_lock.toml"))

            try await database.withSession { session in
                try await session.execute(first)
                try await session.execute("""
                    CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY, checksum VARCHAR(64) NOT NULL,
                    finished_at TIMESTAMP, migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMP,
                    started_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, applied_steps_count INTEGER NOT NULL DEFAULT 0)
                    """)
                for (index, (name, body)) in [("01_init", first), ("20240126184148_new_models copy", second)].enumerated() {
                    try await session.execute("""
                        INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count)
                        VALUES ('id-\(index)', '\(Checksum.sha256Hex(Data(body.utf8)))', CURRENT_TIMESTAMP, '\(name)', 1)
                        """)
                }
            }
            let migrator = try project.migrator(database)
            let status = try await migrator.status()
            #expect(status.historySource == .prisma)
            #expect(status.migrations.map(\.name) == ["01_init", "20240126184148_new_models copy", "20250625_add_x"])
            #expect(status.migrations.map(\.state) == [.applied, .applied, .pending])

            let report = try await migrator.deploy()
            #expect(report.importedPrismaRows == 2)
            #expect(report.applied.map(\.name) == ["20250625_add_x"])
            let history = try await database.history()
            #expect(history.map { $0["operation"].string } == ["prisma", "prisma", "deploy"])
            #expect(try await migrator.status().historySource == .strata)
        }
    }

    @Test("migration_lock.toml naming another database is a clear error", arguments: Backend.allCases)
    func wrongProvider(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            try Data("provider = \"mysql\"\n".utf8).write(to: project.migrations.appendingPathComponent("migration_lock.toml"))
            let error = await #expect(throws: ConfigurationError.self) { try await project.migrator(database).deploy() }
            #expect(error?.summary.contains("mysql") == true)
        }
    }

    private func objectCount(_ database: TestDatabase) async throws -> Int64 {
        let sql = database.backend == .postgres
            ? "SELECT COUNT(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
            : "SELECT COUNT(*) AS n FROM sqlite_master"
        return try await database.query(sql).first?["n"].integer ?? -1
    }
}
