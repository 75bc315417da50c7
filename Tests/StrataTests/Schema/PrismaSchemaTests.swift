import Foundation
@testable import Strata
import Testing

/// What Prisma Migrate would create from a schema: tables, types and names.
@Suite("Prisma schema conversion")
struct PrismaSchemaTests {
    static func convert(_ text: String, provider: String = "postgresql") throws -> PrismaSchema {
        let source = "datasource db {\n  provider = \"\(provider)\"\n  url = env(\"DATABASE_URL\")\n}\n" + text
        return try PrismaSchema(files: [PrismaParser.parse(source, path: "schema.prisma")])
    }

    static let blog = """
        enum Role {
          USER
          ADMIN
          MODERATOR @map("moderator")
        }

        model User {
          id        Int      @id @default(autoincrement())
          email     String   @unique
          name      String?  @map("full_name")
          role      Role     @default(USER)
          createdAt DateTime @default(now())
          updatedAt DateTime @updatedAt
          posts     Post[]
          @@map("users")
        }

        model Post {
          id         String     @id @default(cuid())
          title      String     @db.VarChar(200)
          tags       String[]   @default([])
          authorId   Int
          author     User       @relation(fields: [authorId], references: [id])
          reviewerId Int?
          reviewer   User?      @relation("Reviews", fields: [reviewerId], references: [id], onDelete: Cascade)
          categories Category[]
          @@index([authorId])
          @@unique([title, authorId(sort: Desc)], map: "post_title_per_author")
        }

        model Category {
          id    Int    @id @default(autoincrement())
          posts Post[]
        }
        """

    @Test("tables, columns, defaults and types as Prisma names them")
    func tables() throws {
        let schema = try Self.convert(Self.blog.replacingOccurrences(of: "posts     Post[]\n", with: "posts     Post[]\n  reviews Post[] @relation(\"Reviews\")\n")).schema
        #expect(schema.tables.map(\.name.name) == ["Post", "_CategoryToPost", "Category", "users"].sorted())
        #expect(schema.enums == [EnumType(name: QualifiedName("Role"), values: ["USER", "ADMIN", "moderator"])])

        let users = try #require(schema.table(QualifiedName("users")))
        #expect(users.columns.map(\.name) == ["id", "email", "full_name", "role", "createdAt", "updatedAt"])
        #expect(users.column("id")?.defaultValue == .autoincrement)
        #expect(users.column("full_name")?.isNullable == true)
        #expect(users.column("role")?.type == ColumnType(.userDefined(QualifiedName("Role"))))
        #expect(users.column("role")?.defaultValue == .expression("'USER'"))
        #expect(users.column("createdAt")?.defaultValue == .expression("CURRENT_TIMESTAMP"))
        #expect(users.column("updatedAt")?.defaultValue == nil)
        #expect(users.primaryKey == PrimaryKey(name: "users_pkey", columns: ["id"]))
        #expect(users.indexes == [TableIndex(name: "users_email_key", columns: ["email"], isUnique: true)])

        let post = try #require(schema.table(QualifiedName("Post")))
        #expect(post.column("id")?.defaultValue == nil)
        #expect(post.column("title")?.type == .builtIn("VARCHAR(200)"))
        #expect(post.column("tags") == Column(name: "tags", type: .builtIn("TEXT", isArray: true), isNullable: true, defaultValue: .expression("ARRAY[]::TEXT[]")))
        #expect(post.indexes.map(\.name) == ["Post_authorId_idx", "post_title_per_author"])
        #expect(post.indexes.last?.parts.last?.order == .descending)
        #expect(post.foreignKeys == [
            ForeignKey(name: "Post_authorId_fkey", columns: ["authorId"], referencedTable: QualifiedName("users"), referencedColumns: ["id"], onDelete: .restrict, onUpdate: .cascade),
            ForeignKey(name: "Post_reviewerId_fkey", columns: ["reviewerId"], referencedTable: QualifiedName("users"), referencedColumns: ["id"], onDelete: .cascade, onUpdate: .cascade),
        ])

        let join = try #require(schema.table(QualifiedName("_CategoryToPost")))
        #expect(join.columns == [Column(name: "A", type: .builtIn("INTEGER")), Column(name: "B", type: .builtIn("TEXT"))])
        #expect(join.primaryKey == PrimaryKey(name: "_CategoryToPost_AB_pkey", columns: ["A", "B"]))
        #expect(join.indexes == [TableIndex(name: "_CategoryToPost_B_index", columns: ["B"])])
        #expect(join.foreignKeys.map(\.referencedTable.name) == ["Category", "Post"])
        #expect(join.foreignKeys.allSatisfy { $0.onDelete == .cascade && $0.onUpdate == .cascade })
    }

    @Test("an optional relation defaults to ON DELETE SET NULL; a self-relation one-to-many is no join table")
    func relations() throws {
        let schema = try Self.convert("""
            model Node {
              id       Int    @id
              parentId Int?
              parent   Node?  @relation("tree", fields: [parentId], references: [id])
              children Node[] @relation("tree")
            }
            """).schema
        #expect(schema.tables.map(\.name.name) == ["Node"])
        #expect(schema.tables[0].foreignKeys.first?.onDelete == .setNull)
    }

    @Test("SQLite: enums are text, no enum types; relationMode prisma makes no foreign keys")
    func sqlite() throws {
        let schema = try Self.convert(Self.blog.replacingOccurrences(of: "String[]   @default([])", with: "String").replacingOccurrences(of: " @db.VarChar(200)", with: ""), provider: "sqlite").schema
        #expect(schema.enums.isEmpty)
        #expect(schema.table(QualifiedName("users"))?.column("role")?.type == .builtIn("TEXT"))
        let emulated = try PrismaSchema(files: [PrismaParser.parse("""
            datasource db {
              provider = "postgresql"
              url = env("DATABASE_URL")
              relationMode = "prisma"
            }
            model A {
              id Int @id
              b  B[]
            }
            model B {
              id  Int @id
              aId Int
              a   A   @relation(fields: [aId], references: [id])
            }
            """, path: "schema.prisma")]).schema
        #expect(emulated.tables.allSatisfy { $0.foreignKeys.isEmpty })
    }

    @Test("@@schema places tables in their namespace, the target one unqualified")
    func namespaces() throws {
        let schema = try Self.convert("""
            model A {
              id Int @id
              @@schema("public")
            }
            model B {
              id Int @id
              @@schema("auth")
            }
            """).schema
        #expect(schema.tables.map(\.name) == [QualifiedName("A"), QualifiedName(schema: "auth", "B")])
    }

    @Test("errors name the place and what to do", arguments: [
        ("model A {\n  id Int @id @default(sequence())\n}", "schema.prisma:6:14: `sequence()` is no default Prisma knows for postgresql"),
        ("model A {\n  id Int @id\n  @@index([nope])\n}", "schema.prisma:7:3: `nope` is no scalar field of model `A`"),
        ("enum E {\n  X\n}\nmodel A {\n  id Int @id\n  e E @default(Y)\n}", "schema.prisma:10:7: `Y` is no value of enum `E`"),
        ("type T {\n  a Int\n}", "schema.prisma:5:1: composite `type` blocks exist only for MongoDB"),
        ("model A {\n  id Int @id\n  b Strin\n}", "schema.prisma:7:5: `Strin` is no type, enum or model"),
    ])
    func errors(_ text: String, _ summary: String) throws {
        let error = try #require(throws: PrismaSchemaError.self) { try Self.convert(text) }
        #expect(error.summary == summary)
        #expect(error.nextStep != nil)
    }

    @Test("a schema without datasource, or with a provider Strata does not read, is an error")
    func datasource() throws {
        let missing = try #require(throws: PrismaSchemaError.self) {
            try PrismaSchema(files: [PrismaParser.parse("model A {\n  id Int @id\n}\n", path: "s.prisma")])
        }
        #expect(missing.problem == "the schema has no `datasource` block")
        let mongo = try #require(throws: PrismaSchemaError.self) { try Self.convert("", provider: "mongodb") }
        #expect(mongo.summary == "schema.prisma:2:3: Strata reads schemas for PostgreSQL and SQLite, not provider `mongodb`")
    }
}
