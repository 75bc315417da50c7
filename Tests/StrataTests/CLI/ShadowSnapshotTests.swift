import Foundation
@testable import Strata
import StrataPostgres
import StrataSQLite
import Testing

/// Shadow snapshots: a history replayed once is kept (SQLite: a file under
/// `.strata/shadow/`, PostgreSQL: a template database) and the next run
/// applies only what is new.
@Suite("shadow snapshots")
struct ShadowSnapshotTests {
    /// The snapshot names of a migrations folder's prefixes.
    private static func keys(_ project: TestProject, _ database: TestDatabase) throws -> [String] {
        let configuration = Configuration(url: try DatabaseURL(database.url), migrationsPath: project.migrations.path)
        let migrator = try Migrator(configuration: configuration, drivers: [.postgres, .sqlite])
        return migrator.snapshotKeys(try MigrationDirectory(path: project.migrations.path).load())
    }

    /// The keys a snapshot is kept for.
    private static func kept(_ project: TestProject, _ database: TestDatabase, among keys: [String]) async throws -> [String] {
        switch database.backend {
        case .sqlite:
            let folder = project.root.appendingPathComponent(".strata/shadow").path
            return keys.filter { FileManager.default.fileExists(atPath: folder + "/" + $0 + ".sqlite") }
        case .postgres:
            let names = try await database.query("SELECT datname FROM pg_catalog.pg_database").compactMap(\.["datname"].string)
            return keys.filter { names.contains("strata_snapshot_" + $0.prefix(40)) }
        }
    }

    private static func dropSnapshots(_ keys: [String], _ database: TestDatabase) async throws {
        guard database.backend == .postgres else { return }
        for key in keys { try await database.withSession { try await $0.execute("DROP DATABASE IF EXISTS \"strata_snapshot_\(key.prefix(40))\"") } }
    }

    @Test("a replayed history is kept, the next run applies only the new migration, and an edited one is never read stale", arguments: Backend.allCases)
    func snapshots(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let url = ["--url", database.url]
            try project.add("001_users", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);")
            try project.add("002_posts", "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));")
            let diff = ["migrate", "diff", "--from", "migrations", "--to", "empty"] + url
            let first = try await CLI.run(diff, in: project.root)
            #expect(first.status == 0, "\(first.output)")
            let twoKeys = try Self.keys(project, database)
            #expect(try await Self.kept(project, database, among: twoKeys) == [twoKeys[1]])

            try project.add("003_tags", "CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT);")
            let second = try await CLI.run(diff, in: project.root)
            #expect(second.stdout.contains("- table tags"), "\(second.output)")
            let threeKeys = try Self.keys(project, database)
            #expect(try await Self.kept(project, database, among: threeKeys) == [threeKeys[2]], "the newer snapshot replaces the older")

            // The same names, another content: the snapshot's key no longer matches.
            try project.edit("003_tags", "CREATE TABLE labels (id INTEGER PRIMARY KEY);")
            let edited = try await CLI.run(diff, in: project.root)
            #expect(edited.stdout.contains("- table labels") && !edited.stdout.contains("tags"), "\(edited.output)")
            let editedKeys = try Self.keys(project, database)
            #expect(editedKeys[1] == threeKeys[1] && editedKeys[2] != threeKeys[2])
            #expect(try await Self.kept(project, database, among: editedKeys) == [editedKeys[2]])
            try await Self.dropSnapshots(threeKeys + editedKeys, database)
        }
    }

    @Test("SQLite snapshots stay out of git: .strata/ ignores itself")
    func ignoredByGit() async throws {
        try await withFreshDatabase(.sqlite) { project, database in
            try project.add("001_users", "CREATE TABLE users (id INTEGER PRIMARY KEY);")
            _ = try await CLI.run(["migrate", "diff", "--from", "migrations", "--to", "empty", "--url", database.url], in: project.root)
            let ignore = try String(contentsOf: project.root.appendingPathComponent(".strata/.gitignore"), encoding: .utf8)
            #expect(ignore == "*\n")
        }
    }

    @Test("the schema file's build is kept too: an unchanged file is read from its snapshot, an edited one replaces it", arguments: Backend.allCases)
    func schemaFileSnapshot(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let url = ["--url", database.url]
            let schema = project.root.appendingPathComponent("schema.sql")
            let keyFile = project.root.appendingPathComponent(".strata/shadow/schema-file.key").path
            // A table no other test makes: snapshots are shared by everything on the server with the same build.
            try Data("CREATE TABLE snapshot_readers (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\n".utf8).write(to: schema)
            #expect(try await CLI.run(["migrate", "dev", "--name", "init"] + url, in: project.root).status == 0)
            let firstKey = try String(contentsOfFile: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try await Self.kept(project, database, among: [firstKey]) == [firstKey])

            let unchanged = try await CLI.run(["migrate", "dev", "--name", "again"] + url, in: project.root)
            #expect(unchanged.stdout.contains("no migration written"), "\(unchanged.output)")
            #expect(try String(contentsOfFile: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) == firstKey)

            try Data("CREATE TABLE snapshot_readers (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT);\n".utf8).write(to: schema)
            let edited = try await CLI.run(["migrate", "dev", "--name", "name"] + url, in: project.root)
            #expect(edited.stdout.contains("ADD COLUMN \"name\""), "\(edited.output)")
            let secondKey = try String(contentsOfFile: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(secondKey != firstKey)
            #expect(try await Self.kept(project, database, among: [firstKey, secondKey]) == [secondKey], "the new build replaces the old")
            try await Self.dropSnapshots([secondKey] + Self.keys(project, database), database)
        }
    }
}
