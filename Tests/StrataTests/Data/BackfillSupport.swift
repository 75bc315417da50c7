import Foundation
import Synchronization
import Strata
import StrataPostgres
import StrataSQLite
import Testing

/// A table for backfill tests on either database: `users (id, role, updates)`
/// with a trigger that counts each row's updates, so "exactly once" is a
/// fact the database records, not one the backfill reports.
enum BackfillFixture {
    /// Creates the table with `rows` rows (`role` NULL) and the counting trigger.
    static func createUsers(_ rows: Int, on session: any Database, backend: Backend) async throws {
        switch backend {
        case .postgres:
            try await session.execute("CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, role text, updates int NOT NULL DEFAULT 0)")
            try await session.execute("""
                CREATE FUNCTION count_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.updates := OLD.updates + 1; RETURN NEW; END $$
                """)
            try await session.execute("CREATE TRIGGER users_updates BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION count_update()")
            try await session.execute("INSERT INTO users (id, name) SELECT g, 'user ' || g FROM generate_series(1, \(rows)) g")
            try await session.execute("ANALYZE users")
        case .sqlite:
            try await session.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, role TEXT, updates INTEGER NOT NULL DEFAULT 0)")
            try await session.execute("""
                CREATE TRIGGER users_updates AFTER UPDATE OF role ON users
                BEGIN UPDATE users SET updates = updates + 1 WHERE id = NEW.id; END
                """)
            try await session.execute("""
                WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < \(rows))
                INSERT INTO users (id, name) SELECT n, 'user ' || n FROM g
                """)
        }
    }

    /// How many rows were updated how often: `[updates: rows]`.
    static func updateCounts(_ database: TestDatabase) async throws -> [Int64: Int64] {
        var counts: [Int64: Int64] = [:]
        for row in try await database.query("SELECT updates, count(*) AS n FROM users GROUP BY updates") {
            counts[row["updates"].integer ?? -1] = row["n"].integer ?? 0
        }
        return counts
    }

    static let roleBackfill = Backfill(table: TableReference(name: "users"), set: "role = 'USER'", where: "role IS NULL")
}

/// Collects a backfill's events.
final class BackfillEvents: Sendable {
    private let events = Mutex<[BackfillEvent]>([])

    func record(_ event: BackfillEvent) { events.withLock { $0.append(event) } }

    var all: [BackfillEvent] { events.withLock { $0 } }

    var batchSizes: [Int] {
        all.compactMap { if case .batch(let progress) = $0 { progress.batchSize } else { nil } }
    }

    var retries: [String] {
        all.compactMap { if case .retrying(let reason, _) = $0 { reason } else { nil } }
    }
}

extension TestProject {
    /// A migrator whose data migrations folder is the project's `data/`.
    func dataMigrator(_ database: TestDatabase, statementLockTimeout: Duration? = Configuration.defaultStatementLockTimeout) throws -> Migrator {
        var configuration = try migrator(database, statementLockTimeout: statementLockTimeout).configuration
        configuration.dataPath = root.appendingPathComponent("data").path
        return try Migrator(configuration: configuration, drivers: [.postgres, .sqlite])
    }

    /// Writes `data/<name>`.
    func addData(_ name: String, _ text: String) throws {
        let folder = root.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }
}
