import Foundation
import Strata
import StrataPostgres
import Synchronization
import Testing

/// Zero-downtime recipes on PostgreSQL, each run step by step while a
/// writer inserts and updates the table at a steady rate. The writer runs
/// with the migrations' own `lock_timeout`: a wait longer than it would be
/// an error in the writer, so "no writer error" also proves "no lock wait
/// above the lock timeout".
@Suite("Zero-downtime recipes", .serialized)
struct RecipeTests {
    static let lockTimeout: Duration = .milliseconds(500)

    static let requests: [RecipeRequest] = [
        RecipeRequest(recipe: .addRequiredColumn, table: TableReference(name: "users"), column: "role", type: "text", defaultValue: "'USER'"),
        RecipeRequest(recipe: .renameColumn, table: TableReference(name: "users"), column: "nickname", newName: "handle", type: "text"),
        RecipeRequest(recipe: .changeColumnType, table: TableReference(name: "users"), column: "amount", type: "bigint"),
        RecipeRequest(recipe: .addIndex, table: TableReference(name: "users"), columns: ["amount"]),
        RecipeRequest(recipe: .addUnique, table: TableReference(name: "users"), columns: ["email"]),
        RecipeRequest(
            recipe: .addForeignKey, table: TableReference(name: "posts"), columns: ["author_id"],
            references: TableReference(name: "users"), referencedColumns: ["id"]),
        RecipeRequest(recipe: .addCheck, table: TableReference(name: "users"), check: "amount >= 0", name: "users_amount_positive"),
    ]

    @Test("each recipe, step by step under a steady writer: no writer error, no lock wait past lock_timeout, the change made",
          arguments: requests.map(\.recipe))
    func underConcurrentWrites(_ recipe: Recipe) async throws {
        let request = try #require(Self.requests.first { $0.recipe == recipe })
        try await withFreshDatabase(.postgres) { project, database in
            try await database.withSession { session in
                try await session.execute("""
                    CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL, nickname text, amount int NOT NULL DEFAULT 0)
                    """)
                try await session.execute("""
                    INSERT INTO users (email, nickname, amount) SELECT 'user' || g || '@example.com', 'nick ' || g, g % 100
                    FROM generate_series(1, 50000) g
                    """)
                try await session.execute("CREATE TABLE posts (id bigserial PRIMARY KEY, author_id bigint NOT NULL)")
                try await session.execute("INSERT INTO posts (author_id) SELECT 1 + g % 50000 FROM generate_series(1, 20000) g")
                try await session.execute("ANALYZE")
            }
            let migrator = try project.dataMigrator(database, statementLockTimeout: Self.lockTimeout)
            let files = try migrator.newRecipe(request)
            let writer = try await SteadyWriter.start(database, lockTimeout: Self.lockTimeout, recipe: recipe)
            do {
                for file in files {
                    if file.path.hasSuffix(".toml") {
                        _ = try await migrator.runDataMigrations()
                    } else {
                        let name = URL(fileURLWithPath: file.path).deletingLastPathComponent().lastPathComponent
                        if file.step == files.count, recipe == .renameColumn { writer.useNewColumn() }
                        _ = try await migrator.deploy(DeployOptions(target: name))
                    }
                    try await Task.sleep(for: .milliseconds(100))
                }
            } catch {
                await writer.stop()
                throw error
            }
            let result = await writer.stop()
            #expect(result.errors.isEmpty, "the writer failed: \(result.errors.prefix(3))")
            #expect(result.writes > 50, "the writer kept writing: \(result.writes)")
            // Measured on the server (pg_stat_activity's wait_event_type = 'Lock'), so a loaded machine's slow writes do not count.
            #expect(result.longestLockWait < Self.lockTimeout, "the writer waited \(result.longestLockWait) for a lock (slowest write \(result.slowest))")
            try await Self.expectChange(recipe, database)
        }
    }

    @Test("the measure can fail: a migration holding the table's lock for a second fails the writer")
    func controlHoldingTheLock() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            try await database.withSession { session in
                try await session.execute("CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL, nickname text, amount int NOT NULL DEFAULT 0)")
                try await session.execute("CREATE TABLE posts (id bigserial PRIMARY KEY, author_id bigint NOT NULL)")
            }
            try project.add("20240101000000_unsafe", "LOCK TABLE users IN ACCESS EXCLUSIVE MODE;\nSELECT pg_sleep(1);")
            let migrator = try project.dataMigrator(database, statementLockTimeout: Self.lockTimeout)
            let writer = try await SteadyWriter.start(database, lockTimeout: Self.lockTimeout, recipe: .addIndex)
            try await Task.sleep(for: .milliseconds(100))
            _ = try await migrator.deploy()
            let result = await writer.stop()
            #expect(result.errors.contains { $0.contains("55P03") }, "the writer gave up waiting: \(result.errors.prefix(2))")
            #expect(result.longestLockWait >= .milliseconds(300), "the lock wait was seen: \(result.longestLockWait)")
        }
    }

    /// What each recipe must leave behind.
    static func expectChange(_ recipe: Recipe, _ database: TestDatabase) async throws {
        func one(_ sql: String) async throws -> String? { try await database.query(sql).first?.values.first?.string }
        switch recipe {
        case .addRequiredColumn:
            #expect(try await one("SELECT is_nullable FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'role'") == "NO")
            #expect(try await one("SELECT count(*) FROM users WHERE role = 'USER'") == (try await one("SELECT count(*) FROM users")))
        case .renameColumn:
            #expect(try await one("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'nickname'") == "0")
            #expect(try await one("SELECT handle FROM users WHERE id = 7") == "nick 7")
        case .changeColumnType:
            #expect(try await one("SELECT data_type FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'amount'") == "bigint")
            #expect(try await one("SELECT count(*) FROM users WHERE amount IS NULL") == "0")
        case .addIndex:
            #expect(try await one("SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_amount_idx'::regclass") == "true")
        case .addUnique:
            #expect(try await one("SELECT contype FROM pg_constraint WHERE conname = 'users_email_key'") == "u")
        case .addForeignKey, .addCheck:
            #expect(try await one("SELECT count(*) FROM pg_constraint WHERE conname IN ('posts_author_id_fkey', 'users_amount_positive') AND convalidated") == "1")
        }
    }
}

/// Inserts and updates `users` (and inserts `posts`) every few
/// milliseconds on its own session, timing each write; a second session
/// watches how long the writer waits for locks, as the server reports it.
final class SteadyWriter: Sendable {
    struct Result: Sendable {
        var writes = 0
        var errors: [String] = []
        var slowest: Duration = .zero
        /// The longest stretch the writer's backend spent waiting for a lock.
        var longestLockWait: Duration = .zero
    }

    private let state = Mutex(Result())
    private let newColumn = Atomic<Bool>(false)
    private let task = Mutex<Task<Void, Never>?>(nil)
    private let watcher = Mutex<Task<Void, Never>?>(nil)

    static func start(_ database: TestDatabase, lockTimeout: Duration, recipe: Recipe) async throws -> SteadyWriter {
        let writer = SteadyWriter()
        let session = try await database.session()
        try await session.execute("SET lock_timeout = '\(lockTimeout.milliseconds)ms'")
        let pid = try await session.query("SELECT pg_backend_pid()::text AS pid").first?["pid"].string ?? "0"
        let watching = try await database.session()
        writer.watcher.withLock {
            $0 = Task {
                let clock = ContinuousClock()
                var waitingSince: ContinuousClock.Instant?
                while !Task.isCancelled {
                    let waiting = (try? await watching.query(
                        "SELECT wait_event_type FROM pg_stat_activity WHERE pid = \(pid)"))?.first?["wait_event_type"].string == "Lock"
                    let now = clock.now
                    if waiting {
                        let since = waitingSince ?? now
                        waitingSince = since
                        writer.state.withLock { $0.longestLockWait = max($0.longestLockWait, now - since) }
                    } else {
                        waitingSince = nil
                    }
                    try? await Task.sleep(for: .milliseconds(10))
                }
                await watching.close()
            }
        }
        writer.task.withLock {
            $0 = Task {
                var number = 0
                let clock = ContinuousClock()
                while !Task.isCancelled {
                    number += 1
                    let column = writer.newColumn.load(ordering: .relaxed) ? "handle" : "nickname"
                    let writes = [
                        "INSERT INTO users (email, \(column), amount) VALUES ('writer\(number)-\(UUID().uuidString)@example.com', 'w\(number)', \(number % 50))",
                        "UPDATE users SET amount = amount + 1 WHERE id = \(1 + number * 7919 % 50000)",
                        "INSERT INTO posts (author_id) VALUES (\(1 + number % 50000))",
                    ]
                    for sql in writes {
                        let start = clock.now
                        do {
                            try await session.execute(sql)
                        } catch {
                            if Task.isCancelled { break }
                            writer.state.withLock { $0.errors.append("\(sql): \(error)") }
                        }
                        let took = clock.now - start
                        writer.state.withLock {
                            $0.writes += 1
                            $0.slowest = max($0.slowest, took)
                        }
                    }
                    try? await Task.sleep(for: .milliseconds(5))
                }
                await session.close()
            }
        }
        return writer
    }

    /// The application's next release: it writes the renamed column.
    func useNewColumn() { newColumn.store(true, ordering: .relaxed) }

    @discardableResult
    func stop() async -> Result {
        let running = task.withLock { $0 }
        running?.cancel()
        await running?.value
        let watching = watcher.withLock { $0 }
        watching?.cancel()
        await watching?.value
        return state.withLock { $0 }
    }
}
