import Foundation
import Strata
import StrataSQLite
import Testing

/// `migrate dev` and `migrate diff` through the built binary, on real databases.
@Suite("migrate dev and diff")
struct MigrateDevTests {
    static func schema(_ backend: Backend, bio: Bool = false) -> String {
        let provider = backend == .postgres ? "postgresql" : "sqlite"
        return """
            datasource db {
              provider = "\(provider)"
              url      = env("DATABASE_URL")
            }

            generator client {
              provider = "prisma-client-js"
            }

            /// Who may do what.
            enum Role {
              USER
              ADMIN
              MODERATOR
            }

            model User {
              id    Int     @id @default(autoincrement())
              email String  @unique
              name  String?\(bio ? "\n  bio   String?\n  role  Role    @default(USER)" : "")
              posts Post[]
            }

            model Post {
              id       Int    @id @default(autoincrement())
              title    String
              authorId Int
              author   User   @relation(fields: [authorId], references: [id])
              @@index([authorId])
            }
            """
    }

    static func write(_ text: String, to project: TestProject) throws {
        try Data(text.utf8).write(to: project.root.appendingPathComponent("schema.prisma"))
    }

    static func folders(_ project: TestProject) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: project.migrations.path).filter { !$0.contains(".") }.sorted()
    }

    @Test("the seed's example: two migrate dev runs give two folders and status 0; a third writes nothing", arguments: Backend.allCases)
    func seedExample(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let url = ["--url", database.url]
            try Self.write(Self.schema(backend), to: project)
            let first = try await CLI.run(["migrate", "dev", "--name", "init"] + url, in: project.root)
            #expect(first.status == 0, "\(first.output)")
            #expect(first.stdout.contains("CREATE TABLE \"User\""), "\(first.stdout)")
            #expect(first.stdout.contains("CREATE UNIQUE INDEX \"User_email_key\""))
            #expect(first.stdout.contains("Post_authorId_fkey"))

            try Self.write(Self.schema(backend, bio: true), to: project)
            let second = try await CLI.run(["migrate", "dev", "--name", "add_user_bio"] + url, in: project.root)
            #expect(second.status == 0, "\(second.output)")
            #expect(second.stdout.contains("\"bio\" TEXT"), "\(second.stdout)")
            if backend == .postgres {
                #expect(first.stdout.contains("CREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN', 'MODERATOR')"))
                #expect(second.stdout.contains("ADD COLUMN \"role\" \"Role\" NOT NULL DEFAULT 'USER'"), "\(second.stdout)")
            } else {
                #expect(second.stdout.contains("ADD COLUMN \"role\" TEXT NOT NULL DEFAULT 'USER'"), "\(second.stdout)")
            }
            let folders = try Self.folders(project)
            #expect(folders.count == 2)
            #expect(folders.last?.hasSuffix("_add_user_bio") == true)
            let down = try String(contentsOf: project.migrations.appendingPathComponent(folders[1]).appendingPathComponent("down.sql"), encoding: .utf8)
            #expect(down.contains("DROP") || down.contains("RedefineTables"), "\(down)")

            #expect(try await CLI.run(["migrate", "status"] + url, in: project.root).status == 0)
            let third = try await CLI.run(["migrate", "dev", "--name", "nothing"] + url, in: project.root)
            #expect(third.status == 0, "\(third.output)")
            #expect(third.stdout.contains("matches the migrations: no migration written"))
            #expect(try Self.folders(project).count == 2)

            let diff = try await CLI.run(["migrate", "diff", "--from", "migrations", "--to", "schema.prisma", "--exit-code"] + url, in: project.root)
            #expect(diff.status == 0, "\(diff.output)")
            #expect(diff.stdout.contains("No difference"))

            let clean = try await CLI.run(["migrate", "status", "--drift"] + url, in: project.root)
            #expect(clean.status == 0, "\(clean.output)")
            #expect(clean.stdout.contains("No drift"))
            let session = try await database.session()
            try await session.execute("ALTER TABLE \"Post\" ADD COLUMN \"byHand\" TEXT")
            await session.close()
            let drifted = try await CLI.run(["migrate", "status", "--drift"] + url, in: project.root)
            #expect(drifted.status == 3, "\(drifted.output)")
            #expect(drifted.stdout.contains("+ column Post.byHand TEXT"), "\(drifted.stdout)")
            let json = try await CLI.run(["migrate", "status", "--drift", "--json"] + url, in: project.root)
            #expect(json.status == 3)
            #expect(json.stdout.contains("\"exitCode\" : 3"), "\(json.stdout)")

            // deploy --check-drift applies nothing on a drifted schema.
            try project.add("20991231000000_nickname", "ALTER TABLE \"User\" ADD COLUMN \"nickname\" TEXT;")
            _ = try await CLI.run(["migrate", "hash"], in: project.root)
            let checked = try await CLI.run(["migrate", "deploy", "--check-drift"] + url, in: project.root)
            #expect(checked.status == 3, "\(checked.output)")
            #expect(checked.stderr.contains("has drifted from its migrations (1 difference); nothing was applied"), "\(checked.stderr)")
            #expect(checked.stderr.contains("+ column Post.byHand TEXT"))
            #expect(try await CLI.run(["migrate", "status"] + url, in: project.root).status == 2, "the new migration is still pending")
            let unchecked = try await CLI.run(["migrate", "deploy"] + url, in: project.root)
            #expect(unchecked.status == 0, "\(unchecked.output)")
        }
    }

    @Test("SQL DDL as the schema: schema.sql is found, its changes become migrations, a broken statement names its line", arguments: Backend.allCases)
    func sqlSchema(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let url = ["--url", database.url]
            let file = project.root.appendingPathComponent("schema.sql")
            try Data("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\n".utf8).write(to: file)
            let first = try await CLI.run(["migrate", "dev", "--name", "init"] + url, in: project.root)
            #expect(first.status == 0, "\(first.output)")
            #expect(first.stdout.contains("CREATE TABLE \"users\""), "\(first.stdout)")
            let grown = "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\nCREATE INDEX users_email ON users (email);\n"
            try Data(grown.utf8).write(to: file)
            let second = try await CLI.run(["migrate", "dev", "--name", "index"] + url, in: project.root)
            #expect(second.status == 0, "\(second.output)")
            #expect(second.stdout.contains("CREATE INDEX \"users_email\""), "\(second.stdout)")
            #expect(try Self.folders(project).count == 2)

            try Data((grown + "CREATE TABLE users (id INTEGER);\n").utf8).write(to: file)
            let broken = try await CLI.run(["migrate", "dev", "--name", "broken"] + url, in: project.root)
            #expect(broken.status != 0)
            #expect(broken.stderr.contains("schema.sql:3"), "\(broken.stderr)")
            #expect(broken.stderr.contains("the schema's SQL must build from an empty database"), "\(broken.stderr)")
            #expect(try Self.folders(project).count == 2)
        }
    }

    @Test("on a terminal: a possible rename is asked about and a yes renames; a drifted database offers a reset and a no changes nothing")
    func terminalQuestions() async throws {
        let project = try TestProject()
        try Self.write(Self.schema(.sqlite), to: project)
        #expect(try await CLI.run(["migrate", "dev", "--name", "init"], in: project.root).status == 0)
        try Self.write(Self.schema(.sqlite).replacingOccurrences(of: "  name  String?", with: "  fullName String?"), to: project)
        let renamed = try CLI.onTerminal("migrate dev --name rename", in: project.root, typing: "y", environment: ["NO_COLOR": "1"])
        #expect(renamed.contains("Column User.name is gone and fullName is new, of the same type. Did you rename it to fullName?"), "\(renamed)")
        #expect(renamed.contains("RENAME COLUMN \"name\" TO \"fullName\""), "\(renamed)")
        #expect(try Self.folders(project).count == 2)

        let session = try await DatabaseDriver.sqlite.connect(
            ConnectionRequest(url: try DatabaseURL("sqlite:" + project.root.appendingPathComponent("strata.db").path), schema: nil, applicationName: "test"))
        try await session.execute("CREATE TABLE by_hand (id INTEGER)")
        await session.close()
        let declined = try CLI.onTerminal("migrate dev --name next", in: project.root, typing: "n", environment: ["NO_COLOR": "1"])
        #expect(declined.contains("has drifted from the migrations:"), "\(declined)")
        #expect(declined.contains("+ table by_hand"), "\(declined)")
        #expect(declined.contains("Reset it (drop everything, then apply every migration again)? All its data will be lost. [y/N]"))
        #expect(declined.contains("no migration was written"), "\(declined)")
        #expect(try Self.folders(project).count == 2)
    }

    @Test("a change that drops data is refused without --accept-data-loss, and nothing is written", arguments: Backend.allCases)
    func dataLoss(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let url = ["--url", database.url]
            try Self.write(Self.schema(backend, bio: true), to: project)
            #expect(try await CLI.run(["migrate", "dev", "--name", "init"] + url, in: project.root).status == 0)
            try Self.write(Self.schema(backend), to: project)
            let refused = try await CLI.run(["migrate", "dev", "--name", "drop_bio"] + url, in: project.root)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("the migration would lose data"), "\(refused.output)")
            #expect(refused.stderr.contains("Drops column `User.bio`"))
            #expect(refused.stderr.contains("--accept-data-loss"))
            #expect(try Self.folders(project).count == 1)
            let accepted = try await CLI.run(["migrate", "dev", "--name", "drop_bio", "--accept-data-loss"] + url, in: project.root)
            #expect(accepted.status == 0, "\(accepted.output)")
            #expect(accepted.stdout.contains("Warnings:"))
            #expect(try Self.folders(project).count == 2)
        }
    }

    @Test("diff --from empty --to schema.prisma --script needs no database; --exit-code is 2 when they differ")
    func diffWithoutDatabase() async throws {
        let project = try TestProject()
        try Self.write(Self.schema(.sqlite), to: project)
        let script = try await CLI.run(["migrate", "diff", "--from", "empty", "--to", "schema.prisma", "--script"], in: project.root)
        #expect(script.status == 0, "\(script.output)")
        #expect(script.stdout.hasPrefix("-- CreateTable\nCREATE TABLE \"Post\""), "\(script.stdout)")
        #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent("strata.db").path))
        let differ = try await CLI.run(["migrate", "diff", "--from", "empty", "--to", "schema.prisma", "--exit-code"], in: project.root)
        #expect(differ.status == 2)
        #expect(differ.stdout.contains("+ table User"))
        let missing = try await CLI.run(["migrate", "diff", "--from", "nowhere", "--to", "schema.prisma"], in: project.root)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nowhere does not exist"))
        try Data("model {".utf8).write(to: project.root.appendingPathComponent("broken.prisma"))
        let broken = try await CLI.run(["migrate", "diff", "--from", "empty", "--to", "broken.prisma"], in: project.root)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("broken.prisma:1:"), "\(broken.output)")
    }
}
