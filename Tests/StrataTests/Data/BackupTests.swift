import Foundation
import Strata
import StrataPostgres
import StrataSQLite
import Testing

/// Backups before destructive statements, on real databases: what deploy
/// writes, and what restore brings back, checked value by value.
@Suite("Backups before destructive statements")
struct BackupTests {
    static let dropEmail = "-- strata:lint-ignore ban-drop-column unused since release 3\nALTER TABLE users DROP COLUMN email;\n"
    static let dropUsers = "-- strata:lint-ignore ban-drop-table unused since release 3\nDROP TABLE users;\n"

    @Test("a dropped column is backed up before it is dropped, and restore brings its values back by key", arguments: Backend.allCases)
    func droppedColumn(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let migrator = try project.backupMigrator(database)
            try project.add("001_users", BackupFixture.createUsers)
            try await migrator.deploy()
            try project.add("002_drop_email", Self.dropEmail)
            let events = RunEvents()
            try await migrator.deploy(events: events.handler)
            #expect(try await !BackupFixture.hasEmail(database))

            let backups = project.backupFolders
            try #require(backups.count == 1)
            let manifest = backups[0].manifest
            #expect(manifest.migration == "002_drop_email")
            #expect(manifest.product == backend.driver.name)
            if let password = try DatabaseURL(database.url).password {
                let written = try String(contentsOfFile: backups[0].path + "/" + BackupManifest.fileName, encoding: .utf8)
                #expect(!written.contains(password), "no password in the manifest")
            }
            let item = try #require(manifest.items.first)
            #expect(item.rows == 3 && item.bytes > 0)
            #expect(item.statement?.line == 2 && item.statement?.sql == "ALTER TABLE users DROP COLUMN email")
            #expect(FileManager.default.fileExists(atPath: URL(fileURLWithPath: backups[0].path).appendingPathComponent(item.file).path))
            switch backend {
            case .postgres:
                #expect(item.kind == .column)
                #expect(item.column == BackedUpColumn(
                    name: "email", type: "text", nullable: false, defaultExpression: "'none'::text",
                    key: [BackedUpColumn.KeyColumn(name: "id", type: "integer")]))
            case .sqlite:
                #expect(item.kind == .database && item.tables == ["users.email"])
            }
            #expect(events.backups.contains { if case .backedUp = $0 { true } else { false } })

            // PostgreSQL adds the column back; SQLite replaces the file, which holds the history too: --force.
            let report = try await migrator.restore(backups[0].path, force: backend == .sqlite)
            #expect(report.restored.map(\.rows) == [3])
            #expect(try await BackupFixture.emails(database) == BackupFixture.expectedEmails)
            if backend == .postgres {
                let column = try await database.query(
                    "SELECT is_nullable, column_default FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'email'")
                #expect(column.first?["is_nullable"].string == "NO" && column.first?["column_default"].string == "'none'::text")
            }
        }
    }

    @Test("a dropped table is backed up (PostgreSQL: pg_dump) and restore re-creates it with its rows", arguments: Backend.allCases)
    func droppedTable(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let migrator = try project.backupMigrator(database)
            try project.add("001_users", BackupFixture.createUsers)
            try project.add("002_drop_users", Self.dropUsers)
            try await migrator.deploy()
            #expect(try await !database.tableExists("users"))
            let backup = try #require(project.backupFolders.first)
            let item = try #require(backup.manifest.items.first)
            #expect(item.kind == (backend == .postgres ? .table : .database) && item.rows == 3)

            let report = try await migrator.restore(backup.path, force: backend == .sqlite)
            #expect(report.restored.map(\.rows) == [3])
            #expect(try await BackupFixture.emails(database) == BackupFixture.expectedEmails)
            // Restoring again would overwrite the table: refused, and nothing changes.
            let refused = await #expect(throws: BackupError.self) { try await migrator.restore(backup.path, force: false) }
            #expect(refused?.summary.contains("would overwrite data") == true)
            #expect(refused?.exitStatus == .backupFailed)
            #expect(try await BackupFixture.emails(database) == BackupFixture.expectedEmails)
        }
    }

    @Test("a missing pg_dump stops deploy before anything runs, and says what to install")
    func missingPgDump() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            try project.add("001_users", BackupFixture.createUsers)
            try await project.backupMigrator(database).deploy()
            try project.add("002_drop_email", Self.dropEmail)
            let migrator = try project.backupMigrator(database, pgDump: "/nonexistent/bin/pg_dump")
            let error = await #expect(throws: BackupError.self) { try await migrator.deploy() }
            #expect(error?.summary.contains("/nonexistent/bin/pg_dump") == true)
            #expect(error?.nextStep?.contains("postgresql-client") == true && error?.nextStep?.contains("enabled = false") == true)
            #expect(try await database.history().map { $0["name"].string } == ["001_users"])
            #expect(try await BackupFixture.hasEmail(database))
            #expect(project.backupFolders.isEmpty)
        }
    }

    @Test("a pg_dump older than the server stops deploy before anything runs")
    func olderPgDump() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            try project.add("001_users", BackupFixture.createUsers)
            try await project.backupMigrator(database).deploy()
            try project.add("002_drop_email", Self.dropEmail)
            let old = try project.tool("pg_dump", "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
            let error = await #expect(throws: BackupError.self) { try await project.backupMigrator(database, pgDump: old).deploy() }
            #expect(error?.summary.contains("pg_dump 9, older than the server") == true, "\(String(describing: error))")
            #expect(try await database.history().count == 1)
            #expect(try await BackupFixture.hasEmail(database))
        }
    }

    @Test("pg_dump and pg_restore get the connection in their environment; the password is never on their command line")
    func passwordNotInArguments() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            let password = try #require(try DatabaseURL(database.url).password, "the test cluster's URL has a password")
            let real = try BackupFixture.requirePgDump()
            let log = project.root.appendingPathComponent("calls.log").path
            let folder = (real as NSString).deletingLastPathComponent
            for tool in ["pg_dump", "pg_restore"] {
                _ = try project.tool(tool, "#!/bin/sh\necho \"\(tool) $* PGPASSWORD=${PGPASSWORD:+set}\" >> '\(log)'\nexec '\(folder)/\(tool)' \"$@\"\n")
            }
            let migrator = try project.backupMigrator(database, pgDump: project.root.appendingPathComponent("tools/pg_dump").path)
            try project.add("001_users", BackupFixture.createUsers)
            try project.add("002_drop_users", Self.dropUsers)
            let report = try await migrator.deploy()
            #expect(report.backups.map(\.manifest.migration) == ["002_drop_users"])
            _ = try await migrator.restore(try #require(report.backups.first).path, force: false)
            #expect(try await BackupFixture.emails(database) == BackupFixture.expectedEmails)
            let calls = try String(contentsOfFile: log, encoding: .utf8)
            #expect(calls.contains("pg_dump --format=custom") && calls.contains("pg_restore --dbname="))
            #expect(calls.contains("PGPASSWORD=set"))
            #expect(!calls.contains(password))
        }
    }

    @Test("backups turned off: deploy runs the destructive statement and warns", arguments: Backend.allCases)
    func turnedOff(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let migrator = try project.backupMigrator(database, enabled: false, pgDump: "/nonexistent/bin/pg_dump")
            try project.add("001_users", BackupFixture.createUsers)
            try project.add("002_drop_email", Self.dropEmail)
            let events = RunEvents()
            try await migrator.deploy(events: events.handler)
            #expect(try await !BackupFixture.hasEmail(database))
            let warnings = events.backups.compactMap { if case .turnedOff(let statement, _) = $0 { statement } else { nil } }
            #expect(warnings.map(\.sql) == ["ALTER TABLE users DROP COLUMN email"])
            #expect(events.backups.first?.description.contains("WITHOUT A BACKUP") == true)
            #expect(!FileManager.default.fileExists(atPath: project.backups.path))
        }
    }

    @Test("an empty table needs no backup, and a dry run backs up nothing", arguments: Backend.allCases)
    func emptyAndDryRun(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let migrator = try project.backupMigrator(database)
            try project.add("001_users", BackupFixture.createUsers + "\nCREATE TABLE drafts (id integer PRIMARY KEY);")
            try await migrator.deploy()
            try project.add("002_drop", "-- strata:lint-ignore ban-drop-table,ban-drop-column gone\nDROP TABLE drafts;\nALTER TABLE users DROP COLUMN email;\n")
            let dryRun = RunEvents()
            try await migrator.deploy(DeployOptions(dryRun: true), events: dryRun.handler)
            #expect(dryRun.backups.map(\.description) == [
                "drafts needs no backup before 002_drop: the table is empty".replacingOccurrences(of: "drafts", with: backend == .postgres ? "public.drafts" : "drafts"),
                "Would back up \(backend == .postgres ? "public." : "")users.email (3 rows) before 002_drop",
            ])
            #expect(project.backupFolders.isEmpty)
            #expect(try await BackupFixture.hasEmail(database))

            let run = RunEvents()
            try await migrator.deploy(events: run.handler)
            #expect(run.backups.count == 2)
            #expect(project.backupFolders.count == 1)
            #expect(project.backupFolders.first?.manifest.items.count == 1)
        }
    }

    @Test("restore refuses a path that is no backup, and one from another database product", arguments: Backend.allCases)
    func badPaths(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let migrator = try project.backupMigrator(database)
            await #expect(throws: BackupError.self) { try await migrator.restore(project.root.appendingPathComponent("nope").path, force: true) }
            await #expect(throws: BackupError.self) { try await migrator.restore(project.migrations.path, force: true) }
            let other = project.backups.appendingPathComponent("other")
            try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
            let manifest = BackupManifest(createdAt: "2024-01-01T00:00:00Z", database: "x", product: "MySQL", migration: nil, items: [])
            try JSONEncoder().encode(manifest).write(to: other.appendingPathComponent(BackupManifest.fileName))
            let error = await #expect(throws: BackupError.self) { try await migrator.restore(other.path, force: true) }
            #expect(error?.summary.contains("MySQL") == true)
        }
    }

    @Test("db backup by hand: a table, or the whole database, restored over existing data with force", arguments: Backend.allCases)
    func byHand(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let migrator = try project.backupMigrator(database)
            try project.add("001_users", BackupFixture.createUsers)
            try await migrator.deploy()
            let table = try await migrator.backUp(tables: ["users"])
            #expect(table.manifest.migration == nil && table.manifest.items.map(\.rows) == [3])
            await #expect(throws: BackupError.self) { try await migrator.backUp(tables: ["nosuch"]) }
            let whole = try await migrator.backUp(tables: [])
            #expect(whole.manifest.items.map(\.kind) == [.database])
            #expect(migrator.backups().count == 2)

            try await database.withSession { try await $0.execute("UPDATE users SET email = 'changed'") }
            _ = try await migrator.restore(whole.path, force: true)
            #expect(try await BackupFixture.emails(database) == BackupFixture.expectedEmails)
        }
    }
}
