import Foundation
@testable import Strata
import StrataPostgres
import StrataSQLite
import Testing

/// `PrismaSchemaWriter` on real databases: a database built from a Prisma
/// schema, introspected and written back as `schema.prisma`, reads as the
/// same database (`migrate diff` from the written file to it is empty),
/// and the written file names only what differs from Prisma's defaults.
@Suite("Prisma schema writer")
struct PrismaSchemaWriterTests {
    static func datasource(_ backend: Backend) -> String {
        "datasource db {\n  provider = \"\(backend == .postgres ? "postgresql" : "sqlite")\"\n  url = env(\"DATABASE_URL\")\n}\n"
    }

    /// Enums, a composite key, a self-relation, two relations between the same
    /// models, a one-to-one, an implicit many-to-many, native types, defaults,
    /// indexes with sort and type, and names Prisma would not choose.
    static func shop(_ backend: Backend) -> String {
        let postgres = backend == .postgres
        return datasource(backend) + """
            enum Role {
              USER
              ADMIN
              \(postgres ? "SUPER_ADMIN @map(\"super-admin\")" : "")
            }
            model User {
              id         Int       @id @default(autoincrement())
              email      String    @unique\(postgres ? " @db.VarChar(255)" : "")
              name       String?   @map("full_name")
              role       Role      @default(USER)
              karma      Int       @default(-1)
              score      Float     @default(1.5)
              active     Boolean   @default(true)
              createdAt  DateTime  @default(now())
              \(postgres ? "uuid String @default(dbgenerated(\"gen_random_uuid()\")) @db.Uuid\n  seenAt DateTime? @db.Timestamptz(6)\n  price Decimal @default(0) @db.Decimal(10, 2)\n  tags String[] @default([\"new\", \"it's\"])\n  roles Role[] @default([])\n  meta Json @default(\"{}\")\n  code String @db.Char(3) @default(\"abc\")" : "bio String @default(\"it's\")")
              managerId  Int?
              manager    User?     @relation("Reports", fields: [managerId], references: [id])
              reports    User[]    @relation("Reports")
              written    Order[]   @relation("Buyer")
              reviewed   Order[]   @relation("Seller")
              profile    Profile?
              groups     Group[]
              @@index([createdAt(sort: Desc), role])
              @@index([name], map: "users_by_name")
              @@map("users")
            }
            model Profile {
              userId Int    @id
              user   User   @relation(fields: [userId], references: [id], onDelete: Cascade)
              bio    String
            }
            model Order {
              buyerId  Int
              sellerId Int
              number   Int
              buyer    User @relation("Buyer", fields: [buyerId], references: [id], onUpdate: NoAction)
              seller   User @relation("Seller", fields: [sellerId], references: [id], map: "order_seller")
              @@id([buyerId, number])
              @@unique([sellerId, number], map: "seller_number")
              @@index([sellerId]\(postgres ? ", type: Hash" : ""))
            }
            model Group {
              id    Int    @id @default(autoincrement())
              name  String
              users User[]
            }
            """
    }

    /// Builds `prisma` on `database`, inspects it, and returns the written file and the diff from it to the database.
    static func roundTrip(_ prisma: String, backend: Backend, project: TestProject, database: TestDatabase) async throws -> (String, SchemaDiffReport) {
        let source = project.root.appendingPathComponent("source.prisma")
        try Data(prisma.utf8).write(to: source)
        let migrator = try project.migrator(database)
        let live = SchemaSourceSpec.database(try DatabaseURL(database.url))
        let build = try await migrator.schemaDiff(from: live, to: .prismaSchema(path: source.path))
        try await database.withSession { try await ShadowReplay(session: $0).apply(script: build.script, file: "source.prisma") }
        let written = try await migrator.inspect(live, format: .prisma).text
        let target = project.root.appendingPathComponent("written.prisma")
        try Data(written.utf8).write(to: target)
        return (written, try await migrator.schemaDiff(from: .prismaSchema(path: target.path), to: live))
    }

    @Test("a database Prisma made reads back as a schema that builds the same database", arguments: Backend.allCases)
    func prismaMadeDatabase(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let (file, diff) = try await Self.roundTrip(Self.shop(backend), backend: backend, project: project, database: database)
            // Fields are aligned; the checks read the file with single spaces.
            let written = file.replacingOccurrences(of: " +", with: " ", options: .regularExpression)
            #expect(diff.isEmpty, "\(diff.diff.migration.changes.map(\.summary))\n\(written)")
            // Prisma's own names need no `map:`; the others keep theirs.
            #expect(!written.contains("map: \"users_pkey\"") && !written.contains("map: \"users_email_key\""), "\(written)")
            #expect(written.contains("@@index([full_name], map: \"users_by_name\")"), "\(written)")
            #expect(written.contains("map: \"seller_number\""), "\(written)")
            #expect(written.contains("map: \"order_seller\""), "\(written)")
            // Valid database names are the model's and fields' own: no @@map, no @map.
            #expect(written.contains("model users {") && written.contains("full_name String?") && !written.contains("@map(\"full_name\")"), "\(written)")
            #expect(written.contains("@@index([createdAt(sort: Desc), role])"), "\(written)")
            // Two relations between users and Order are named; the self-relation too; the one-to-one back-relation is optional.
            #expect(written.contains("@relation(\"Order_buyerIdTousers\", fields: [buyerId], references: [id], onUpdate: NoAction)"), "\(written)")
            #expect(written.contains("@relation(\"users_managerIdTousers\", fields: [managerId], references: [id])"), "\(written)")
            #expect(written.contains("managerUsers users[] @relation(\"users_managerIdTousers\")"), "\(written)")
            #expect(written.contains("buyerOrders Order[] @relation(\"Order_buyerIdTousers\")"), "\(written)")
            #expect(written.contains("user users @relation(fields: [userId], references: [id], onDelete: Cascade)"), "\(written)")
            #expect(written.contains("profile Profile?"), "\(written)")
            // The implicit many-to-many table is two list fields, not a model.
            #expect(!written.contains("model GroupToUser") && written.contains("@relation(\"GroupToUser\")"), "\(written)")
            #expect(written.contains("groups Group[]") && written.contains("users users[]"), "\(written)")
            #expect(written.contains("@default(-1)") && written.contains("@default(now())"), "\(written)")
            if backend == .postgres {
                #expect(written.contains("email String @unique @db.VarChar(255)") && written.contains("@default(USER)"), "\(written)")
                #expect(written.contains("@default(dbgenerated(\"gen_random_uuid()\")) @db.Uuid"), "\(written)")
                #expect(written.contains("@db.Timestamptz(6)") && written.contains("@default(0) @db.Decimal(10, 2)"), "\(written)")
                #expect(written.contains("@default([\"new\", \"it's\"])") && written.contains("Role[]"), "\(written)")
                #expect(written.contains("super_admin @map(\"super-admin\")"), "\(written)")
                #expect(written.contains("@@index([sellerId], type: Hash)"), "\(written)")
            }
        }
    }

    @Test("what Prisma cannot express is named at its model, and only that differs", arguments: Backend.allCases)
    func leftOut(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let sql = """
                CREATE TABLE "line-items" ("id" INTEGER PRIMARY KEY, "2nd name" TEXT NOT NULL, "price" INTEGER NOT NULL CHECK ("price" > 0));
                CREATE INDEX "line_items_lower" ON "line-items" (lower("2nd name"));
                CREATE INDEX "line_items_cheap" ON "line-items" ("price") WHERE "price" < 10;
                CREATE VIEW "cheap" AS SELECT "id" FROM "line-items";
                """
            try await database.withSession { try await ShadowReplay(session: $0).apply(script: sql, file: "schema.sql") }
            let migrator = try project.migrator(database)
            let live = SchemaSourceSpec.database(try DatabaseURL(database.url))
            let written = try await migrator.inspect(live, format: .prisma).text
            #expect(written.contains("model line_items {"), "\(written)")
            #expect(written.contains("@@map(\"line-items\")") && written.contains("nd_name String @map(\"2nd name\")"), "\(written)")
            #expect(written.contains("// The check constraint"), "\(written)")
            #expect(written.contains("// The index line_items_lower is left out: Prisma cannot express indexes on expressions."), "\(written)")
            #expect(written.contains("@@index([price], map: \"line_items_cheap\", where: raw("), "a partial index, as Strata reads it: \(written)")
            #expect(written.contains("// The view cheap is left out"), "\(written)")
            let target = project.root.appendingPathComponent("written.prisma")
            try Data(written.utf8).write(to: target)
            let diff = try await migrator.schemaDiff(from: .prismaSchema(path: target.path), to: live)
            let summaries = diff.diff.migration.changes.map(\.summary)
            #expect(summaries.count == 3, "the check, the expression index and the view: \(summaries)")
        }
    }

    @Test("a comment over several lines is noted line by line, and the written file still parses")
    func multiLineComment() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            let sql = """
                CREATE TABLE "notes" ("id" INTEGER PRIMARY KEY, "body" TEXT);
                COMMENT ON TABLE "notes" IS 'kept for
                two years';
                COMMENT ON COLUMN "notes"."body" IS 'first line
                second line';
                """
            try await database.withSession { try await ShadowReplay(session: $0).apply(script: sql, file: "schema.sql") }
            let migrator = try project.migrator(database)
            let written = try await migrator.inspect(.database(try DatabaseURL(database.url)), format: .prisma).text
            #expect(written.contains("// The table's comment is left out: kept for\n// two years"), "\(written)")
            #expect(written.contains("// second line"), "\(written)")
            let target = project.root.appendingPathComponent("written.prisma")
            try Data(written.utf8).write(to: target)
            let diff = try await migrator.schemaDiff(from: .prismaSchema(path: target.path), to: .database(try DatabaseURL(database.url)))
            #expect(diff.diff.migration.changes.allSatisfy { $0.summary.contains("comment") }, "only the comments differ: \(diff.diff.migration.changes.map(\.summary))")
        }
    }

    @Test("--format sql is the SQL that creates the schema from an empty database", arguments: Backend.allCases)
    func sqlFormat(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let (_, _) = try await Self.roundTrip(Self.shop(backend), backend: backend, project: project, database: database)
            let migrator = try project.migrator(database)
            let live = SchemaSourceSpec.database(try DatabaseURL(database.url))
            let sql = try await migrator.inspect(live, format: .sql)
            #expect(sql.text.contains("CREATE TABLE \"users\""), "\(sql.text)")
            #expect(sql.tables == 5, "users, Profile, Order, Group and the join table")
            let file = project.root.appendingPathComponent("schema.sql")
            try sql.write(to: file.path)
            let diff = try await migrator.schemaDiff(from: .sqlSchema(path: file.path), to: live)
            #expect(diff.isEmpty, "\(diff.diff.migration.changes.map(\.summary))")
        }
    }

    @Test("several namespaces list `schemas` and `@@schema` every block; types Prisma lacks are Unsupported; identity and generated columns are noted")
    func namespacesAndNotes() {
        let schema = Schema(
            tables: [
                Table(
                    name: QualifiedName("Doc"),
                    columns: [
                        Column(name: "id", type: .builtIn("BIGINT"), identity: .always),
                        Column(name: "body", type: .builtIn("TEXT")),
                        Column(name: "search", type: .builtIn("tsvector"), isNullable: true, generatedExpression: "to_tsvector('simple'::regconfig, body)"),
                        Column(name: "at", type: .builtIn("TIMESTAMPTZ"), defaultValue: .expression("now()")),
                    ],
                    primaryKey: PrimaryKey(name: "Doc_pkey", columns: ["id"])),
                Table(name: QualifiedName(schema: "audit", "Entry"), columns: [Column(name: "id", type: .builtIn("UUID"))], primaryKey: PrimaryKey(name: "entry_pk", columns: ["id"])),
            ],
            enums: [EnumType(name: QualifiedName(schema: "audit", "Kind"), values: ["a"])])
        let written = PrismaSchemaWriter(provider: .postgresql).write(schema)
        let text = written.text.replacingOccurrences(of: " +", with: " ", options: .regularExpression)
        #expect(text.contains("schemas = [\"public\", \"audit\"]"), "\(text)")
        #expect(text.contains("@@schema(\"public\")") && text.contains("@@schema(\"audit\")"), "\(text)")
        #expect(text.contains("search Unsupported(\"tsvector\")?"), "\(text)")
        #expect(text.contains("at DateTime @default(dbgenerated(\"now()\")) @db.Timestamptz"), "now() is not CURRENT_TIMESTAMP, which now() reads back as: \(text)")
        #expect(text.contains("id String @id(map: \"entry_pk\") @db.Uuid"), "\(text)")
        #expect(text.contains("// `id` is GENERATED ALWAYS AS IDENTITY in the database; Prisma cannot say so."), "\(text)")
        #expect(text.contains("// `search` is GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, body)) STORED"), "\(text)")
        #expect(written.models == 2 && written.enums == 1)
    }
}
