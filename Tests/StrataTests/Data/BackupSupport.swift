import Foundation
import Synchronization
import Strata
import StrataPostgres
import StrataSQLite
import Testing

/// Backups in tests: a migrator whose backups go into the project's
/// `.strata/backups`, with PostgreSQL's `pg_dump` found as `scripts/postgres`
/// finds the server (`/usr/lib/postgresql/<newest>/bin`).
enum BackupFixture {
    /// The newest `/usr/lib/postgresql/*/bin/pg_dump`, else `pg_dump` on `PATH`.
    static var pgDump: String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        for version in versions.reversed() {
            let path = "\(root)/\(version)/bin/pg_dump"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return folders.map { "\($0)/pg_dump" }.first(where: FileManager.default.isExecutableFile(atPath:))
    }

    /// The `pg_dump` PostgreSQL tests need: without one the test is skipped (outside CI) or fails (in CI).
    static func requirePgDump() throws -> String {
        if let pgDump { return pgDump }
        if Backend.isCI { throw MissingPgDump() }
        try Test.cancel("no pg_dump under /usr/lib/postgresql/*/bin or on PATH: install postgresql-client")
    }

    struct MissingPgDump: Error, CustomStringConvertible {
        var description: String { "pg_dump is neither under /usr/lib/postgresql/*/bin nor on PATH" }
    }

    /// `users (id, name, email)` with three rows, in its own migration, applied.
    static let createUsers = """
        CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, email text NOT NULL DEFAULT 'none');
        INSERT INTO users (id, name, email) VALUES (1, 'ada', 'ada@example.com'), (2, 'bob', 'bob@example.com'), (3, 'cy', 'c''y@example.com');
        """

    static let expectedEmails: [Int64: String] = [1: "ada@example.com", 2: "bob@example.com", 3: "c'y@example.com"]

    /// `id -> email` of `users`.
    static func emails(_ database: TestDatabase) async throws -> [Int64: String] {
        var emails: [Int64: String] = [:]
        for row in try await database.query("SELECT id, email FROM users") {
            emails[row["id"].integer ?? -1] = row["email"].string
        }
        return emails
    }

    /// Whether `users` still has its `email` column.
    static func hasEmail(_ database: TestDatabase) async throws -> Bool {
        switch database.backend {
        case .postgres: try await !database.query("SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'email'").isEmpty
        case .sqlite: try await !database.query("SELECT 1 FROM pragma_table_info('users') WHERE name = 'email'").isEmpty
        }
    }
}

extension TestProject {
    /// The project's backups folder.
    var backups: URL { root.appendingPathComponent(".strata/backups") }

    /// A migrator that backs up into ``backups`` (or not, with `enabled` false),
    /// with `pgDump` as the `pg_dump` to run (PostgreSQL: the one found, unless given).
    func backupMigrator(_ database: TestDatabase, enabled: Bool = true, pgDump: String? = nil) throws -> Migrator {
        var configuration = try migrator(database).configuration
        let dump = try pgDump ?? (database.backend == .postgres ? BackupFixture.requirePgDump() : nil)
        configuration.backup = BackupConfiguration(enabled: enabled, directory: backups.path, pgDump: dump)
        return try Migrator(configuration: configuration, drivers: [.postgres, .sqlite])
    }

    /// Writes an executable script `tools/<name>` and returns its path.
    func tool(_ name: String, _ script: String) throws -> String {
        let folder = root.appendingPathComponent("tools")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try Data(script.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    /// The backup folders written so far, oldest first.
    var backupFolders: [BackupFolder] { BackupFolder.all(in: backups.path) }
}

/// Collects a run's events.
final class RunEvents: Sendable {
    private let events = Mutex<[MigratorEvent]>([])

    var handler: MigratorEventHandler { { [self] event in events.withLock { $0.append(event) } } }

    var backups: [BackupEvent] {
        events.withLock { $0 }.compactMap { if case .backup(let event) = $0 { event } else { nil } }
    }
}
