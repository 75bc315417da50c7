import Foundation
import Strata
import Testing

/// Backfills on real databases: exact keyset batches, resuming, locks, errors.
@Suite("Backfill")
struct BackfillTests {
    @Test("every matching row is changed once, in batches along the key", arguments: Backend.allCases)
    func changesEveryRowOnce(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try await database.withSession { try await BackfillFixture.createUsers(2_500, on: $0, backend: backend) }
            try await database.withSession { session in
                // Set up without counting: only the backfill's updates are counted.
                if backend == .postgres { try await session.execute("ALTER TABLE users DISABLE TRIGGER users_updates") }
                try await session.execute("UPDATE users SET role = 'ADMIN', updates = 0 WHERE id % 10 = 0")
                try await session.execute("UPDATE users SET updates = 0")
                if backend == .postgres { try await session.execute("ALTER TABLE users ENABLE TRIGGER users_updates") }
            }
            var backfill = BackfillFixture.roleBackfill
            backfill.batching = .rows(300)
            let events = BackfillEvents()
            let report = try await project.dataMigrator(database).backfill(backfill) { events.record($0) }
            #expect(report.rowsDone == 2_250)
            #expect(report.batches == 8, "2,250 matching rows in batches of 300")
            #expect(report.keyColumns == ["id"])
            let counts = try await BackfillFixture.updateCounts(database)
            #expect(counts == [1: 2_250, 0: 250])
            let roles = try await database.query("SELECT role, count(*) AS n FROM users GROUP BY role ORDER BY role")
            #expect(roles.map { "\($0["role"].string ?? "NULL")=\($0["n"].integer ?? 0)" } == ["ADMIN=250", "USER=2250"])
            let again = try await project.dataMigrator(database).backfill(backfill)
            #expect(again.alreadyCompleted)
            #expect(again.rowsDone == 2_250)
        }
    }

    @Test("a composite key of integer and uuid, a microsecond timestamp key and a bytea key carry exactly to the next batch")
    func exoticKeys() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            try await database.withSession { session in
                try await session.execute("CREATE TABLE accounts (tenant int, id uuid DEFAULT gen_random_uuid(), touched int NOT NULL DEFAULT 0, PRIMARY KEY (tenant, id))")
                try await session.execute("INSERT INTO accounts (tenant) SELECT g % 7 FROM generate_series(1, 3000) g")
                try await session.execute("CREATE TABLE events (at timestamp(6) PRIMARY KEY, touched int NOT NULL DEFAULT 0)")
                // Keys a microsecond apart: a key rounded to milliseconds would skip or repeat rows.
                try await session.execute("INSERT INTO events (at) SELECT timestamp '2024-01-01' + g * interval '1 microsecond' FROM generate_series(1, 3000) g")
                try await session.execute("CREATE TABLE blobs (k bytea PRIMARY KEY, touched int NOT NULL DEFAULT 0)")
                try await session.execute("INSERT INTO blobs (k) SELECT decode(md5(g::text), 'hex') FROM generate_series(1, 3000) g")
            }
            for table in ["accounts", "events", "blobs"] {
                let backfill = Backfill(table: TableReference(name: table), set: "touched = touched + 1", batching: .rows(97))
                let report = try await project.dataMigrator(database).backfill(backfill)
                #expect(report.rowsDone == 3000, "\(table)")
                let counts = try await database.query("SELECT touched, count(*) AS n FROM \(table) GROUP BY touched")
                #expect(counts.count == 1 && counts.first?["touched"].integer == 1, "\(table): every row once, \(counts.map(\.values))")
            }
        }
    }

    @Test("a table without a primary key is walked by rowid on SQLite, and refused on PostgreSQL", arguments: Backend.allCases)
    func tableWithoutPrimaryKey(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try await database.withSession { session in
                try await session.execute("CREATE TABLE notes (body TEXT, touched INTEGER NOT NULL DEFAULT 0)")
                try await session.execute("INSERT INTO notes (body) VALUES ('a'), ('b'), ('c')")
            }
            let backfill = Backfill(table: TableReference(name: "notes"), set: "touched = touched + 1", batching: .rows(2))
            switch backend {
            case .sqlite:
                let report = try await project.dataMigrator(database).backfill(backfill)
                #expect(report.keyColumns == ["rowid"])
                #expect(try await database.query("SELECT sum(touched) AS n FROM notes").first?["n"].integer == 3)
            case .postgres:
                let error = await #expect(throws: RefusalError.self) { try await project.dataMigrator(database).backfill(backfill) }
                #expect(error?.summary == "the table notes has no primary key for batches to walk along")
                #expect(error?.nextStep?.contains("--key") == true)
                var keyed = backfill
                keyed.key = ["body"]
                #expect(try await project.dataMigrator(database).backfill(keyed).rowsDone == 3)
            }
        }
    }

    @Test("a batch that fails is rolled back; the next run resumes after the last committed batch", arguments: Backend.allCases)
    func resumesAfterFailure(_ backend: Backend) async throws {
        struct Boom: Error {}
        try await withFreshDatabase(backend) { project, database in
            try await database.withSession { try await BackfillFixture.createUsers(1_000, on: $0, backend: backend) }
            var failing = BackfillFixture.roleBackfill
            failing.batching = .rows(100)
            failing.perBatch = { batch, _ in if batch.number == 4 { throw Boom() } }
            await #expect(throws: Boom.self) { try await project.dataMigrator(database).backfill(failing) }
            let counts = try await BackfillFixture.updateCounts(database)
            #expect(counts == [1: 300, 0: 700], "three batches stay done")
            let status = try await project.dataMigrator(database).dataStatus()
            #expect(status.entries.first?.record?.state == .failed)
            #expect(status.entries.first?.record?.rowsDone == 300)
            var fixed = failing
            fixed.perBatch = nil
            let report = try await project.dataMigrator(database).backfill(fixed)
            #expect(report.resumed)
            #expect(report.rowsThisRun == 700)
            #expect(report.rowsDone == 1_000)
            let finalCounts = try await BackfillFixture.updateCounts(database)
            #expect(finalCounts == [1: 1_000])
        }
    }

    @Test("cancelling rolls back the batch in flight and says how to resume; the next run finishes", arguments: Backend.allCases)
    func cancelAndResume(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try await database.withSession { try await BackfillFixture.createUsers(2_000, on: $0, backend: backend) }
            var slow = BackfillFixture.roleBackfill
            slow.batching = .rows(50)
            slow.perBatch = { _, _ in try await Task.sleep(for: .milliseconds(20)) }
            let migrator = try project.dataMigrator(database)
            let batches = AsyncStream<Void>.makeStream()
            let run = Task {
                try await migrator.backfill(slow, command: "strata data backfill ...") { event in
                    if case .batch = event { batches.continuation.yield() }
                }
            }
            var seen = 0
            for await _ in batches.stream {
                seen += 1
                if seen == 3 { break }
            }
            run.cancel()
            let error = await #expect(throws: BackfillInterruptedError.self) { try await run.value }
            #expect(error?.nextStep == "run `strata data backfill ...` again to resume where it stopped")
            let done = try #require(error?.rowsDone)
            #expect(done > 0 && done < 2_000)
            let counts = try await BackfillFixture.updateCounts(database)
            #expect(counts == [1: Int64(done), 0: Int64(2_000 - done)])
            #expect(try await migrator.dataStatus().entries.first?.record?.state == .interrupted)
            var fast = slow
            fast.perBatch = nil
            let report = try await migrator.backfill(fast)
            #expect(report.rowsDone == 2_000)
            let finalCounts = try await BackfillFixture.updateCounts(database)
            #expect(finalCounts == [1: 2_000])
        }
    }

    @Test("a second run of the same backfill is refused while the first holds its lock", arguments: Backend.allCases)
    func runsNeverOverlap(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try await database.withSession { try await BackfillFixture.createUsers(500, on: $0, backend: backend) }
            let started = AsyncStream<Void>.makeStream()
            var slow = BackfillFixture.roleBackfill
            slow.batching = .rows(25)
            // 20 batches with rests between them, outside any transaction
            // (SQLite's writers, the second run's lock, get their turn then):
            // longer than the second run waits for the lock to go.
            slow.pause = .milliseconds(150)
            let migrator = try project.dataMigrator(database)
            let first = Task {
                try await migrator.backfill(slow) { event in
                    if case .batch = event { started.continuation.yield() }
                }
            }
            for await _ in started.stream { break }
            let error = await #expect(throws: RefusalError.self) { try await migrator.backfill(BackfillFixture.roleBackfill) }
            #expect(error?.summary.hasPrefix("another run of the backfill \(slow.name) is at work") == true)
            #expect(try await first.value.rowsDone == 500)
            let counts = try await BackfillFixture.updateCounts(database)
            #expect(counts == [1: 500])
        }
    }

    @Test("SQL that does not run on the table is an error before anything changes", arguments: Backend.allCases)
    func badDefinition(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try await database.withSession { try await BackfillFixture.createUsers(10, on: $0, backend: backend) }
            let typo = Backfill(table: TableReference(name: "users"), set: "rol = 'USER'", where: "role IS NULL")
            let error = await #expect(throws: BackfillDefinitionError.self) { try await project.dataMigrator(database).backfill(typo) }
            #expect(error?.databaseError.message.contains("rol") == true)
            #expect(error?.details.last == "nothing was changed")
            #expect(!(try await database.tableExists("_strata_migrations_data")), "not even the data history was created")
            let missing = Backfill(table: TableReference(name: "userz"), set: "role = 'USER'")
            let refusal = await #expect(throws: RefusalError.self) { try await project.dataMigrator(database).backfill(missing) }
            #expect(refusal?.nextStep?.hasPrefix("did you mean `users`?") == true)
        }
    }

    @Test("a backfill changed since its run began is refused until restarted", arguments: Backend.allCases)
    func editedDefinition(_ backend: Backend) async throws {
        struct Boom: Error {}
        try await withFreshDatabase(backend) { project, database in
            try await database.withSession { try await BackfillFixture.createUsers(300, on: $0, backend: backend) }
            var first = Backfill(name: "roles", table: TableReference(name: "users"), set: "role = 'USER'", batching: .rows(100))
            first.perBatch = { batch, _ in if batch.number == 2 { throw Boom() } }
            await #expect(throws: Boom.self) { try await project.dataMigrator(database).backfill(first) }
            let changed = Backfill(name: "roles", table: TableReference(name: "users"), set: "role = 'MEMBER'", batching: .rows(100))
            let error = await #expect(throws: RefusalError.self) { try await project.dataMigrator(database).backfill(changed) }
            #expect(error?.summary.hasPrefix("the data migration roles changed since its run began (100 rows done") == true)
            let report = try await project.dataMigrator(database).backfill(changed, restart: true)
            #expect(report.rowsDone == 300)
            #expect(!report.resumed)
            #expect(try await database.query("SELECT count(*) AS n FROM users WHERE role = 'MEMBER'").first?["n"].integer == 300)
        }
    }

    @Test("--batch-time sizes batches by their pace, and still changes every row once", arguments: Backend.allCases)
    func adaptiveBatches(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try await database.withSession { try await BackfillFixture.createUsers(60_000, on: $0, backend: backend) }
            var backfill = BackfillFixture.roleBackfill
            backfill.batching = .duration(.milliseconds(200))
            let events = BackfillEvents()
            let report = try await project.dataMigrator(database).backfill(backfill) { events.record($0) }
            #expect(report.rowsDone == 60_000)
            let sizes = events.batchSizes
            #expect(Set(sizes).count > 1, "the size follows the batches' pace: \(sizes)")
            let counts = try await BackfillFixture.updateCounts(database)
            #expect(counts == [1: 60_000])
        }
    }

    @Test("a batch past the statement timeout is retried at half the size")
    func statementTimeoutHalvesTheBatch() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            try await database.withSession { try await BackfillFixture.createUsers(400, on: $0, backend: .postgres) }
            // Each row's update sleeps 2 ms: 200 rows take 0.4 s, past a 250 ms timeout; 50 rows fit.
            var backfill = Backfill(
                table: TableReference(name: "users"), set: "role = 'USER' || pg_sleep(0.002)::text", where: "role IS NULL",
                batching: .rows(200), statementTimeout: .milliseconds(250))
            backfill.maxReplicationLag = nil
            let events = BackfillEvents()
            let report = try await project.dataMigrator(database).backfill(backfill) { events.record($0) }
            #expect(report.rowsDone == 400)
            #expect(events.retries.first?.contains("statement timeout") == true, "\(events.retries)")
            let counts = try await BackfillFixture.updateCounts(database)
            #expect(counts == [1: 400])
        }
    }

    @Test("the dry run shows the first batch and its plan, and changes nothing", arguments: Backend.allCases)
    func dryRun(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try await database.withSession { try await BackfillFixture.createUsers(5_000, on: $0, backend: backend) }
            var backfill = BackfillFixture.roleBackfill
            backfill.batching = .rows(1_000)
            let plan = try await project.dataMigrator(database).backfillPlan(backfill)
            #expect(plan.firstBatchEnd == "1000")
            // An integer key is walked in ranges of its values.
            let p = backend == .postgres ? ["$1", "$2"] : ["?1", "?2"]
            #expect(plan.update?.sql == "UPDATE \"users\" SET role = 'USER' WHERE \"id\" > \(p[0]) AND \"id\" <= \(p[1]) AND (role IS NULL)")
            #expect(plan.update?.parameters == [.integer(0), .integer(1_000)])
            #expect(!plan.queryPlan.isEmpty)
            let estimated = try #require(plan.estimatedRows)
            #expect(estimated > 1_000 && estimated <= 5_000, "\(estimated)")
            #expect(!(try await database.tableExists("_strata_migrations_data")))
            #expect(try await database.query("SELECT count(*) AS n FROM users WHERE role IS NULL").first?["n"].integer == 5_000)
        }
    }

    @Test("an integer key with gaps, dense runs and huge values is walked in ranges sized by what they hold: every row once",
          arguments: Backend.allCases)
    func rangesOverSparseKeys(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try await database.withSession { session in
                try await BackfillFixture.createUsers(1, on: session, backend: backend)
                try await session.execute("DELETE FROM users")
                // Sparse (a row every 1,000 values), then dense, then snowflake-like values 10^12 apart.
                let series = { (count: Int, id: String, name: String) in
                    backend == .postgres
                        ? "INSERT INTO users (id, name) SELECT \(id), '\(name)' FROM generate_series(1, \(count)) g"
                        : "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < \(count)) "
                            + "INSERT INTO users (id, name) SELECT \(id), '\(name)' FROM s"
                }
                try await session.execute(series(2000, "g * 1000", "sparse"))
                try await session.execute(series(3000, "3000000 + g", "dense"))
                try await session.execute(series(500, "g * 1000000000000", "huge"))
                try await session.execute("ANALYZE users")
            }
            var backfill = BackfillFixture.roleBackfill
            backfill.batching = .rows(500)
            backfill.maxReplicationLag = nil
            let events = BackfillEvents()
            let report = try await project.dataMigrator(database).backfill(backfill) { events.record($0) }
            #expect(report.rowsDone == 5_500)
            #expect(try await BackfillFixture.updateCounts(database) == [1: 5_500], "every row updated exactly once")
            #expect(report.batches < 120, "the ranges grew over the gaps: \(report.batches) batches")
            let sizes = try await database.query("SELECT rows_done, batches FROM _strata_migrations_data").first
            #expect(sizes?["rows_done"].integer == 5_500)
        }
    }

    @Test("a key that is NULL in rows to change is refused, since no batch would reach them; leaving them out with --where runs",
          arguments: Backend.allCases)
    func nullKeysRefused(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try await database.withSession { session in
                try await session.execute("CREATE TABLE events (name TEXT, kind TEXT)")
                try await session.execute("INSERT INTO events (name) VALUES ('a'), ('b'), (NULL), ('c'), (NULL)")
            }
            let migrator = try project.dataMigrator(database)
            let byName = Backfill(table: TableReference(name: "events"), set: "kind = 'x'", where: "kind IS NULL", key: ["name"])
            let error = await #expect(throws: RefusalError.self) { try await migrator.backfill(byName) }
            #expect(error?.summary == "2 rows of events to change have a NULL name: batches along the key would never reach them")
            #expect(error?.nextStep?.contains("--key") == true)
            await #expect(throws: RefusalError.self) { try await migrator.backfillPlan(byName) }
            #expect(try await database.query("SELECT count(*) AS n FROM events WHERE kind IS NULL").first?["n"].integer == 5, "nothing changed")

            let named = Backfill(table: TableReference(name: "events"), set: "kind = 'x'", where: "kind IS NULL AND name IS NOT NULL", key: ["name"])
            #expect(try await migrator.backfill(named).rowsDone == 3)
        }
    }

    @Test("the start says whether an index leads with the key: without one, every batch reads the whole table", arguments: Backend.allCases)
    func keyWithoutIndex(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try await database.withSession { session in
                try await session.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, name TEXT NOT NULL, slug TEXT NOT NULL, kind TEXT)")
                try await session.execute("CREATE UNIQUE INDEX events_slug ON events (slug, name)")
                try await session.execute("INSERT INTO events (id, name, slug) VALUES (1, 'a', 'x'), (2, 'b', 'y')")
            }
            let migrator = try project.dataMigrator(database)
            func indexed(_ key: [String]?) async throws -> Bool? {
                let events = BackfillEvents()
                let backfill = Backfill(table: TableReference(name: "events"), set: "kind = 'k'", key: key)
                _ = try await migrator.backfill(backfill, restart: true) { events.record($0) }
                return events.all.compactMap { if case .started(let start) = $0 { start.keyIsIndexed } else { nil } }.first
            }
            #expect(try await indexed(nil) == true, "the primary key")
            #expect(try await indexed(["slug"]) == true, "an index leading with it")
            #expect(try await indexed(["name"]) == false, "second in the index is no help")
        }
    }

    @Test("SQLite: a table without a primary key is walked along its rowid in ranges; text in an INTEGER key is walked by key instead")
    func sqliteRowidAndTextKeys() async throws {
        try await withFreshDatabase(.sqlite) { project, database in
            try await database.withSession { session in
                try await session.execute("CREATE TABLE events (name TEXT NOT NULL, kind TEXT)")
                try await session.execute(
                    "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 1500) INSERT INTO events (name) SELECT 'e' || g FROM s")
                // SQLite keeps any value in any column: text among the integers of an INTEGER key.
                try await session.execute("CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT) WITHOUT ROWID")
                try await session.execute(
                    "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 700) INSERT INTO tags (id) SELECT g FROM s")
                try await session.execute("INSERT INTO tags (id) VALUES ('x1'), ('x2'), (X'00')")
            }
            let migrator = try project.dataMigrator(database)
            let events = Backfill(table: TableReference(name: "events"), set: "kind = 'click'", where: "kind IS NULL", batching: .rows(400))
            let plan = try await migrator.backfillPlan(events)
            #expect(plan.update?.sql == "UPDATE \"events\" SET kind = 'click' WHERE \"rowid\" > ?1 AND \"rowid\" <= ?2 AND (kind IS NULL)")
            let walked = try await migrator.backfill(events)
            #expect(walked.rowsDone == 1_500)
            #expect(walked.keyColumns == ["rowid"])
            let tags = Backfill(table: TableReference(name: "tags"), set: "label = 'tag'", where: "label IS NULL", batching: .rows(250))
            let report = try await migrator.backfill(tags)
            #expect(report.rowsDone == 703, "the text and blob keys too")
            #expect(try await database.query("SELECT count(*) AS n FROM tags WHERE label IS NULL").first?["n"].integer == 0)
        }
    }
}
