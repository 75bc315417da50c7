import Foundation
import Strata
import StrataPostgres
import StrataSQLite

/// A temporary project folder with a `migrations/` folder the test fills.
final class TestProject: Sendable {
    let root: URL
    let migrations: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("strata-test-\(UUID().uuidString)")
        migrations = root.appendingPathComponent("migrations")
        try FileManager.default.createDirectory(at: migrations, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes `migrations/<name>/migration.sql` (and `down.sql`).
    @discardableResult
    func add(_ name: String, _ up: String, down: String? = nil) throws -> URL {
        let folder = migrations.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(up.utf8).write(to: folder.appendingPathComponent("migration.sql"))
        if let down { try Data(down.utf8).write(to: folder.appendingPathComponent("down.sql")) }
        return folder
    }

    /// Overwrites a migration's up script.
    func edit(_ name: String, _ up: String) throws {
        try Data(up.utf8).write(to: migrations.appendingPathComponent(name).appendingPathComponent("migration.sql"))
    }

    func remove(_ name: String) throws {
        try FileManager.default.removeItem(at: migrations.appendingPathComponent(name))
    }

    /// A migrator on `database` for this project's migrations.
    func migrator(
        _ database: TestDatabase, production: Bool = false, lockTimeout: Duration = .seconds(60),
        statementLockTimeout: Duration? = Configuration.defaultStatementLockTimeout, lockRetries: Int = 3
    ) throws -> Migrator {
        let configuration = Configuration(
            url: try DatabaseURL(database.url), migrationsPath: migrations.path, isProduction: production,
            lockTimeout: lockTimeout, statementLockTimeout: statementLockTimeout, lockRetries: lockRetries,
            environmentName: production ? "production" : nil)
        return try Migrator(configuration: configuration, drivers: [.postgres, .sqlite])
    }
}

/// Runs a test body with a fresh project and database, dropping the database after.
func withFreshDatabase(
    _ backend: Backend, _ body: (TestProject, TestDatabase) async throws -> Void
) async throws {
    let project = try TestProject()
    let database = try await TestDatabase.make(backend, in: project.root)
    do {
        try await body(project, database)
        await database.drop()
    } catch {
        await database.drop()
        throw error
    }
}
