import Foundation
import Strata
import StrataPostgres
import StrataSQLite
import Testing

extension TestProject {
    /// A migrator whose seeds folder is the project's `seeds/`.
    func seedMigrator(_ database: TestDatabase) throws -> Migrator {
        var configuration = try migrator(database).configuration
        configuration.seedsPath = root.appendingPathComponent("seeds").path
        return try Migrator(configuration: configuration, drivers: [.postgres, .sqlite])
    }

    /// Writes `seeds/<name>`.
    func addSeed(_ name: String, _ text: String) throws {
        let folder = root.appendingPathComponent("seeds")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }
}

/// A Swift seeder: an admin with a computed value.
private struct AdminSeeder: Seeder {
    let name = "admin"
    var version = "1"

    func seed(_ session: any DatabaseSession) async throws {
        _ = try await session.execute(
            "INSERT INTO people (id, name) VALUES (100, \(session.dialect.placeholder(1)))", parameters: [.text("admin-" + version)])
    }
}

@Suite("Seeds")
struct SeedTests {
    @Test("db seed runs seeds/*.sql in order, then seeders, once each; edited ones are reported; --force runs them again", arguments: Backend.allCases)
    func seedsRunOnce(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("20240101000000_people", "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL);")
            try project.addSeed("002_more.sql", "INSERT INTO people (id, name) VALUES (3, 'Carol');")
            try project.addSeed("001_people.sql", "INSERT INTO people (id, name) VALUES (1, 'Ada');\nINSERT INTO people (id, name) VALUES (2, 'Alan')")
            try project.addSeed("README.md", "what the seeds are")
            let migrator = try project.seedMigrator(database)
            try await migrator.deploy()
            let first = try await migrator.seed(SeedOptions(seeders: [AdminSeeder()]))
            #expect(first.outcomes.map(\.name) == ["seeds/001_people.sql", "seeds/002_more.sql", "seeder:admin"])
            #expect(first.outcomes.map(\.result) == [.ran, .ran, .ran])
            #expect(first.outcomes.first?.statements == 2)
            let second = try await migrator.seed(SeedOptions(seeders: [AdminSeeder()]))
            #expect(second.outcomes.map(\.result) == [.alreadyRan, .alreadyRan, .alreadyRan])
            #expect(try await database.query("SELECT count(*) AS n FROM people").first?["n"].integer == 4, "no row inserted twice")

            try project.addSeed("002_more.sql", "INSERT INTO people (id, name) VALUES (4, 'Dora');")
            let edited = try await migrator.seed(SeedOptions(seeders: [AdminSeeder(version: "2")]))
            #expect(edited.outcomes.map(\.result) == [.alreadyRan, .changed, .changed])
            #expect(try await database.query("SELECT count(*) AS n FROM people").first?["n"].integer == 4, "a changed seed does not run by itself")

            let only = try await migrator.seed(SeedOptions(force: true, only: "002_more"))
            #expect(only.outcomes.map(\.name) == ["seeds/002_more.sql"])
            #expect(only.ran.count == 1)
            #expect(try await database.query("SELECT name FROM people WHERE id = 4").first?["name"].string == "Dora")
            // Data migrations' status does not list seeds.
            #expect(try await migrator.dataStatus().entries.isEmpty)
        }
    }

    @Test("a failing seed names its file and line, and leaves nothing of itself", arguments: Backend.allCases)
    func failingSeed(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("20240101000000_people", "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL);")
            try project.addSeed("001_people.sql", "INSERT INTO people (id, name) VALUES (1, 'Ada');\n\nINSERT INTO people (id, name) VALUES (1, 'Twice');\n")
            let migrator = try project.seedMigrator(database)
            try await migrator.deploy()
            let error = await #expect(throws: DataScriptFailedError.self) { try await migrator.seed() }
            #expect(error?.location.line == 3)
            #expect(error?.summary.contains("001_people.sql:3:") == true)
            #expect(error?.nextStep == "fix the script, then run `strata db seed --force` again")
            #expect(try await database.query("SELECT count(*) AS n FROM people").first?["n"].integer == 0)
            let unknown = await #expect(throws: RefusalError.self) { try await migrator.seed(SeedOptions(only: "001_peple")) }
            #expect(unknown?.nextStep?.contains("did you mean `001_people`?") == true)
        }
    }

    @Test("migrate reset runs every seed after the migrations, and not with seed off", arguments: Backend.allCases)
    func resetSeeds(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("20240101000000_people", "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL);")
            try project.addSeed("001_people.sql", "INSERT INTO people (id, name) VALUES (1, 'Ada');")
            let migrator = try project.seedMigrator(database)
            try await migrator.deploy()
            _ = try await migrator.seed()
            let reset = try await migrator.reset(ResetOptions(force: true))
            #expect(reset.seeds?.outcomes.map(\.result) == [.ran])
            #expect(try await database.query("SELECT count(*) AS n FROM people").first?["n"].integer == 1)
            let unseeded = try await migrator.reset(ResetOptions(force: true, seed: false))
            #expect(unseeded.seeds == nil)
            #expect(try await database.query("SELECT count(*) AS n FROM people").first?["n"].integer == 0)
        }
    }
}
