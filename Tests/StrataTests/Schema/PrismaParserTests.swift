import Foundation
@testable import Strata
import Testing

/// `PrismaParser`: the schema language as Prisma users write it.
@Suite("Prisma schema parser")
struct PrismaParserTests {
    static let sample = """
        // A comment nobody keeps.
        datasource db {
          provider  = "postgresql"
          url       = env("DATABASE_URL")
          schemas   = ["public", "audit"]
          extensions = [pgcrypto, postgis(version: "3.4")]
        }

        generator client {
          provider        = "prisma-client-js"
          previewFeatures = ["multiSchema", "views"]
        }

        /// Who may sign in.
        enum Role {
          USER
          ADMIN     @map("admin")
          @@map("role")
        }

        /// A person.
        /// Second line.
        model User {
          id        Int      @id @default(autoincrement())
          email     String   @unique @db.VarChar(255) // trailing comment
          /// Shown on the profile.
          bio       String?
          roles     Role[]   @default([USER])
          score     Decimal  @default(-1.5) @db.Decimal(10, 2)
          location  Unsupported("geography(Point, 4326)")?
          posts     Post[]
          createdAt DateTime @default(now()) @map("created_at")

          @@index([email(sort: Desc), createdAt], type: BTree, map: "user_email_idx")
          @@map("users")
          @@schema("public")
        }

        model Post {
          id       String @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid
          author   User   @relation("Posts", fields: [authorId], references: [id], onDelete: Cascade,)
          authorId Int
          title    String @default("say \\"hi\\"\\n")
        }
        """

    @Test("blocks, fields, types, attributes and their arguments, with their places")
    func sampleSchema() throws {
        let file = try PrismaParser.parse(Self.sample, path: "schema.prisma")
        #expect(file.blocks.map { "\($0.kind.rawValue) \($0.name)" } == ["datasource db", "generator client", "enum Role", "model User", "model Post"])

        let datasource = file.blocks[0]
        #expect(datasource.properties.map(\.key) == ["provider", "url", "schemas", "extensions"])
        #expect(datasource.properties[1].value == .function("env", [PrismaArgument(
            name: nil, value: .string("DATABASE_URL"), location: SourceLocation(line: 4, column: 19))]))
        #expect(datasource.properties[2].value.elements == [.string("public"), .string("audit")])
        guard case .function("postgis", let arguments) = datasource.properties[3].value.elements[1] else {
            Issue.record("postgis(version:) was not read as a function")
            return
        }
        #expect(arguments.first?.name == "version")

        let role = file.blocks[2]
        #expect(role.documentation == "Who may sign in.")
        #expect(role.values.map(\.name) == ["USER", "ADMIN"])
        #expect(role.values[1].attributes.first?.argument("name", positional: true)?.value == .string("admin"))
        #expect(role.attributes.map(\.name) == ["map"])

        let user = file.blocks[3]
        #expect(user.documentation == "A person.\nSecond line.")
        #expect(user.location == SourceLocation(line: 23, column: 1))
        #expect(user.fields.map(\.name) == ["id", "email", "bio", "roles", "score", "location", "posts", "createdAt"])
        #expect(user.fields[0].attributes.map(\.name) == ["id", "default"])
        #expect(user.fields[0].attributes[1].arguments.first?.value == .function("autoincrement", []))
        #expect(user.fields[1].attributes.map(\.name) == ["unique", "db.VarChar"])
        #expect(user.fields[1].attributes[1].arguments.first?.value == .number("255"))
        #expect(user.fields[2].documentation == "Shown on the profile.")
        #expect(user.fields[2].type.isOptional)
        #expect(user.fields[3].type.isList && user.fields[3].type.name == "Role")
        #expect(user.fields[3].attributes[0].arguments.first?.value == .array([.constant("USER")]))
        #expect(user.fields[4].attributes[0].arguments.first?.value == .number("-1.5"))
        #expect(user.fields[5].type.unsupported == "geography(Point, 4326)" && user.fields[5].type.isOptional)
        #expect(user.fields[7].location == SourceLocation(line: 32, column: 3))
        let index = try #require(user.attributes.first)
        #expect(index.name == "index")
        #expect(index.argument("fields", positional: true)?.value.elements.first
            == .function("email", [PrismaArgument(name: "sort", value: .constant("Desc"), location: SourceLocation(line: 34, column: 18))]))
        #expect(index.argument("type")?.value == .constant("BTree"))
        #expect(index.argument("map")?.value == .string("user_email_idx"))

        let post = file.blocks[4]
        let relation = try #require(post.fields[1].attributes.first)
        #expect(relation.argument("name", positional: true)?.value == .string("Posts"))
        #expect(relation.argument("fields")?.value == .array([.constant("authorId")]))
        #expect(relation.argument("onDelete")?.value == .constant("Cascade"))
        #expect(post.fields[0].attributes[1].arguments.first?.value
            == .function("dbgenerated", [PrismaArgument(name: nil, value: .string("gen_random_uuid()"), location: SourceLocation(line: 40, column: 44))]))
        #expect(post.fields[3].attributes[0].arguments.first?.value == .string("say \"hi\"\n"))
    }

    @Test("errors name the file, line and column, show the line, and say what was expected", arguments: [
        ("modle User {\n  id Int @id\n}\n", 1, 1, "expected a block (datasource, generator, model, view, enum or type), found `modle`"),
        ("model User {\n  id Int @id\n  email\n}\n", 3, 3, "the field `email` has no type"),
        ("model User {\n  id Int @id @default(autoincrement()\n}\n", 3, 1, "expected `,` between the arguments of `@default(`, or `)` to close them, found `}`"),
        ("model User {\n  id Int @id\n  name String @default(\"open)\n}\n", 3, 24, "this string is not closed on its line"),
        ("model User {\n  tags String[]?\n}\n", 2, 16, "a list cannot be optional"),
        ("datasource db {\n  provider \"postgresql\"\n}\n", 2, 12, "expected `=` after `provider`"),
        ("model User {\n  id Int @id\n", 3, 1, "expected a field (`name Type`), an `@@` attribute or `}` closing `model User`, found the end of the file"),
        ("model User {\n  id Int @id $\n}\n", 2, 14, "unexpected character `$`"),
    ])
    func errors(_ text: String, _ line: Int, _ column: Int, _ problem: String) throws {
        let error = #expect(throws: PrismaSchemaError.self) { try PrismaParser.parse(text, path: "prisma/schema.prisma") }
        #expect(error?.location == SourceLocation(line: line, column: column))
        #expect(error?.summary.hasPrefix("prisma/schema.prisma:\(line):\(column): \(problem)") == true, "\(error?.summary ?? "")")
        #expect(error?.details.first?.contains("^") == true)
        #expect(error?.nextStep == "fix the schema at line \(line)")
    }
}
