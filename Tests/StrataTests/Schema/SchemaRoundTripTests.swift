import Foundation
@testable import Strata
import StrataPostgres
import StrataSQLite
import Testing

/// On real databases: a database holding schema A, given `diff(A, B)`,
/// reads back as B (the diff from it to B is empty), and the reverse diff
/// brings A back. Each schema goes through Prisma conversion, a shadow
/// database, introspection, the differ and the renderer.
@Suite("Schema round trips")
struct SchemaRoundTripTests {
    static func datasource(_ backend: Backend) -> String {
        "datasource db {\n  provider = \"\(backend == .postgres ? "postgresql" : "sqlite")\"\n  url = env(\"DATABASE_URL\")\n}\n"
    }

    /// A blog: enum, one-to-many, implicit many-to-many, composite keys, a self-relation, a cycle.
    static func blog(_ backend: Backend) -> String {
        datasource(backend) + """
            enum Role {
              USER
              ADMIN
            }
            model User {
              id        Int      @id @default(autoincrement())
              email     String   @unique
              name      String?
              role      Role     @default(USER)
              createdAt DateTime @default(now())
              bestPostId Int?    @unique
              bestPost  Post?    @relation("Best", fields: [bestPostId], references: [id])
              posts     Post[]   @relation("Author")
              managerId Int?
              manager   User?    @relation("Reports", fields: [managerId], references: [id])
              reports   User[]   @relation("Reports")
            }
            model Post {
              id         Int        @id @default(autoincrement())
              title      String
              published  Boolean    @default(false)
              authorId   Int
              author     User       @relation("Author", fields: [authorId], references: [id], onDelete: Cascade)
              bestOf     User?      @relation("Best")
              categories Category[]
              @@index([authorId, published(sort: Desc)])
            }
            model Category {
              id    Int    @id @default(autoincrement())
              name  String
              posts Post[]
            }
            model Tagging {
              postId Int
              tag    String
              @@id([postId, tag])
            }
            """
    }

    /// The blog changed: a renamed column, a dropped one, new required and
    /// optional columns, a type change, a new enum value, a new unique, a dropped model.
    static func changedBlog(_ backend: Backend) -> String {
        blog(backend)
            .replacingOccurrences(of: "  ADMIN\n", with: "  ADMIN\n  MODERATOR\n")
            .replacingOccurrences(of: "  name      String?\n", with: "  fullName  String?\n  bio       String?\n")
            .replacingOccurrences(of: "  published  Boolean    @default(false)\n", with: "  published  Boolean    @default(true)\n  views      Int        @default(0)\n")
            .replacingOccurrences(of: "  name  String\n", with: "  name  String @unique\n")
            .replacingOccurrences(of: "model Tagging {\n  postId Int\n  tag    String\n  @@id([postId, tag])\n}", with: "")
            + (backend == .postgres ? "\nmodel Slug {\n  slug String @id @db.VarChar(64)\n  tags String[]\n}\n" : "\nmodel Slug {\n  slug String @id\n}\n")
    }

    @Test("empty → blog → changed blog (with a confirmed rename) → blog → empty", arguments: Backend.allCases)
    func roundTrip(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let blog = project.root.appendingPathComponent("blog.prisma")
            let changed = project.root.appendingPathComponent("changed.prisma")
            let empty = project.root.appendingPathComponent("empty.prisma")
            try Data(Self.blog(backend).utf8).write(to: blog)
            try Data(Self.changedBlog(backend).utf8).write(to: changed)
            try Data(Self.datasource(backend).utf8).write(to: empty)
            let migrator = try project.migrator(database)
            let url = try DatabaseURL(database.url)
            let live = SchemaSourceSpec.database(url)

            for (target, renames) in [(blog, []), (changed, ["User.name=fullName"]), (blog, ["User.fullName=name"]), (empty, [])] {
                let step = try await migrator.schemaDiff(from: live, to: .prismaSchema(path: target.path), renames: renames)
                #expect(!step.isEmpty, "\(target.lastPathComponent) differs from the database before the step")
                let session = try await database.session()
                do {
                    try await ShadowReplay(session: session).apply(script: step.script, file: target.lastPathComponent)
                    await session.close()
                } catch {
                    await session.close()
                    Issue.record("applying the diff to \(target.lastPathComponent) failed: \(error)\n\(step.script)")
                    return
                }
                let after = try await migrator.schemaDiff(from: live, to: .prismaSchema(path: target.path))
                #expect(after.isEmpty, "after the step to \(target.lastPathComponent): \(after.diff.migration.changes.map(\.summary))\n\(step.script)")
                if renames.first == "User.name=fullName" {
                    #expect(!step.script.contains("DROP COLUMN \"name\""), "the rename keeps the data:\n\(step.script)")
                    #expect(step.script.contains("\"fullName\""))
                }
            }
        }
    }

    /// Runs a hand-written pair through every step of the property tests
    /// (A, B, down.sql, B again, A); records the failing step.
    static func roundTrip(_ backend: Backend, _ pair: SchemaPropertyCase) async throws {
        try await withFreshDatabase(backend) { project, database in
            do {
                try await pair.run(in: project, on: database)
            } catch let failure as SchemaPropertyCase.Failure {
                Issue.record("\(failure)")
            }
        }
    }

    @Test("SQLite: a table renamed and rebuilt keeps the foreign keys that point at it, and its own")
    func sqliteRenamedAndRebuilt() async throws {
        let parent = { (name: String, nameColumn: String) in
            """
            CREATE TABLE "\(name)" (
                "id" INTEGER NOT NULL CONSTRAINT "Parent_pkey" PRIMARY KEY,
                \(nameColumn),
                "parentId" INTEGER,
                CONSTRAINT "Parent_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "\(name)" ("id") ON DELETE SET NULL ON UPDATE CASCADE
            );
            CREATE TABLE "Child" (
                "id" INTEGER NOT NULL CONSTRAINT "Child_pkey" PRIMARY KEY,
                "parentId" INTEGER,
                CONSTRAINT "Child_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "\(name)" ("id") ON DELETE CASCADE ON UPDATE CASCADE
            );
            """
        }
        try await Self.roundTrip(.sqlite, SchemaPropertyCase(
            a: parent("Parent", "\"name\" TEXT"), b: parent("Mother", "\"fullName\" TEXT NOT NULL DEFAULT 'x'"),
            renames: ["Parent=Mother", "Parent.name=fullName"], reverseRenames: ["Mother=Parent", "Mother.fullName=name"]))
    }

    @Test("PostgreSQL: an enum replaced after its table and column were renamed, the column's default kept; a renamed enum converts its columns")
    func postgresEnumReplacedAfterRenames() async throws {
        let schema = { (table: String, column: String, values: String, other: String) in
            """
            CREATE TYPE "Mood" AS ENUM (\(values));
            CREATE TYPE "\(other)" AS ENUM ('A', 'B');
            CREATE TABLE "\(table)" (
                "id" SERIAL NOT NULL,
                "\(column)" "Mood" NOT NULL DEFAULT 'OK',
                "moods" "Mood"[] NOT NULL DEFAULT '{}',
                "grade" "\(other)" DEFAULT 'A',
                CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
            );
            """
        }
        try await Self.roundTrip(.postgres, SchemaPropertyCase(
            a: schema("Person", "mood", "'OK', 'BAD', 'MEH'", "Grade"), b: schema("Human", "feeling", "'OK', 'BAD'", "Mark"),
            renames: ["Person=Human", "Person.mood=feeling"], reverseRenames: ["Human=Person", "Human.feeling=mood"]))
    }

    @Test("a foreign key follows a renamed column of the table it references", arguments: Backend.allCases)
    func foreignKeyFollowsRenamedColumn(_ backend: Backend) async throws {
        let schema = { (key: String) in
            """
            CREATE TABLE "Team" ("\(key)" INTEGER NOT NULL, CONSTRAINT "Team_pkey" PRIMARY KEY ("\(key)"));
            CREATE TABLE "Player" (
                "id" INTEGER NOT NULL,
                "teamId" INTEGER,
                CONSTRAINT "Player_pkey" PRIMARY KEY ("id"),
                CONSTRAINT "Player_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("\(key)") ON DELETE CASCADE ON UPDATE CASCADE
            );
            """
        }
        try await Self.roundTrip(backend, SchemaPropertyCase(
            a: schema("id"), b: schema("key"), renames: ["Team.id=key"], reverseRenames: ["Team.key=id"]))
    }

    @Test("PostgreSQL: standalone sequences are read, created, altered and dropped; a Prisma schema keeps the database's")
    func postgresSequences() async throws {
        try await Self.roundTrip(.postgres, SchemaPropertyCase(
            a: "CREATE SEQUENCE \"counter\" START WITH 10 INCREMENT BY 2;\nCREATE SEQUENCE \"gone\";\n",
            b: "CREATE SEQUENCE \"counter\" START WITH 15 INCREMENT BY 3;\nCREATE SEQUENCE \"fresh\" START WITH 5;\n"))
        try await withFreshDatabase(.postgres) { project, database in
            try await database.withSession { try await $0.execute("CREATE SEQUENCE \"counter\" START WITH 10") }
            let prisma = project.root.appendingPathComponent("schema.prisma")
            try Data((Self.datasource(.postgres) + "model Item {\n  id Int @id\n}\n").utf8).write(to: prisma)
            let migrator = try project.migrator(database)
            let live = SchemaSourceSpec.database(try DatabaseURL(database.url))
            #expect(try await migrator.readSchema(live).sequences == [DatabaseSequence(name: QualifiedName("counter"), start: 10)])
            let up = try await migrator.schemaDiff(from: live, to: .prismaSchema(path: prisma.path))
            #expect(!up.script.contains("SEQUENCE"), "Prisma cannot declare sequences, so it leaves them alone:\n\(up.script)")
            let down = try await migrator.schemaDiff(from: .prismaSchema(path: prisma.path), to: live)
            #expect(!down.script.contains("SEQUENCE"), "\(down.script)")
        }
    }

    @Test("a new table may take the names of a dropped table's key and index: the table is dropped first", arguments: Backend.allCases)
    func newTableTakesDroppedNames(_ backend: Backend) async throws {
        let schema = { (table: String) in
            """
            CREATE TABLE "\(table)" ("id" INTEGER NOT NULL, "name" TEXT, CONSTRAINT "Tag_pkey" PRIMARY KEY ("id"));
            CREATE INDEX "Tag_name_idx" ON "\(table)" ("name");
            """
        }
        try await Self.roundTrip(backend, SchemaPropertyCase(a: schema("Tag"), b: schema("Label")))
    }

    @Test("PostgreSQL: a type change it has no cast for (boolean to bytea, jsonb to uuid, text[] to integer) converts through text")
    func postgresTypeChangeWithoutCast() async throws {
        let schema = { (flag: String, data: String, tags: String) in
            """
            CREATE TABLE "Item" (
                "id" INTEGER NOT NULL, "flag" \(flag), "data" \(data), "tags" \(tags),
                CONSTRAINT "Item_pkey" PRIMARY KEY ("id")
            );
            """
        }
        try await Self.roundTrip(.postgres, SchemaPropertyCase(
            a: schema("BOOLEAN NOT NULL DEFAULT true", "JSONB", "TEXT[]"), b: schema("BYTEA", "UUID", "INTEGER DEFAULT 0")))
    }
}
