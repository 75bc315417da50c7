import Foundation
import Strata
import Testing

/// `schema erd`: the diagram of a schema, its Mermaid and DOT text, and the command through the built binary.
@Suite("schema diagrams")
struct SchemaDiagramTests {
    /// User 1-n Post, Profile 1-1 User (a unique foreign key), User's manager
    /// (a nullable self-reference), Post m-n Tag (Prisma's implicit `_PostToTag`)
    /// and Rating's composite key.
    static let models = """
        model User {
          id        Int      @id @default(autoincrement())
          email     String   @unique @db.VarChar(255)
          name      String?
          managerId Int?
          manager   User?    @relation("Reports", fields: [managerId], references: [id])
          reports   User[]   @relation("Reports")
          posts     Post[]
          profile   Profile?
          ratings   Rating[]
        }

        model Profile {
          id     Int     @id @default(autoincrement())
          bio    String?
          userId Int     @unique
          user   User    @relation(fields: [userId], references: [id])
        }

        model Post {
          id       Int      @id @default(autoincrement())
          title    String
          authorId Int
          author   User     @relation(fields: [authorId], references: [id])
          tags     Tag[]
          ratings  Rating[]
        }

        model Tag {
          id    Int    @id @default(autoincrement())
          name  String @unique
          posts Post[]
        }

        model Rating {
          postId Int
          userId Int
          stars  Decimal @db.Decimal(3, 1)
          post   Post    @relation(fields: [postId], references: [id])
          user   User    @relation(fields: [userId], references: [id])

          @@id([postId, userId])
        }
        """

    /// The models on `provider`; SQLite has no native types, so it goes without `@db.VarChar(255)` and `@db.Decimal(3, 1)`.
    static func prisma(provider: String) -> String {
        let models = provider == "sqlite"
            ? models.replacingOccurrences(of: " @db.VarChar(255)", with: "").replacingOccurrences(of: " @db.Decimal(3, 1)", with: "")
            : models
        return "datasource db {\n  provider = \"\(provider)\"\n  url      = env(\"DATABASE_URL\")\n}\n\n" + models + "\n"
    }

    static func diagram() throws -> SchemaDiagram {
        SchemaDiagram(try PrismaSchema(files: [PrismaParser.parse(prisma(provider: "postgresql"), path: "schema.prisma")]).schema)
    }

    static let mermaid = """
        erDiagram
            "Post" {
                INTEGER id PK
                TEXT title
                INTEGER authorId FK
            }
            "Profile" {
                INTEGER id PK
                TEXT bio "nullable"
                INTEGER userId FK, UK
            }
            "Rating" {
                INTEGER postId PK, FK
                INTEGER userId PK, FK
                DECIMAL_3_1 stars
            }
            "Tag" {
                INTEGER id PK
                TEXT name UK
            }
            "User" {
                INTEGER id PK
                VARCHAR_255 email UK
                TEXT name "nullable"
                INTEGER managerId FK "nullable"
            }
            "Post" }o--o{ "Tag" : "_PostToTag (many-to-many)"
            "Post" }o--|| "User" : "authorId"
            "Profile" |o--|| "User" : "userId"
            "Rating" }o--|| "Post" : "postId"
            "Rating" }o--|| "User" : "userId"
            "User" }o--o| "User" : "managerId"
        """

    static let dot = """
        digraph schema {
            graph [rankdir=LR, fontname="Helvetica", nodesep=0.5, ranksep=1.2];
            node [shape=plain, fontname="Helvetica", fontsize=11];
            edge [fontname="Helvetica", fontsize=9, dir=both, color="#4a5568", fontcolor="#4a5568"];
            "Post" [label=<
                <table border="0" cellborder="1" cellspacing="0" cellpadding="4">
                <tr><td colspan="3" bgcolor="#dbe4f0"><b>Post</b></td></tr>
                <tr><td port="l0" align="left">id</td><td align="left">INTEGER</td><td port="r0" align="left">PK</td></tr>
                <tr><td port="l1" align="left">title</td><td align="left">TEXT</td><td port="r1" align="left"></td></tr>
                <tr><td port="l2" align="left">authorId</td><td align="left">INTEGER</td><td port="r2" align="left">FK</td></tr>
                </table>>];
            "Profile" [label=<
                <table border="0" cellborder="1" cellspacing="0" cellpadding="4">
                <tr><td colspan="3" bgcolor="#dbe4f0"><b>Profile</b></td></tr>
                <tr><td port="l0" align="left">id</td><td align="left">INTEGER</td><td port="r0" align="left">PK</td></tr>
                <tr><td port="l1" align="left">bio</td><td align="left">TEXT</td><td port="r1" align="left">nullable</td></tr>
                <tr><td port="l2" align="left">userId</td><td align="left">INTEGER</td><td port="r2" align="left">FK, UK</td></tr>
                </table>>];
            "Rating" [label=<
                <table border="0" cellborder="1" cellspacing="0" cellpadding="4">
                <tr><td colspan="3" bgcolor="#dbe4f0"><b>Rating</b></td></tr>
                <tr><td port="l0" align="left">postId</td><td align="left">INTEGER</td><td port="r0" align="left">PK, FK</td></tr>
                <tr><td port="l1" align="left">userId</td><td align="left">INTEGER</td><td port="r1" align="left">PK, FK</td></tr>
                <tr><td port="l2" align="left">stars</td><td align="left">DECIMAL(3,1)</td><td port="r2" align="left"></td></tr>
                </table>>];
            "Tag" [label=<
                <table border="0" cellborder="1" cellspacing="0" cellpadding="4">
                <tr><td colspan="3" bgcolor="#dbe4f0"><b>Tag</b></td></tr>
                <tr><td port="l0" align="left">id</td><td align="left">INTEGER</td><td port="r0" align="left">PK</td></tr>
                <tr><td port="l1" align="left">name</td><td align="left">TEXT</td><td port="r1" align="left">UK</td></tr>
                </table>>];
            "User" [label=<
                <table border="0" cellborder="1" cellspacing="0" cellpadding="4">
                <tr><td colspan="3" bgcolor="#dbe4f0"><b>User</b></td></tr>
                <tr><td port="l0" align="left">id</td><td align="left">INTEGER</td><td port="r0" align="left">PK</td></tr>
                <tr><td port="l1" align="left">email</td><td align="left">VARCHAR(255)</td><td port="r1" align="left">UK</td></tr>
                <tr><td port="l2" align="left">name</td><td align="left">TEXT</td><td port="r2" align="left">nullable</td></tr>
                <tr><td port="l3" align="left">managerId</td><td align="left">INTEGER</td><td port="r3" align="left">FK, nullable</td></tr>
                </table>>];
            "Post":"r0":e -> "Tag":"l0":w [label="_PostToTag (many-to-many)", arrowtail=crowodot, arrowhead=crowodot];
            "Post":"r2":e -> "User":"l0":w [label="authorId", arrowtail=crowodot, arrowhead=teetee];
            "Profile":"r2":e -> "User":"l0":w [label="userId", arrowtail=teeodot, arrowhead=teetee];
            "Rating":"r0":e -> "Post":"l0":w [label="postId", arrowtail=crowodot, arrowhead=teetee];
            "Rating":"r1":e -> "User":"l0":w [label="userId", arrowtail=crowodot, arrowhead=teetee];
            "User":"r3":e -> "User":"r0":e [label="managerId", arrowtail=crowodot, arrowhead=teeodot];
        }
        """

    @Test("foreign keys become relationships: many-to-one, one-to-one on a unique key, optional when nullable, many-to-many for _PostToTag")
    func relationships() throws {
        let diagram = try Self.diagram()
        #expect(diagram.entities.map(\.name) == ["Post", "Profile", "Rating", "Tag", "User"])
        let byLabel = Dictionary(uniqueKeysWithValues: diagram.relationships.map { ("\($0.from).\($0.label)", $0) })
        #expect(byLabel["Post.authorId"]?.kind == .manyToOne)
        #expect(byLabel["Profile.userId"]?.kind == .oneToOne)
        #expect(byLabel["Rating.postId"]?.kind == .manyToOne, "part of a composite key is not unique on its own")
        #expect(byLabel["User.managerId"]?.isOptional == true)
        #expect(byLabel["Post.authorId"]?.isOptional == false)
        #expect(byLabel["Post._PostToTag (many-to-many)"]?.kind == .manyToMany)
        #expect(byLabel["Post._PostToTag (many-to-many)"]?.to == "Tag")
    }

    @Test("Mermaid erDiagram text")
    func mermaidText() throws {
        #expect(try Self.diagram().mermaid == Self.mermaid + "\n")
    }

    @Test("Graphviz DOT text")
    func dotText() throws {
        #expect(try Self.diagram().dot == Self.dot + "\n")
    }

    @Test("several namespaces qualify names; Mermaid words lose what its grammar cannot hold; DOT labels are escaped")
    func oddNames() {
        let schema = Schema(tables: [
            Table(
                name: QualifiedName(schema: "auth", "users"),
                columns: [
                    Column(name: "id", type: .builtIn("INTEGER")),
                    Column(name: "pk", type: .builtIn("DOUBLE PRECISION"), isNullable: true),
                    Column(name: "a<b>&\"c\"", type: .builtIn("DECIMAL(65,30)", isArray: true)),
                ],
                primaryKey: PrimaryKey(columns: ["id"])),
            Table(
                name: QualifiedName("Token"),
                columns: [Column(name: "userId", type: .builtIn("INTEGER"))],
                foreignKeys: [ForeignKey(name: "f", columns: ["userId"], referencedTable: QualifiedName(schema: "auth", "users"), referencedColumns: ["id"])]),
        ])
        let diagram = SchemaDiagram(schema)
        #expect(diagram.entities.map(\.name) == ["Token", "auth.users"])
        #expect(diagram.mermaid == """
            erDiagram
                "Token" {
                    INTEGER userId FK
                }
                "auth.users" {
                    INTEGER id PK
                    DOUBLE_PRECISION pk_ "nullable"
                    DECIMAL_65_30_[] a_b_c_
                }
                "Token" }o--|| "auth.users" : "userId"

            """)
        #expect(diagram.dot.contains("<td port=\"l2\" align=\"left\">a&lt;b&gt;&amp;&quot;c&quot;</td>"), "\(diagram.dot)")
        #expect(diagram.dot.contains("\"Token\":\"r0\":e -> \"auth.users\":\"l0\":w [label=\"userId\""), "\(diagram.dot)")
    }

    @Test("strata schema erd reads the project's schema.prisma with no database, and writes --output")
    func command() async throws {
        let project = try TestProject()
        try Data(Self.prisma(provider: "sqlite").utf8).write(to: project.root.appendingPathComponent("schema.prisma"))
        let shown = try await CLI.run(["schema", "erd"], in: project.root)
        #expect(shown.status == 0, "\(shown.output)")
        #expect(shown.stdout.hasPrefix("erDiagram\n"), "\(shown.stdout)")
        #expect(shown.stdout.contains("    \"Post\" }o--|| \"User\" : \"authorId\"\n"), "\(shown.stdout)")
        #expect(shown.stdout.contains("        DECIMAL stars\n"), "SQLite's spelling of Decimal: \(shown.stdout)")
        #expect(shown.stdout.contains("        TEXT email UK\n"), "\(shown.stdout)")

        let written = try await CLI.run(["schema", "erd", "--from", "schema.prisma", "--format", "dot", "--output", "schema.dot"], in: project.root)
        #expect(written.status == 0, "\(written.output)")
        #expect(written.stdout.isEmpty)
        let file = try String(contentsOf: project.root.appendingPathComponent("schema.dot"), encoding: .utf8)
        #expect(file.hasPrefix("digraph schema {\n"))
        #expect(file.contains("\"Post\":\"r2\":e -> \"User\":\"l0\":w [label=\"authorId\""), "\(file)")
    }

    @Test("--format svg: Graphviz's drawing where `dot` is on PATH, else the error that says to install it")
    func svg() async throws {
        let project = try TestProject()
        try Data(Self.prisma(provider: "sqlite").utf8).write(to: project.root.appendingPathComponent("schema.prisma"))
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let hasDot = path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/dot") }
        let drawn = try await CLI.run(["schema", "erd", "--format", "svg"], in: project.root)
        if hasDot {
            #expect(drawn.status == 0, "\(drawn.output)")
            #expect(drawn.stdout.hasPrefix("<?xml") || drawn.stdout.hasPrefix("<svg"), "\(drawn.stdout.prefix(200))")
            #expect(drawn.stdout.contains("authorId"))
        } else {
            Self.expectDotMissing(drawn)
        }
        // Without `dot` on PATH, whatever this machine has.
        Self.expectDotMissing(try await CLI.run(["schema", "erd", "--format", "svg"], in: project.root, environment: ["PATH": project.root.path]))
    }

    static func expectDotMissing(_ result: CLIResult) {
        #expect(result.status == 1, "\(result.output)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Graphviz's `dot` is not installed"), "\(result.stderr)")
        #expect(result.stderr.contains("install it (Debian: apt install graphviz) or use --format mermaid|dot"), "\(result.stderr)")
    }

    @Test("--from a database URL draws the live schema with that database's driver, no --url needed", arguments: Backend.allCases)
    func liveDatabase(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try await database.withSession { session in
                try await session.execute("CREATE TABLE \"User\" (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE)")
                try await session.execute(
                    "CREATE TABLE \"Post\" (id INTEGER PRIMARY KEY, \"authorId\" INTEGER NOT NULL REFERENCES \"User\" (id), \"editorId\" INTEGER REFERENCES \"User\" (id))")
            }
            let result = try await CLI.run(["schema", "erd", "--from", database.url], in: project.root)
            #expect(result.status == 0, "\(result.output)")
            #expect(result.stdout.contains("""
                    "Post" }o--|| "User" : "authorId"
                    "Post" }o--o| "User" : "editorId"

                """), "\(result.stdout)")
            #expect(result.stdout.contains("        INTEGER id PK\n        TEXT email UK\n"), "\(result.stdout)")
        }
    }

    @Test("with no schema file and no database configured, erd says what to pass")
    func nothingToRead() async throws {
        let project = try TestProject()
        let result = try await CLI.run(["schema", "erd"], in: project.root)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.stderr.contains("no schema here (looked for schema.prisma, prisma/schema.prisma, prisma/schema, schema.sql, schema) and no database is configured"), "\(result.stderr)")
        #expect(result.stderr.contains("pass --from"), "\(result.stderr)")
    }
}
