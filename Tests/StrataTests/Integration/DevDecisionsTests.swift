import Foundation
@testable import Strata
import StrataPostgres
import Synchronization
import Testing

/// `migrate dev`'s questions, answered by a script instead of a person at
/// a terminal, on real databases: renames asked one at a time, a migration
/// that loses data, and a dev database that drifted from its migrations.
@Suite("migrate dev decisions")
struct DevDecisionsTests {
    /// Answers from a list, and keeps every question it was asked.
    final class ScriptedDecisions: DevDecisions {
        let renames: Set<String>
        let acceptLoss: Bool
        let reset: Bool
        let asked = Mutex<[String]>([])

        init(renames: Set<String> = [], acceptLoss: Bool = false, reset: Bool = false) {
            self.renames = renames
            self.acceptLoss = acceptLoss
            self.reset = reset
        }

        func isRename(_ candidate: RenameCandidate) async -> Bool {
            asked.withLock { $0.append("rename \(candidate.argument)") }
            return renames.contains(candidate.argument)
        }

        func acceptsDataLoss(_ losses: [SchemaWarning]) async -> Bool {
            asked.withLock { $0.append("loss \(losses.count)") }
            return acceptLoss
        }

        func resetAfterDrift(_ drift: DevDrift) async -> Bool {
            asked.withLock { $0.append("reset: " + drift.details.joined(separator: "; ")) }
            return reset
        }

        var questions: [String] { asked.withLock { $0 } }
    }

    static func schema(_ backend: Backend, model: String = "User", column: String = "name") -> String {
        """
        datasource db {
          provider = "\(backend == .postgres ? "postgresql" : "sqlite")"
          url      = env("DATABASE_URL")
        }
        model \(model) {
          id    Int     @id @default(autoincrement())
          email String  @unique
          \(column) String?
        }
        """
    }

    static func dev(
        _ project: TestProject, _ database: TestDatabase, _ schema: String, name: String, renames: [String] = [],
        decisions: (any DevDecisions)?
    ) async throws -> DevReport {
        let path = project.root.appendingPathComponent("schema.prisma")
        try Data(schema.utf8).write(to: path)
        return try await project.migrator(database).dev(
            DevOptions(name: name, schema: .prismaSchema(path: path.path), renames: renames, decisions: decisions))
    }

    static func folders(_ project: TestProject) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: project.migrations.path).filter { !$0.contains(".") }.sorted()
    }

    @Test("a confirmed rename keeps the column's data; a declined table rename is a loss the script refuses", arguments: Backend.allCases)
    func renames(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            _ = try await Self.dev(project, database, Self.schema(backend), name: "init", decisions: nil)
            try await database.withSession { try await $0.execute(#"INSERT INTO "User" (email, name) VALUES ('ada@example.com', 'Ada')"#) }

            let decisions = ScriptedDecisions(renames: ["User.name=fullName"])
            let renamed = try await Self.dev(project, database, Self.schema(backend, column: "fullName"), name: "rename", decisions: decisions)
            #expect(decisions.questions == ["rename User.name=fullName"])
            #expect(renamed.renames == ["User.name=fullName"])
            #expect(renamed.script.contains("RENAME COLUMN \"name\" TO \"fullName\""), "\(renamed.script)")
            #expect(!renamed.script.contains("DROP COLUMN"), "\(renamed.script)")
            let rows = try await database.query(#"SELECT "fullName" FROM "User""#)
            #expect(rows.first?["fullName"].string == "Ada")

            let declining = ScriptedDecisions()
            await #expect(throws: RefusalError.self) {
                _ = try await Self.dev(project, database, Self.schema(backend, model: "Member", column: "fullName"), name: "member", decisions: declining)
            }
            #expect(declining.questions == ["rename User=Member", "loss 1"])
            #expect(try Self.folders(project).count == 2, "a refused migration writes nothing")
        }
    }

    @Test("migrate dev lints the migration it wrote, after the history before it", arguments: Backend.allCases)
    func lintsWhatItWrote(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let first = try await Self.dev(project, database, Self.schema(backend), name: "init", decisions: nil)
            #expect(first.lint?.counted.isEmpty == true, "a new table is no hazard: \(first.lint?.counted.map(\.rule) ?? [])")
            let renamed = try await Self.dev(
                project, database, Self.schema(backend, column: "fullName"), name: "rename", renames: ["User.name=fullName"], decisions: nil)
            let finding = try #require(renamed.lint?.findings.first { $0.rule == "renaming-column" })
            #expect(finding.file == renamed.written?.up.path)
            #expect(finding.message.contains("User.name"))
        }
    }

    @Test("a table renamed with --rename and one of its columns confirmed when asked: the column is named under the table's old name", arguments: Backend.allCases)
    func renamedTableThenColumn(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            _ = try await Self.dev(project, database, Self.schema(backend), name: "init", decisions: nil)
            let decisions = ScriptedDecisions(renames: ["User.name=nick"])
            let report = try await Self.dev(
                project, database, Self.schema(backend, model: "Member", column: "nick"), name: "member", renames: ["User=Member"],
                decisions: decisions)
            #expect(decisions.questions == ["rename User.name=nick"], "\(report.script)")
            #expect(report.renames == ["User=Member", "User.name=nick"])
            #expect(report.script.contains("RENAME TO \"Member\""), "\(report.script)")
            #expect(report.script.contains("RENAME COLUMN \"name\" TO \"nick\""), "\(report.script)")
            // SQLite renames an index by dropping and creating it, which loses nothing.
            #expect(!report.script.contains("DROP COLUMN") && !report.script.contains("DROP TABLE"), "\(report.script)")
        }
    }

    @Test("a dev database changed by hand is drift: refused without an answer, reset when the answer is yes", arguments: Backend.allCases)
    func drift(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            _ = try await Self.dev(project, database, Self.schema(backend), name: "init", decisions: nil)
            try await database.withSession { try await $0.execute("CREATE TABLE by_hand (id INTEGER PRIMARY KEY)") }
            let changed = Self.schema(backend).replacingOccurrences(of: "  name String?", with: "  name String?\n  bio String?")

            let refusal = await #expect(throws: DriftError.self) {
                _ = try await Self.dev(project, database, changed, name: "bio", decisions: nil)
            }
            #expect(refusal?.operation == .dev)
            #expect(refusal?.changes.contains { $0.contains("by_hand") } == true, "\(refusal?.changes ?? [])")
            #expect(refusal?.nextStep?.contains("strata migrate reset --force") == true)
            #expect(refusal?.exitStatus == .attention)

            let declining = ScriptedDecisions()
            await #expect(throws: DriftError.self) {
                _ = try await Self.dev(project, database, changed, name: "bio", decisions: declining)
            }
            #expect(declining.questions.count == 1)
            #expect(try Self.folders(project).count == 1, "drift writes nothing")
            #expect(try await database.tableExists("by_hand"), "a declined reset changes nothing")

            let accepting = ScriptedDecisions(reset: true)
            let report = try await Self.dev(project, database, changed, name: "bio", decisions: accepting)
            #expect(accepting.questions.first?.contains("by_hand") == true, "\(accepting.questions)")
            #expect(report.resetAfter != nil)
            #expect(report.written != nil)
            #expect(try await !database.tableExists("by_hand"))
            #expect(try Self.folders(project).count == 2)
            #expect(try await project.migrator(database).status().exitStatus == .success)
        }
    }

    @Test("an applied migration edited since is drift too, and a reset applies the edited file", arguments: Backend.allCases)
    func editedMigration(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            _ = try await Self.dev(project, database, Self.schema(backend), name: "init", decisions: nil)
            let name = try #require(try Self.folders(project).first)
            let file = project.migrations.appendingPathComponent(name).appendingPathComponent("migration.sql")
            let edited = try String(contentsOf: file, encoding: .utf8) + "\nCREATE TABLE extra (id INTEGER PRIMARY KEY);\n"
            try project.edit(name, edited)
            // strata.sum records the edit (as after a merge), so only the history tells the file changed since it ran.
            try SumFile(migrations: try project.migrator(database).loadMigrations()).write(to: project.migrations.appendingPathComponent("strata.sum").path)
            let schema = Self.schema(backend) + "\nmodel extra {\n  id Int @id\n}\n"

            let refusal = await #expect(throws: DriftError.self) {
                _ = try await Self.dev(project, database, schema, name: "extra", decisions: nil)
            }
            #expect(refusal?.changes.first?.contains(name) == true, "\(refusal?.changes ?? [])")

            let report = try await Self.dev(project, database, schema, name: "extra", decisions: ScriptedDecisions(reset: true))
            #expect(report.resetAfter?.problems.count == 1)
            #expect(report.written == nil, "the edited migration already builds the schema: \(report.script)")
            #expect(try await database.tableExists("extra"))
        }
    }

    @Test("a migration written with --create-only is pending, not drift: the next run applies it", arguments: Backend.allCases)
    func pendingIsNotDrift(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let path = project.root.appendingPathComponent("schema.prisma")
            try Data(Self.schema(backend).utf8).write(to: path)
            let migrator = try project.migrator(database)
            let created = try await migrator.dev(DevOptions(name: "init", schema: .prismaSchema(path: path.path), createOnly: true))
            #expect(created.written != nil && created.deploy == nil)
            let next = try await migrator.dev(DevOptions(name: "again", schema: .prismaSchema(path: path.path)))
            #expect(next.written == nil)
            #expect(next.deploy?.applied.map(\.name) == created.written.map { [$0.name] })
        }
    }

    @Test("PostgreSQL: a dev database the server does not have yet is created, as Prisma does")
    func createsTheDevDatabase() async throws {
        guard let admin = Backend.postgresAdminURL else { try skipWithoutPostgres() }
        let project = try TestProject()
        let name = "strata_dev_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let url = try DatabaseURL(admin).naming(database: name)
        let path = project.root.appendingPathComponent("schema.prisma")
        try Data(Self.schema(.postgres).utf8).write(to: path)
        let migrator = try Migrator(configuration: Configuration(url: url, migrationsPath: project.migrations.path), drivers: [.postgres])
        let report: DevReport
        do {
            report = try await migrator.dev(DevOptions(name: "init", schema: .prismaSchema(path: path.path)))
        } catch {
            try await Self.dropDatabase(name, admin: admin)
            throw error
        }
        try await Self.dropDatabase(name, admin: admin)
        #expect(report.createdDatabase)
        #expect(report.deploy?.applied.count == 1)
    }

    static func dropDatabase(_ name: String, admin: String) async throws {
        let session = try await DatabaseDriver.postgres.connect(
            ConnectionRequest(url: try DatabaseURL(admin), schema: nil, applicationName: "strata tests"))
        try await session.execute("DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)")
        await session.close()
    }
}
